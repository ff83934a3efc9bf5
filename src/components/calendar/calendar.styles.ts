import { css } from 'lit';
import { tokens } from '../../styles/base.styles.js';

/**
 * Styles of `<tb-calendar>`; the root adds them to its shadow root, where the calendar renders. `baseStyles` come
 * first there, so the month buttons and the legend start from its button and list resets; only what differs is here.
 */
export const calendarStyles = css`
  /* Token defaults for a test that adopts this sheet on its own; nothing matches :root in the shadow root. */
  :root {
    ${tokens}
  }
  tb-calendar {
    display: block;
    max-width: 448px;
  }
  tb-calendar .header {
    display: flex;
    align-items: center;
    gap: var(--tb-space-2);
    margin-block-end: var(--tb-space-2);
  }
  tb-calendar .header h3 {
    flex: 1;
    margin: 0;
    text-align: center;
  }
  /* The base button (colours, hover, focus ring, 44px width, forced-colors border), square and with a thin frame. */
  tb-calendar .nav {
    min-height: 44px;
    padding: 0;
    border-width: 1px;
  }
  /* Fainter than the base sheet's disabled look, and no hover fill. */
  tb-calendar .nav[aria-disabled='true'] {
    opacity: 0.4;
    background: var(--tb-color-bg);
  }

  tb-calendar table {
    width: 100%;
    table-layout: fixed;
    /* border-collapse stays at its initial "separate", which border-spacing needs. */
    border-spacing: var(--tb-space-1);
  }
  tb-calendar th {
    padding: 0;
    font-size: var(--tb-font-size-small);
    font-weight: var(--tb-font-weight-regular);
    color: var(--tb-color-text-muted);
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
    border-radius: var(--tb-radius);
    color: var(--tb-color-text);
    font-variant-numeric: tabular-nums;
  }
  tb-calendar .day[aria-current='date'] {
    border-color: var(--tb-color-border);
  }

  /* Bookable: bold, filled and dotted, so colour is never the only sign. */
  tb-calendar .day[data-state='available'] {
    background: var(--tb-color-success-bg);
    font-weight: var(--tb-font-weight-strong);
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
    background: var(--tb-color-success);
  }
  tb-calendar .day[data-state='available']:hover {
    border-color: var(--tb-color-primary);
  }
  tb-calendar .day[aria-selected='true'] {
    border-color: var(--tb-color-primary);
    background: var(--tb-color-primary);
    color: var(--tb-color-on-primary);
  }
  tb-calendar .day[aria-selected='true']::after {
    background: var(--tb-color-on-primary);
  }
  tb-calendar .day[aria-disabled='true'] {
    color: var(--tb-color-text-muted);
    text-decoration: line-through;
  }
  tb-calendar .day[data-state='loading'],
  tb-calendar .day[data-state='unknown'] {
    background: var(--tb-color-surface);
    color: var(--tb-color-text-muted);
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
    gap: var(--tb-space-2) var(--tb-space-4);
    margin-block-start: var(--tb-space-2);
    font-size: var(--tb-font-size-small);
    color: var(--tb-color-text-muted);
  }
  tb-calendar .legend li {
    display: flex;
    align-items: center;
    gap: var(--tb-space-2);
  }
  tb-calendar .swatch {
    position: relative;
    flex: none;
    width: 24px;
    height: 24px;
    border-radius: var(--tb-radius);
  }
  tb-calendar .swatch.available {
    background: var(--tb-color-success-bg);
  }
  tb-calendar .swatch.selected {
    background: var(--tb-color-primary);
  }
  tb-calendar .swatch.today {
    border: 2px solid var(--tb-color-border);
  }
  tb-calendar .swatch.unavailable {
    border: 1px solid var(--tb-color-border);
    background: linear-gradient(
      to top right,
      transparent calc(50% - 1px),
      var(--tb-color-text-muted) calc(50% - 1px) calc(50% + 1px),
      transparent calc(50% + 1px)
    );
  }

  @media (forced-colors: active) {
    tb-calendar .day {
      border-color: Canvas;
    }
    tb-calendar .day[aria-current='date'],
    tb-calendar .swatch.today {
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
