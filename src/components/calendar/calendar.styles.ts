import { css } from 'lit';

/** Styles of `<tb-calendar>`; the root adds them to its shadow root, where the calendar renders. */
export const calendarStyles = css`
  tb-calendar {
    display: block;
    max-width: 448px;
  }
  tb-calendar .header {
    display: flex;
    align-items: center;
    gap: var(--tb-space-2, 8px);
    margin-block-end: var(--tb-space-2, 8px);
  }
  tb-calendar .header h3 {
    flex: 1;
    margin: 0;
    text-align: center;
    font-weight: var(--tb-font-weight-strong, 600);
  }
  tb-calendar .nav {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 44px;
    min-height: 44px;
    padding: 0;
    border: 1px solid var(--tb-color-primary, #2044aa);
    border-radius: var(--tb-radius, 4px);
    color: var(--tb-color-primary, #2044aa);
    background: var(--tb-color-bg, #ffffff);
    cursor: pointer;
  }
  tb-calendar .nav:hover {
    background: var(--tb-color-surface, #f3f4f7);
  }
  tb-calendar .nav[aria-disabled='true'] {
    opacity: 0.4;
    background: var(--tb-color-bg, #ffffff);
    cursor: not-allowed;
  }
  tb-calendar .nav:focus-visible,
  tb-calendar .day:focus-visible {
    outline: var(--tb-focus-ring, 4px solid #454b6b);
    outline-offset: var(--tb-focus-offset, 2px);
  }

  tb-calendar table {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: var(--tb-space-1, 4px);
  }
  tb-calendar th {
    padding: 0;
    font-size: var(--tb-font-size-small, 16px);
    font-weight: var(--tb-font-weight-regular, 400);
    color: var(--tb-color-text-muted, #51577a);
    text-align: center;
  }
  tb-calendar abbr {
    text-decoration: none;
  }
  tb-calendar td {
    height: 44px;
    padding: 0;
    text-align: center;
    vertical-align: middle;
  }
  tb-calendar .day {
    position: relative;
    border: 2px solid transparent;
    border-radius: var(--tb-radius, 4px);
    color: var(--tb-color-text, #131525);
    font-variant-numeric: tabular-nums;
  }
  tb-calendar .day[aria-current='date'] {
    border-color: var(--tb-color-border, #6e7597);
  }

  /* Bookable: bold, filled and dotted, so colour is never the only sign. */
  tb-calendar .day[data-state='available'] {
    background: var(--tb-color-success-bg, #cdf2e4);
    font-weight: var(--tb-font-weight-strong, 600);
    cursor: pointer;
  }
  tb-calendar .day[data-state='available']::after,
  tb-calendar .swatch.available::after {
    content: '';
    position: absolute;
    inset-inline-start: calc(50% - 3px);
    inset-block-end: 4px;
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--tb-color-success, #007155);
  }
  tb-calendar .day[data-state='available']:hover {
    border-color: var(--tb-color-primary, #2044aa);
  }
  tb-calendar .day[aria-selected='true'] {
    border-color: var(--tb-color-primary, #2044aa);
    background: var(--tb-color-primary, #2044aa);
    color: var(--tb-color-on-primary, #ffffff);
  }
  tb-calendar .day[aria-selected='true']::after {
    background: var(--tb-color-on-primary, #ffffff);
  }
  tb-calendar .day[aria-disabled='true'] {
    color: var(--tb-color-text-muted, #51577a);
    text-decoration: line-through;
  }
  tb-calendar .day[data-state='loading'] {
    background: var(--tb-color-surface, #f3f4f7);
    color: var(--tb-color-text-muted, #51577a);
  }
  @media (prefers-reduced-motion: no-preference) {
    tb-calendar .day[data-state='loading'] {
      animation: tb-calendar-pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes tb-calendar-pulse {
    to {
      opacity: 0.55;
    }
  }

  tb-calendar .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--tb-space-2, 8px) var(--tb-space-4, 24px);
    margin: var(--tb-space-2, 8px) 0 0;
    padding: 0;
    list-style: none;
    font-size: var(--tb-font-size-small, 16px);
    color: var(--tb-color-text-muted, #51577a);
  }
  tb-calendar .legend li {
    display: flex;
    align-items: center;
    gap: var(--tb-space-2, 8px);
  }
  tb-calendar .swatch {
    position: relative;
    flex: none;
    width: 24px;
    height: 24px;
    border-radius: var(--tb-radius, 4px);
  }
  tb-calendar .swatch.available {
    background: var(--tb-color-success-bg, #cdf2e4);
  }
  tb-calendar .swatch.selected {
    background: var(--tb-color-primary, #2044aa);
  }
  tb-calendar .swatch.unavailable {
    border: 1px solid var(--tb-color-border, #6e7597);
    background: linear-gradient(
      to top right,
      transparent calc(50% - 1px),
      var(--tb-color-text-muted, #51577a) calc(50% - 1px) calc(50% + 1px),
      transparent calc(50% + 1px)
    );
  }

  @media (forced-colors: active) {
    tb-calendar .day {
      border-color: Canvas;
    }
    tb-calendar .day[aria-current='date'] {
      border-color: CanvasText;
    }
    tb-calendar .day[aria-disabled='true'] {
      color: GrayText;
    }
    tb-calendar .day[data-state='available']::after,
    tb-calendar .swatch.available::after {
      forced-color-adjust: none;
      background: CanvasText;
    }
    tb-calendar .day[aria-selected='true'],
    tb-calendar .swatch.selected {
      forced-color-adjust: none;
      border: 2px solid CanvasText;
      background: Highlight;
      color: HighlightText;
    }
    tb-calendar .day[aria-selected='true']::after {
      background: HighlightText;
    }
    tb-calendar .swatch.unavailable {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: linear-gradient(
        to top right,
        Canvas calc(50% - 1px),
        GrayText calc(50% - 1px) calc(50% + 1px),
        Canvas calc(50% + 1px)
      );
    }
    tb-calendar .nav[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
