import { css } from 'lit';

/** The look of the step header and of the step components, which render into the root's shadow tree. */
export const stepStyles = css`
  .step-header {
    margin-block-end: var(--tb-space-4);
  }
  /* The back button is a button.link, whose "display: inline" and "min-height: 0" outrank a .back rule; a button
     renders inline-block all the same, so this margin holds, and the 1.4em chevron makes it about 28px tall. */
  .back {
    margin-block-end: var(--tb-space-3);
  }
  .back::before {
    content: '‹';
    font-size: 1.4em;
    line-height: 1;
    margin-inline-end: var(--tb-space-1);
  }
  .progress {
    display: grid;
    gap: var(--tb-space-1);
    margin-block-end: var(--tb-space-3);
    color: var(--tb-color-text-muted);
    font-size: var(--tb-font-size-small);
  }
  progress {
    appearance: none;
    display: block;
    width: 100%;
    height: 8px;
    border: 0;
    border-radius: 2px;
    background: var(--tb-color-progress-track);
    color: var(--tb-color-focus);
  }
  progress::-webkit-progress-bar {
    background: var(--tb-color-progress-track);
    border-radius: 2px;
  }
  progress::-webkit-progress-value {
    background: var(--tb-color-focus);
    border-radius: 2px;
  }
  progress::-moz-progress-bar {
    background: var(--tb-color-focus);
  }
  .tz-note {
    margin-block-start: calc(-1 * var(--tb-space-2));
  }

  /* Services */
  .service-list {
    display: grid;
    gap: var(--tb-space-2);
  }
  /* A service and a location are cards alike: framed, and marked on the left once chosen. */
  .service,
  .choice {
    display: flex;
    gap: var(--tb-space-3);
    padding: var(--tb-space-3);
    border: 1px solid var(--tb-color-border);
    border-radius: var(--tb-radius);
  }
  .service.chosen,
  .choice:has(input:checked) {
    border-color: var(--tb-color-primary);
    box-shadow: inset 4px 0 0 var(--tb-color-primary);
  }
  .service {
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
  }
  /* Long German compounds from the town's catalog ("Wohnungsgeberbestätigung") break rather than push the
     card wider than a phone's screen, at a large text size above all. */
  .service-text {
    display: grid;
    gap: var(--tb-space-1);
    flex: 1 1 256px;
    overflow-wrap: anywhere;
  }
  .service-name,
  .choice-title {
    font-weight: var(--tb-font-weight-strong);
  }
  .stepper {
    display: flex;
    align-items: stretch;
  }
  .stepper button {
    min-width: var(--tb-control-height);
    padding: 0;
    font-size: calc(24px * var(--tb-text-scale, 1));
  }
  .stepper button:first-child {
    border-radius: var(--tb-radius) 0 0 var(--tb-radius);
  }
  .stepper button:last-child {
    border-radius: 0 var(--tb-radius) var(--tb-radius) 0;
  }
  .stepper input {
    width: 56px;
    text-align: center;
    border-radius: 0;
    -moz-appearance: textfield;
  }
  .stepper input::-webkit-inner-spin-button,
  .stepper input::-webkit-outer-spin-button {
    -webkit-appearance: none;
    margin: 0;
  }
  .total {
    margin-block-start: var(--tb-space-3);
    font-weight: var(--tb-font-weight-strong);
  }
  .total:empty {
    margin: 0;
  }

  /* Location choices */
  .choice {
    position: relative;
    align-items: flex-start;
    margin-block-end: var(--tb-space-2);
  }
  /* The input reset ("all: unset") has already removed the native look and margin. */
  .choice input[type='radio'] {
    position: relative;
    z-index: 1;
    flex: none;
    width: 32px;
    height: 32px;
    min-height: 0;
    padding: 0;
    border: 2px solid var(--tb-color-input-border);
    border-radius: 50%;
    background: var(--tb-color-bg);
    cursor: pointer;
  }
  .choice input[type='radio']:checked {
    background: radial-gradient(circle, var(--tb-color-primary) 0 45%, var(--tb-color-bg) 50%);
    border-color: var(--tb-color-primary);
  }
  /* The ring itself is the base sheet's input:focus-visible; a round box gets it clear of its edge. */
  .choice input[type='radio']:focus-visible {
    outline-offset: var(--tb-focus-offset);
  }
  .choice label {
    display: grid;
    gap: var(--tb-space-1);
    cursor: pointer;
  }
  .choice label::after {
    /* The whole card is the target, not just the small circle. */
    content: '';
    position: absolute;
    inset: 0;
  }

  /* Summary list (review and confirmation). One grid for all rows (subgrid), so that a row without
     "Ändern" ("Bitte mitbringen") keeps its answer in line with the others. */
  .summary {
    display: grid;
    grid-template-columns: minmax(128px, 1fr) 2fr auto;
    margin-block-end: var(--tb-space-3);
    border-top: 1px solid var(--tb-color-border);
  }
  .summary-row {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: minmax(128px, 1fr) 2fr auto;
    grid-template-columns: subgrid;
    gap: var(--tb-space-1) var(--tb-space-3);
    padding-block: var(--tb-space-3);
    border-bottom: 1px solid var(--tb-color-border);
  }
  .summary dt {
    font-weight: var(--tb-font-weight-strong);
    overflow-wrap: break-word;
  }
  .summary dd {
    overflow-wrap: anywhere;
  }
  .summary .line {
    display: block;
  }
  .summary ul {
    padding-inline-start: 1.25em;
    list-style: disc;
  }
  /* Narrow: the label wraps between words to leave room for "Ändern"; only where a single word of it is
     too long does "Ändern" move below. The answer always has a line of its own. */
  /* In em, which media queries take from the reader's text size: a larger text gets the narrow layout sooner. */
  @media (max-width: 37.5em) {
    .summary-row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
    }
    .summary-row dt {
      flex: 1 1 0;
    }
    .summary-row dd:not(.summary-action) {
      order: 1;
      flex-basis: 100%;
    }
  }

  /* The month's free days as a list, under the calendar */
  .day-list {
    margin-block: var(--tb-space-3);
  }
  .day-list summary {
    width: fit-content;
    color: var(--tb-color-primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .day-list ul {
    display: grid;
    justify-items: start;
    gap: var(--tb-space-1);
    margin-block-start: var(--tb-space-2);
  }
  .day-list button {
    text-align: start;
  }
  .day-list button[aria-pressed='true'] {
    font-weight: var(--tb-font-weight-strong);
  }

  /* Confirmation */
  .panel {
    padding: var(--tb-space-4);
    margin-block-end: var(--tb-space-5);
    border-inline-start: 8px solid var(--tb-color-success);
    background: var(--tb-color-success-bg);
  }
  .code-label {
    margin-block-start: var(--tb-space-3);
  }
  .code {
    font-size: calc(32px * var(--tb-text-scale, 1));
    font-weight: var(--tb-font-weight-strong);
    letter-spacing: 0.08em;
    line-height: 1.2;
    margin-block: var(--tb-space-1) var(--tb-space-2);
  }
  .privacy {
    margin-block-start: var(--tb-space-4);
    font-size: var(--tb-font-size-small);
  }
  .error-summary ul {
    display: grid;
    gap: var(--tb-space-1);
  }
  .error-summary a {
    color: var(--tb-color-error);
    font-weight: var(--tb-font-weight-strong);
  }
  .hold {
    margin-block-end: var(--tb-space-4);
    padding: var(--tb-space-2) var(--tb-space-3);
    background: var(--tb-color-surface);
    border-radius: var(--tb-radius);
  }
  @media print {
    .no-print,
    .back,
    .progress {
      display: none !important;
    }
  }
`;
