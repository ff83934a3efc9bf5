/**
 * Opens the static test pages in an iframe of the test page and walks their widget through a booking,
 * the way a citizen would: the pages load the BUILT bundle, exactly what a town pastes into its CMS.
 */
import type { MockState } from '../../src/mock/index.js';
import type { TerminBuchen } from '../../src/termin-buchen.js';

export const citizen = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org' };

export interface TestPage {
  frame: HTMLIFrameElement;
  window: Window & typeof globalThis & { embeddingProbe: { violations: string[]; errors: string[]; storageWrites: string[]; logs: string[] }; mockBackends: Record<string, MockState>; widgetScriptsStart: number };
  widgets: TerminBuchen[];
}

export async function expectBuiltBundle(): Promise<void> {
  const response = await fetch('/dist/termin-buchen.js', { method: 'HEAD' });
  if (!response.ok) throw new Error('dist/termin-buchen.js is missing: run "npm run build" before the embedding tests.');
}

export async function waitFor<T>(find: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Opens `test/pages/<name>` at the given width and waits until every widget on it shows its first step.
 * The page's mock backend loads msw unbundled, hundreds of modules: the first page of a file takes seconds.
 */
export async function openPage(name: string, width = 800): Promise<TestPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: 1600px; border: 0;`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = new URL(`./${name}`, import.meta.url).href;
  document.body.append(frame);
  await loaded;
  const window = frame.contentWindow as TestPage['window'];
  // msw reloads a page its freshly registered worker does not control yet, at times after the first load
  // event: the widgets are looked up in whichever document is current, and only trusted once they show a step.
  const widgets = await waitFor(() => {
    const found = [...window.document.querySelectorAll('termin-buchen')];
    return found.length > 0 && found.every((widget) => widget.shadowRoot?.querySelector('tb-services-step button')) && found;
  // Generous: on a cold dev server the mock's worker and modules can take seconds after the load event.
  }, `the first step on ${name}`, 15_000)
    .catch((error: Error) => {
      const { violations, errors } = window.embeddingProbe ?? { violations: [], errors: [] };
      throw new Error([error.message, ...violations, ...errors].join('\n'));
    });
  return { frame, window, widgets };
}

export function closePage(page: TestPage | undefined): void {
  page?.frame.remove();
}

export type Step = 'services' | 'location' | 'datetime' | 'details' | 'review' | 'done';

function currentStep(widget: TerminBuchen): Step | null {
  const root = widget.shadowRoot!;
  for (const step of ['services', 'location', 'datetime', 'details', 'review', 'done'] as const) {
    if (root.querySelector(`tb-${step}-step`)) return step;
  }
  return null;
}

function setValue(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Books the first free slot for one Personalausweis; `onStep` sees each step once it has rendered, the date
 * step once the first bookable day's times are shown.
 */
export async function bookTermin(widget: TerminBuchen, onStep: (step: Step) => void | Promise<void> = () => {}): Promise<string> {
  const root = widget.shadowRoot!;
  const query = <E extends Element>(selector: string) => root.querySelector<E>(selector);
  const primary = () => query<HTMLButtonElement>('button.primary')!;
  await waitFor(() => query('tb-services-step .service'), 'the services');
  await onStep('services');
  query<HTMLButtonElement>('tb-services-step .service .stepper button:last-of-type')!.click();
  await widget.updateComplete;
  primary().click();
  await waitFor(() => currentStep(widget) !== 'services', 'the step after services');
  if (currentStep(widget) === 'location') {
    await waitFor(() => query('tb-location-step input[type="radio"]'), 'the locations');
    await onStep('location');
    query<HTMLInputElement>('tb-location-step input[type="radio"]')!.click();
    await widget.updateComplete;
    primary().click();
  }
  (await waitFor(() => query<HTMLElement>('tb-calendar td[data-state="available"]'), 'a bookable day')).click();
  await waitFor(() => query('tb-slot-list button'), 'the slots');
  await onStep('datetime');
  query<HTMLButtonElement>('tb-slot-list button')!.click();
  await waitFor(() => query('tb-details-step input[name="email"]'), 'the details form');
  for (const [name, value] of Object.entries(citizen)) setValue(query<HTMLInputElement>(`tb-details-step input[name="${name}"]`)!, value);
  await widget.updateComplete;
  await onStep('details');
  primary().click();
  await waitFor(() => currentStep(widget) === 'review' && query('tb-review-step button.primary'), 'the review');
  await onStep('review');
  primary().click();
  const code = await waitFor(() => query('tb-done-step [part~="code"]')?.textContent?.trim(), 'the booking code');
  await onStep('done');
  return code;
}

const LOOK = ['display', 'box-sizing', 'color', 'background-color', 'font-size', 'font-weight', 'line-height', 'text-decoration-line',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-top-style', 'border-top-color',
  'border-top-left-radius', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'box-shadow', 'opacity', 'visibility'] as const;

/**
 * What the citizen sees of every element in the widget: its box relative to the widget and the computed
 * styles that paint it. Fonts are left out on purpose: the widget inherits the page's font family.
 */
export function renderedLook(widget: TerminBuchen): string[] {
  const origin = widget.getBoundingClientRect();
  const view = widget.ownerDocument.defaultView!;
  return [widget, ...widget.shadowRoot!.querySelectorAll('*')].map((element) => {
    const box = element.getBoundingClientRect();
    const style = view.getComputedStyle(element);
    const edges = [box.left - origin.left, box.top - origin.top, box.width, box.height].map((value) => Math.round(value));
    const label = element.id ? `#${element.id}` : element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    return `${element.localName}${label} box ${edges.join(' ')} ${LOOK.map((name) => `${name}:${style.getPropertyValue(name)}`).join('; ')}`;
  });
}
