import { css } from 'lit';

/**
 * The token defaults, declared on the host by `baseStyles`. The calendar and slot-list sheets also declare them
 * on `:root`, which matches nothing inside the widget's shadow root: there it only serves a test that adopts one
 * of those sheets on its own, and it spares a `var()` fallback at every use. Written once, shipped once.
 */
export const tokens = css`
  --tb-color-text: var(--kern-color-layout-text-default, #131525);
  --tb-color-text-muted: var(--kern-color-layout-text-muted, #51577a);
  --tb-color-bg: var(--kern-color-layout-background-default, #ffffff);
  --tb-color-surface: #f3f4f7;
  --tb-color-primary: var(--kern-color-action-default, #2044aa);
  --tb-color-on-primary: #ffffff;
  --tb-color-primary-hover: #3054b2;
  --tb-color-primary-active: #4063ba;
  --tb-color-border: #6e7597;
  --tb-color-input-border: #1d2034;
  --tb-color-error: #c31c13;
  --tb-color-error-bg: #fee4e0;
  --tb-color-success: #007155;
  --tb-color-success-bg: #cdf2e4;
  /* KERN's warning look (orange): #b34a00 is 5.4:1 on white and 4.8:1 on its background (as a border it needs 3:1). */
  --tb-color-warning: var(--kern-color-feedback-warning, #b34a00);
  --tb-color-warning-bg: var(--kern-color-feedback-warning-background, #fff0e0);
  --tb-color-focus: #454b6b;
  --tb-color-progress-track: #dfe1ea;
  --tb-focus-ring: 4px solid var(--tb-color-focus);
  --tb-focus-offset: 2px;
  --tb-font-family: inherit;
  --tb-font-size-body: calc(18px * var(--tb-text-scale, 1));
  --tb-line-height-body: 1.5;
  --tb-font-size-small: calc(16px * var(--tb-text-scale, 1));
  --tb-font-size-h2: calc(21px * var(--tb-text-scale, 1));
  --tb-font-weight-regular: 400;
  --tb-font-weight-strong: 600;
  --tb-radius: 4px;
  --tb-radius-input: 2px;
  --tb-border-width: 2px;
  --tb-control-height: 48px;
  --tb-space-1: 4px;
  --tb-space-2: 8px;
  --tb-space-3: 16px;
  --tb-space-4: 24px;
  --tb-space-5: 32px;
  --tb-space-6: 40px;
  --tb-space-7: 48px;
  --tb-space-8: 64px;
`;

/**
 * Tokens and the shared look of every step (KERN's public-sector visual language). Each token falls back
 * to KERN's own custom property where a page already uses KERN, then to KERN's default value.
 * Everything is reset inside the shadow root so hostile page CSS (`button { all: unset }`) cannot reach in.
 * Sizes are in px, not rem: a CMS theme that sets `html { font-size: 22px }` must not resize the widget.
 * Browser zoom still scales it (WCAG 1.4.4), and text sizes are multiplied by `--tb-text-scale`, the
 * reader's own default text size (TextScaleController), as rem would be on a page that leaves it alone.
 */
export const baseStyles = css`
  :host {
    ${tokens}

    display: block;
    /* Page rules such as "* { font-size: 22px; line-height: 3 }" match the host itself and win over
       normal :host rules; !important ones in the shadow root win over the page's normal ones. */
    box-sizing: border-box !important;
    max-width: 768px;
    color: var(--tb-color-text);
    background: var(--tb-color-bg);
    font-family: var(--tb-font-family);
    font-size: var(--tb-font-size-body) !important;
    font-weight: var(--tb-font-weight-regular);
    line-height: var(--tb-line-height-body) !important;
    text-align: start;
    letter-spacing: normal;
    -webkit-text-size-adjust: 100%;
  }
  @media (min-width: 768px) {
    :host {
      --tb-font-size-h2: calc(24px * var(--tb-text-scale, 1));
    }
  }
  /* Hover and pressed shades follow a town's own primary colour (KERN mixes in 8 % and 16 % white). */
  @supports (color: color-mix(in srgb, red, white)) {
    :host {
      --tb-color-primary-hover: color-mix(in srgb, var(--tb-color-primary) 92%, white);
      --tb-color-primary-active: color-mix(in srgb, var(--tb-color-primary) 84%, white);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
    font-size: inherit;
    line-height: inherit;
  }
  /* Only elements the templates use (no fieldset, legend or ol); none of them has a border of its own. */
  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
    padding: 0;
  }
  ul {
    list-style: none;
  }
  h2 {
    font-size: var(--tb-font-size-h2);
    font-weight: var(--tb-font-weight-strong);
    line-height: 1.25;
    margin-block-end: var(--tb-space-3);
  }
  h3 {
    font-size: var(--tb-font-size-body);
    font-weight: var(--tb-font-weight-strong);
    margin-block-end: var(--tb-space-2);
  }
  /* One focus ring for everything focusable but form fields (below). Headings and the calendar's days get focus
     from script (tabindex -1 or a roving 0), and show it only where the browser would show its own ring,
     i.e. after keyboard use. Browsers draw their own ring on :focus-visible only, so :focus needs no reset. */
  h2:focus-visible,
  h3:focus-visible,
  a:focus-visible,
  button:focus-visible,
  summary:focus-visible,
  td:focus-visible {
    outline: var(--tb-focus-ring);
    outline-offset: var(--tb-focus-offset);
  }
  p + p {
    margin-block-start: var(--tb-space-2);
  }
  .muted,
  .hint {
    color: var(--tb-color-text-muted);
    font-size: var(--tb-font-size-small);
  }
  .intro {
    margin-block-end: var(--tb-space-4);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  /* Underlined already by the browser's own style, which page CSS cannot reach in here. */
  a {
    color: var(--tb-color-primary);
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 3px;
  }
  /* A phone number is read and dialled as one: "0123 4567-" and "100" on two lines is easy to misread;
     "Do 8–" and "12 Uhr" in opening hours likewise. */
  a[href^='tel'],
  .nowrap {
    white-space: nowrap;
  }

  /* Buttons: the page's own button styles are reset first, then drawn from tokens. */
  button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--tb-space-2);
    min-height: var(--tb-control-height);
    min-width: 44px;
    padding: var(--tb-space-2) var(--tb-space-3);
    border: var(--tb-border-width) solid var(--tb-color-primary);
    border-radius: var(--tb-radius);
    font-family: var(--tb-font-family);
    font-size: var(--tb-font-size-body);
    font-weight: var(--tb-font-weight-strong);
    line-height: 1.25;
    text-align: center;
    cursor: pointer;
    color: var(--tb-color-primary);
    background: var(--tb-color-bg);
  }
  button:hover {
    background: var(--tb-color-surface);
  }
  button.primary {
    color: var(--tb-color-on-primary);
    background: var(--tb-color-primary);
  }
  button.primary:hover {
    background: var(--tb-color-primary-hover);
    border-color: var(--tb-color-primary-hover);
  }
  button.primary:active {
    background: var(--tb-color-primary-active);
  }
  /* Destructive (KERN danger): red, so that "Ja, Termin absagen" cannot pass for an ordinary yes. */
  button.danger {
    border-color: var(--tb-color-error);
    background: var(--tb-color-error);
    color: var(--tb-color-bg);
  }
  button.danger:hover {
    background: color-mix(in srgb, var(--tb-color-error) 84%, black);
  }
  /* Text in running text: same size, line and left edge as the words around it (inline targets are exempt
     from WCAG 2.5.8's 24 px). */
  button.link {
    display: inline;
    min-height: 0;
    min-width: 0;
    padding: 0;
    border: 0;
    background: none;
    font-size: inherit;
    font-weight: var(--tb-font-weight-regular);
    line-height: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--tb-space-3);
    margin-block-start: var(--tb-space-5);
  }

  /* Form fields (KERN): label above, hint between, 2px bottom border, error bar on the left. */
  .field {
    display: grid;
    gap: var(--tb-space-1);
    margin-block-end: var(--tb-space-4);
    max-width: 512px;
  }
  .field label {
    font-weight: var(--tb-font-weight-strong);
  }
  input,
  textarea {
    all: unset;
    box-sizing: border-box;
    display: block;
    width: 100%;
    min-height: var(--tb-control-height);
    padding: var(--tb-space-2) var(--tb-space-3);
    border-bottom: var(--tb-border-width) solid var(--tb-color-input-border);
    border-radius: var(--tb-radius-input) var(--tb-radius-input) 0 0;
    background: var(--tb-color-surface);
    color: var(--tb-color-text);
    font-family: var(--tb-font-family);
    font-size: var(--tb-font-size-body);
    line-height: 1.5;
  }
  textarea {
    min-height: 96px;
    white-space: pre-wrap;
  }
  input:hover,
  textarea:hover {
    border-bottom-width: 4px;
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: var(--tb-focus-ring);
  }
  .invalid {
    border-inline-start: 4px solid var(--tb-color-error);
    padding-inline-start: var(--tb-space-3);
  }
  .field.invalid input,
  .field.invalid textarea {
    border-bottom-color: var(--tb-color-error);
    background: var(--tb-color-error-bg);
  }
  /* A checkbox: the box left of its label, the hint below the label. */
  .field:has(> [type='checkbox']) {
    grid-template-columns: auto 1fr;
    column-gap: var(--tb-space-3);
  }
  .field:has(> [type='checkbox']) > :not([type='checkbox']) {
    grid-column: 2;
  }
  [type='checkbox'] {
    all: revert;
    grid-area: 1 / 1;
    width: 24px;
    height: 24px;
    margin: 0;
    accent-color: var(--tb-color-input-border);
  }
  .field-error {
    color: var(--tb-color-error);
    font-weight: var(--tb-font-weight-strong);
    font-size: var(--tb-font-size-small);
  }

  /* Notices */
  .notice {
    margin-block: var(--tb-space-3);
    padding: var(--tb-space-3);
    border-inline-start: 4px solid var(--tb-color-primary);
    background: var(--tb-color-surface);
  }
  .notice.error {
    border-color: var(--tb-color-error);
    background: var(--tb-color-error-bg);
  }
  .notice.success {
    border-color: var(--tb-color-success);
    background: var(--tb-color-success-bg);
  }
  .notice.warning {
    border-color: var(--tb-color-warning);
    background: var(--tb-color-warning-bg);
  }
  /* The pending confirmation and status badge have the neutral look. */
  .panel.pending,
  .manage-status .badge.pending {
    border-color: var(--tb-color-focus);
    background: var(--tb-color-surface);
  }
  .notice h3 {
    margin-block-end: var(--tb-space-1);
  }
  .notice .actions,
  .notice > button {
    margin-block-start: var(--tb-space-3);
  }

  .loading {
    padding: var(--tb-space-4) 0;
    color: var(--tb-color-text-muted);
    /* Fast answers should not flash a loading message: it appears only after 300 ms. */
    opacity: 0;
    animation: tb-appear 0s linear 300ms forwards;
  }
  @keyframes tb-appear {
    to {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    button,
    input,
    textarea {
      border: 1px solid ButtonText;
    }
    .invalid,
    .notice {
      border-inline-start-color: CanvasText;
    }
  }
`;
