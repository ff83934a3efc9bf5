/**
 * The staff pages' stylesheet: KERN tokens as in ../shared/DESIGN.md, the same values the widget uses.
 * Sizes in rem so that browser text size and 200 % zoom reflow rather than overflow; a print layout that
 * drops navigation and actions.
 */
export const STAFF_CSS = `
:root {
  --tb-color-text: #131525; --tb-color-text-muted: #51577A; --tb-color-bg: #FFFFFF; --tb-color-surface: #F3F4F7;
  --tb-color-primary: #2044AA; --tb-color-on-primary: #FFFFFF; --tb-color-primary-hover: #3054B2;
  --tb-color-border: #6E7597; --tb-color-input-border: #1D2034; --tb-color-error: #C31C13; --tb-color-error-bg: #FEE4E0;
  --tb-color-success: #007155; --tb-color-success-bg: #CDF2E4; --tb-color-focus: #454B6B;
  --tb-focus-ring: 4px solid var(--tb-color-focus); --tb-radius: 4px; --tb-radius-input: 2px; --tb-control-height: 3rem;
  --tb-space-1: 0.25rem; --tb-space-2: 0.5rem; --tb-space-3: 1rem; --tb-space-4: 1.5rem; --tb-space-5: 2rem;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, "Fira Sans", "Noto Sans", sans-serif; color: var(--tb-color-text); background: var(--tb-color-bg); }
body { margin: 0; font-size: 1.125rem; line-height: 1.5; overflow-wrap: anywhere; }
a { color: var(--tb-color-primary); }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: var(--tb-focus-ring); outline-offset: 2px; }
input:focus-visible, select:focus-visible, textarea:focus-visible { outline: var(--tb-focus-ring); outline-offset: 0; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: var(--tb-space-3); top: var(--tb-space-3); background: var(--tb-color-bg); padding: var(--tb-space-2); z-index: 1; }
header.site { background: var(--tb-color-surface); border-bottom: 1px solid var(--tb-color-border); padding: var(--tb-space-3); }
header.site .bar { display: flex; flex-wrap: wrap; gap: var(--tb-space-3); align-items: center; justify-content: space-between; max-width: 72rem; margin: 0 auto; }
header.site .brand { font-weight: 600; margin: 0; }
header.site .who { color: var(--tb-color-text-muted); font-size: 1rem; margin: 0; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: var(--tb-space-2) var(--tb-space-4); margin: var(--tb-space-3) auto 0; padding: 0; max-width: 72rem; }
nav.main a[aria-current="page"] { font-weight: 600; text-decoration-thickness: 3px; }
main { max-width: 72rem; margin: 0 auto; padding: var(--tb-space-3) var(--tb-space-3) var(--tb-space-5); }
h1 { font-size: 1.625rem; line-height: 1.25; margin: var(--tb-space-3) 0; }
h2 { font-size: 1.3125rem; line-height: 1.3; margin: var(--tb-space-4) 0 var(--tb-space-2); }
h3 { font-size: 1.125rem; margin: 0 0 var(--tb-space-2); }
@media (min-width: 48em) { h1 { font-size: 2rem; } h2 { font-size: 1.5rem; } }
label, legend { display: block; font-weight: 600; margin-bottom: var(--tb-space-2); }
.hint { color: var(--tb-color-text-muted); font-size: 1rem; margin: 0 0 var(--tb-space-2); }
.field { margin-bottom: var(--tb-space-3); }
.field.error { border-left: 4px solid var(--tb-color-error); padding-left: var(--tb-space-3); }
.field.error input, .field.error select, .field.error textarea { background: var(--tb-color-error-bg); border-bottom-color: var(--tb-color-error); }
.error-message { color: var(--tb-color-error); font-weight: 600; margin: var(--tb-space-2) 0 0; }
input, select, textarea { font: inherit; color: inherit; min-height: var(--tb-control-height); max-width: 100%; background: var(--tb-color-surface);
  border: 0; border-bottom: 2px solid var(--tb-color-input-border); border-radius: var(--tb-radius-input); padding: var(--tb-space-2); }
input[type="number"] { width: 5rem; }
input[type="radio"], input[type="checkbox"] { min-height: auto; width: 1.5rem; height: 1.5rem; accent-color: var(--tb-color-primary); vertical-align: middle; }
textarea { width: 100%; min-height: 6rem; }
fieldset { border: 0; padding: 0; margin: 0 0 var(--tb-space-3); min-width: 0; }
button, .button { font: inherit; font-weight: 600; min-height: var(--tb-control-height); padding: var(--tb-space-2) var(--tb-space-3); border-radius: var(--tb-radius);
  border: 1px solid var(--tb-color-primary); background: var(--tb-color-primary); color: var(--tb-color-on-primary); cursor: pointer; display: inline-flex; align-items: center; text-decoration: none; }
button:hover, .button:hover { background: var(--tb-color-primary-hover); }
button.secondary, .button.secondary { background: transparent; color: var(--tb-color-primary); }
button.secondary:hover, .button.secondary:hover { background: var(--tb-color-surface); }
button.danger { background: var(--tb-color-error); border-color: var(--tb-color-error); }
button.link { background: none; border: 0; color: var(--tb-color-primary); text-decoration: underline; padding: 0; min-height: auto; font-weight: 400; }
.row { display: flex; flex-wrap: wrap; gap: var(--tb-space-3); align-items: flex-end; }
.row .field { margin-bottom: 0; }
.actions { display: flex; flex-wrap: wrap; gap: var(--tb-space-2); margin-top: var(--tb-space-3); }
.actions form { margin: 0; }
.notice { border-left: 4px solid var(--tb-color-primary); background: var(--tb-color-surface); padding: var(--tb-space-3); margin: var(--tb-space-3) 0; }
.notice.success { border-color: var(--tb-color-success); background: var(--tb-color-success-bg); }
.notice.error { border-color: var(--tb-color-error); background: var(--tb-color-error-bg); }
.notice > :first-child { margin-top: 0; } .notice > :last-child { margin-bottom: 0; }
ol.appointments { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--tb-space-3); }
ol.appointments > li { border: 1px solid var(--tb-color-border); border-radius: 8px; padding: var(--tb-space-3); }
ol.appointments > li.inactive { background: var(--tb-color-surface); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--tb-space-1) var(--tb-space-3); margin: 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
@media (max-width: 30em) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: var(--tb-space-2); } }
.status { display: inline-block; font-weight: 600; padding: 0 var(--tb-space-2); border-radius: var(--tb-radius); border: 1px solid currentColor; }
.status.arrived { color: var(--tb-color-success); } .status.missed, .status.cancelled { color: var(--tb-color-error); }
.daynav { display: flex; flex-wrap: wrap; gap: var(--tb-space-3); align-items: flex-end; margin-bottom: var(--tb-space-3); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 1rem; }
th, td { text-align: left; vertical-align: top; padding: var(--tb-space-2); border-bottom: 1px solid var(--tb-color-border); }
th { font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.times { display: flex; flex-wrap: wrap; gap: var(--tb-space-2); }
.times label { font-weight: 400; border: 1px solid var(--tb-color-border); border-radius: var(--tb-radius); padding: var(--tb-space-2) var(--tb-space-3); margin: 0; }
.login { max-width: 28rem; }
code.secret { display: block; background: var(--tb-color-surface); padding: var(--tb-space-2); word-break: break-all; }
@media print {
  header.site, nav.main, .no-print, .actions, .skip { display: none !important; }
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  th, td { border-bottom: 1px solid #000; }
}
`;
