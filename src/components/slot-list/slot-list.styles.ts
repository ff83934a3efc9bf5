import { css } from 'lit';
import { tokens } from '../../styles/base.styles.js';

/** Styles of `<tb-slot-list>`; the root adds them to its shadow root, where the list renders. */
export const slotListStyles = css`
  /* Token defaults for a test that adopts this sheet on its own; nothing matches :root in the shadow root. */
  :root {
    ${tokens}
  }
  tb-slot-list {
    display: block;
  }
  .times-heading {
    margin: var(--tb-space-5) 0 var(--tb-space-3);
    font-weight: var(--tb-font-weight-strong);
  }
  .times-heading:focus {
    outline: none;
  }
  .times-heading:focus-visible {
    outline: var(--tb-focus-ring);
    outline-offset: var(--tb-focus-offset);
  }
  tb-slot-list .group + .group {
    margin-block-start: var(--tb-space-4);
  }
  tb-slot-list h4 {
    margin: 0 0 var(--tb-space-2);
    font-size: var(--tb-font-size-small);
    font-weight: var(--tb-font-weight-strong);
    color: var(--tb-color-text-muted);
  }
  tb-slot-list .slots {
    --tb-slot-gap: var(--tb-space-2);
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
    gap: var(--tb-space-1);
    width: 100%;
    min-height: var(--tb-control-height);
    padding: var(--tb-space-2);
    border: 1px solid var(--tb-color-primary);
    border-radius: var(--tb-radius);
    color: var(--tb-color-primary);
    background: var(--tb-color-bg);
    font-family: var(--tb-font-family);
    font-weight: var(--tb-font-weight-strong);
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
  tb-slot-list button:hover {
    background: var(--tb-color-surface);
  }
  tb-slot-list button:focus-visible {
    outline: var(--tb-focus-ring);
    outline-offset: var(--tb-focus-offset);
  }
  /* Chosen: filled, a thicker frame and a check mark, so the state does not rest on colour alone. */
  tb-slot-list button[aria-pressed='true'] {
    border-width: 3px;
    color: var(--tb-color-on-primary);
    background: var(--tb-color-primary);
  }
  /* While a time is being reserved the others wait, dimmed; the one being reserved stays solid. */
  tb-slot-list button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
  tb-slot-list button[aria-pressed='true'] {
    opacity: 1;
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
    tb-slot-list button[aria-disabled='true']:not([aria-pressed='true']) {
      color: GrayText;
    }
  }
`;
