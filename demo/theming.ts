/**
 * The theming playground: every control sets one documented custom property on the widget as it changes,
 * the contrast of each text colour pair is checked against WCAG AA, and the page writes the CSS rule a
 * webmaster copies into the town's stylesheet. The defaults are read from the widget itself, so this page
 * cannot drift from the stylesheet.
 */
type Control = HTMLInputElement | HTMLSelectElement;

/** WCAG 2.1 AA, success criterion 1.4.3, for text of normal size. */
const MINIMUM_TEXT_CONTRAST = 4.5;
const ratioFormat = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wording = {
  passed: 'erfüllt',
  failed: 'zu gering',
  allPassed: (total: number) => `Alle ${total} Farbpaare erreichen 4,5 : 1.`,
  someFailed: (failed: number, total: number) => `${failed} von ${total} Farbpaaren erreichen 4,5 : 1 nicht.`,
  unchanged: '/* Alle Werte sind Standardwerte. */',
  copied: 'Das CSS ist in der Zwischenablage.',
  copyFailed: 'Kopieren ist hier nicht möglich. Bitte markieren Sie den Text und kopieren Sie ihn selbst.',
};

function required<T extends Element>(selector: string, type: new () => T): T {
  const element = document.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`The theming page lacks ${selector}`);
  return element;
}

const widget = required('termin-buchen', HTMLElement);
const form = required('#theme-form', HTMLFormElement);
const resetButton = required('#reset-theme', HTMLButtonElement);
const copyButton = required('#copy-css', HTMLButtonElement);
const snippet = required('#css-snippet', HTMLElement);
const copyStatus = required('#copy-status', HTMLElement);
const contrastSummary = required('#contrast-summary', HTMLElement);

const controls = Array.from(form.elements).filter(
  (element): element is Control =>
    (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) && element.name.startsWith('--tb-'),
);
const controlByProperty = new Map(controls.map((control) => [control.name, control]));
/** The control value that stands for the widget's own default, per control. */
const defaults = new Map<Control, string>();

/** `#rgb` or `#rrggbb` as the `#rrggbb` that `<input type="color">` takes. */
function hexColor(value: string): string {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (!digits) throw new Error(`Expected a hex colour token, got "${value}"`);
  const full = digits.length === 3 ? Array.from(digits, (digit) => digit + digit).join('') : digits;
  return `#${full.toLowerCase()}`;
}

function controlValueFor(control: Control, token: string): string {
  if (control instanceof HTMLSelectElement) {
    return Array.from(control.options).some((option) => option.value === token) ? token : '';
  }
  return control.type === 'color' ? hexColor(token) : String(Number.parseFloat(token));
}

function cssValue(control: Control): string {
  return control.value + (control.dataset.unit ?? '');
}

function isChanged(control: Control): boolean {
  return control.value !== defaults.get(control);
}

function relativeLuminance(hex: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrastRatio(foreground: string, background: string): number {
  const [lighter, darker] = [relativeLuminance(foreground), relativeLuminance(background)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function colorOf(property: string | undefined): string {
  const control = property === undefined ? undefined : controlByProperty.get(property);
  if (!control) throw new Error(`No colour control for ${property}`);
  return control.value;
}

function renderValues(): void {
  for (const control of controls) {
    const shown = document.querySelector(`[data-value-of="${control.id}"]`);
    if (shown) shown.textContent = control.dataset.unit ? `${control.value} ${control.dataset.unit}` : control.value;
    if (control.dataset.unit) control.setAttribute('aria-valuetext', `${control.value} ${control.dataset.unit}`);
  }
}

function renderContrast(): void {
  const pairs = Array.from(form.querySelectorAll<HTMLElement>('[data-foreground][data-background]'));
  let failed = 0;
  for (const pair of pairs) {
    // Rounded down, so that a ratio shown as 4,50 never fails.
    const ratio = Math.floor(contrastRatio(colorOf(pair.dataset.foreground), colorOf(pair.dataset.background)) * 100) / 100;
    const passed = ratio >= MINIMUM_TEXT_CONTRAST;
    if (!passed) failed += 1;
    const result = pair.querySelector('.contrast__result') ?? pair.appendChild(document.createElement('span'));
    result.className = 'contrast__result';
    result.textContent = `${ratioFormat.format(ratio)} : 1 – ${passed ? wording.passed : wording.failed}`;
    pair.dataset.passed = String(passed);
  }
  contrastSummary.textContent = failed === 0 ? wording.allPassed(pairs.length) : wording.someFailed(failed, pairs.length);
}

function renderSnippet(): void {
  const changed = controls.filter(isChanged);
  const declarations = changed.length === 0 ? [wording.unchanged] : changed.map((control) => `${control.name}: ${cssValue(control)};`);
  snippet.textContent = ['termin-buchen {', ...declarations.map((line) => `  ${line}`), '}'].join('\n');
}

function applyTheme(): void {
  for (const control of controls) {
    if (isChanged(control) && control.value !== '') widget.style.setProperty(control.name, cssValue(control));
    else widget.style.removeProperty(control.name);
  }
  renderValues();
  renderContrast();
  renderSnippet();
  copyStatus.textContent = '';
}

async function start(): Promise<void> {
  // The widget's stylesheet declares the defaults on its host, which has them once the element is defined.
  await customElements.whenDefined('termin-buchen');
  const computed = getComputedStyle(widget);
  for (const control of controls) {
    const value = controlValueFor(control, computed.getPropertyValue(control.name).trim());
    defaults.set(control, value);
    control.value = value;
  }
  applyTheme();
  for (const group of form.querySelectorAll('fieldset')) group.disabled = false;
  resetButton.disabled = false;
  copyButton.disabled = false;
}

form.addEventListener('input', applyTheme);
resetButton.addEventListener('click', () => {
  for (const control of controls) control.value = defaults.get(control) ?? control.value;
  applyTheme();
});
copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent ?? '');
    copyStatus.textContent = wording.copied;
  } catch {
    copyStatus.textContent = wording.copyFailed;
  }
});
void start();
