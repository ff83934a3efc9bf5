import { css } from 'lit';
import { tokens } from '../../styles/base.styles.js';

/**
 * Styles of `<tb-slot-list>`; the root adds them to its shadow root, where the list renders. `baseStyles` come
 * first there, so the list's headings, list and buttons start from its resets, and only what differs is here.
 */
export const slotListStyles = css`
  /* Token defaults for a test that adopts this sheet on its own; nothing matches :root in the shadow root. */
  :root {
    ${tokens}
  }
  tb-slot-list {
    display: block;
  }
  /* An h3 outside the list (in the date step); its focus ring is the base sheet's h3:focus-visible. */
  .times-heading {
    margin: var(--tb-space-5) 0 var(--tb-space-3);
    font-weight: var(--tb-font-weight-strong);
  }
  tb-slot-list .group + .group {
    margin-block-start: var(--tb-space-4);
  }
  /* The base reset leaves h4 out, so its margin is set here. */
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
  }
  /* The base button (colours, hover, focus ring, 48px height, forced-colors border), filling its cell, with
     a thinner frame, the line height of the text around it and figures of equal width. */
  tb-slot-list button {
    display: flex;
    gap: var(--tb-space-1);
    width: 100%;
    padding: var(--tb-space-2);
    border-width: 1px;
    line-height: inherit;
    text-align: start;
    font-variant-numeric: tabular-nums;
  }
  /* While a time is being reserved the others wait, dimmed (the base sheet's aria-disabled look), with a
     progress cursor. */
  tb-slot-list button[aria-disabled='true'] {
    cursor: progress;
  }
  /* Chosen: filled, a thicker frame and a check mark, so the state does not rest on colour alone. The one
     being reserved stays solid: this rule outranks the base sheet's dimming. */
  tb-slot-list button[aria-pressed='true'] {
    border-width: 3px;
    color: var(--tb-color-on-primary);
    background: var(--tb-color-primary);
    opacity: 1;
  }
  @media (forced-colors: active) {
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
