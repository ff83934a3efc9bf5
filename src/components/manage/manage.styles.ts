import { css } from 'lit';

/**
 * Styles of the manage views. They render in light DOM inside the root's shadow root, so the root
 * element includes this sheet in its own styles.
 */
export const manageStyles = css`
  /* Font, line height and box-sizing need no repeating here: the dialog inherits them from its place in the
     shadow tree, top layer or not, and the reset's "*" rule covers it. */
  tb-confirm-dialog dialog {
    width: min(544px, calc(100vw - 2 * var(--tb-space-3)));
    max-height: calc(100dvh - 2 * var(--tb-space-3));
    padding: var(--tb-space-5);
    border: 0;
    border-block-start: 8px solid var(--tb-color-error);
    border-radius: var(--tb-radius);
    background: var(--tb-color-bg);
    color: var(--tb-color-text);
    box-shadow: 0 8px 32px rgb(19 21 37 / 0.35);
  }
  /* Side by side where both fit, else stacked, each the full width: never two ragged widths on a phone. */
  tb-confirm-dialog button {
    flex: 1 1 auto;
  }
  tb-confirm-dialog dialog::backdrop {
    background: rgb(19 21 37 / 0.55);
  }
  .manage-status {
    display: flex;
    align-items: baseline;
    gap: var(--tb-space-2);
  }
  .manage-status .badge {
    padding: 0 var(--tb-space-2);
    border-radius: var(--tb-radius);
    background: var(--tb-color-success-bg);
    border-inline-start: 4px solid var(--tb-color-success);
    font-weight: var(--tb-font-weight-strong);
  }
  .manage-entry {
    margin-block-start: var(--tb-space-6);
    padding-block-start: var(--tb-space-3);
    border-block-start: 1px solid var(--tb-color-border);
  }
`;

