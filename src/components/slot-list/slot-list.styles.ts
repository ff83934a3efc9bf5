import { css } from 'lit';

/** Styles of `<tb-slot-list>`; the root adds them to its shadow root, where the list renders. */
export const slotListStyles = css`
  tb-slot-list {
    display: block;
    margin-block-start: var(--tb-space-5, 32px);
  }
  tb-slot-list h3 {
    margin: 0 0 var(--tb-space-3, 16px);
    font-weight: var(--tb-font-weight-strong, 600);
  }
  tb-slot-list h3:focus {
    outline: none;
  }
  tb-slot-list h3:focus-visible {
    outline: var(--tb-focus-ring, 4px solid #454b6b);
    outline-offset: var(--tb-focus-offset, 2px);
  }
  tb-slot-list .group + .group {
    margin-block-start: var(--tb-space-4, 24px);
  }
  tb-slot-list h4 {
    margin: 0 0 var(--tb-space-2, 8px);
    font-size: var(--tb-font-size-small, 16px);
    font-weight: var(--tb-font-weight-strong, 600);
    color: var(--tb-color-text-muted, #51577a);
  }
  tb-slot-list .slots {
    --tb-slot-gap: var(--tb-space-2, 8px);
    display: grid;
    /* At most five per row on wide layouts, never narrower than a comfortable 96px. */
    grid-template-columns: repeat(auto-fill, minmax(max(96px, (100% - 4 * var(--tb-slot-gap)) / 5), 1fr));
    gap: var(--tb-slot-gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  tb-slot-list button {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--tb-space-1, 4px);
    width: 100%;
    min-height: var(--tb-control-height, 48px);
    padding: var(--tb-space-2, 8px);
    border: 1px solid var(--tb-color-primary, #2044aa);
    border-radius: var(--tb-radius, 4px);
    color: var(--tb-color-primary, #2044aa);
    background: var(--tb-color-bg, #ffffff);
    font-family: var(--tb-font-family, inherit);
    font-weight: var(--tb-font-weight-strong, 600);
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
  tb-slot-list button:hover {
    background: var(--tb-color-surface, #f3f4f7);
  }
  tb-slot-list button:focus-visible {
    outline: var(--tb-focus-ring, 4px solid #454b6b);
    outline-offset: var(--tb-focus-offset, 2px);
  }
  /* Chosen: filled, a thicker frame and a check mark, so the state does not rest on colour alone. */
  tb-slot-list button[aria-pressed='true'] {
    border-width: 3px;
    color: var(--tb-color-on-primary, #ffffff);
    background: var(--tb-color-primary, #2044aa);
  }
  tb-slot-list button[aria-disabled='true'] {
    cursor: progress;
  }
  tb-slot-list button[aria-disabled='true']:not([aria-pressed='true']) {
    opacity: 0.6;
  }
  tb-slot-list .none {
    margin: 0;
  }
  @media (forced-colors: active) {
    tb-slot-list button {
      border-color: ButtonText;
    }
    tb-slot-list button[aria-pressed='true'] {
      forced-color-adjust: none;
      border-color: CanvasText;
      color: HighlightText;
      background: Highlight;
    }
    tb-slot-list button[aria-disabled='true'] {
      color: GrayText;
    }
  }
`;
