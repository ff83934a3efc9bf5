/**
 * Drives `<termin-buchen>` the way a citizen does: elements are found by role and accessible name
 * inside the element's shadow root, clicked with the mouse and typed into with the keyboard.
 *
 * ```ts
 * const el = await renderWidget({ service: 'reisepass' });
 * await clickButton(el, 'Weiter');
 * await waitForHeading(el, de.location.title);
 * ```
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { clock } from '../../src/clock.js';
import type { TerminBuchen } from '../../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../../src/i18n/de.js';
import '../../src/termin-buchen.js';

export type Role =
  | 'button' | 'link' | 'radio' | 'checkbox' | 'textbox' | 'searchbox' | 'spinbutton' | 'heading' | 'gridcell' | 'alert' | 'status' | 'group';

/** Native elements per role; explicit `role` attributes are matched as well. */
const NATIVE_ROLES: Record<Role, string> = {
  button: 'button',
  link: 'a[href]',
  radio: 'input[type=radio]',
  checkbox: 'input[type=checkbox]',
  textbox: 'input:not([type]), input[type=text], input[type=email], input[type=tel], textarea',
  searchbox: 'input[type=search]',
  spinbutton: 'input[type=number]',
  heading: 'h1, h2, h3, h4, h5, h6',
  gridcell: 'td',
  alert: '[role=alert]',
  status: '[role=status]',
  group: 'fieldset',
};

export interface WidgetOptions {
  lang?: string;
  service?: string;
  location?: string;
}

/** Renders the widget against the mock backend and waits until the catalog has arrived. */
export async function renderWidget(options: WidgetOptions = {}): Promise<TerminBuchen> {
  const el = await fixture<TerminBuchen>(html`<termin-buchen
    api="/api"
    lang=${options.lang ?? nothing}
    service=${options.service ?? nothing}
    location=${options.location ?? nothing}
  ></termin-buchen>`);
  await waitUntil(() => stepHeading(el), 'the catalog never loaded', { timeout: 5000 });
  return el;
}

/** Pins the widget's clock; returns the function that puts the real clock back. */
export function pinClock(instant: Date): () => void {
  const real = clock.now;
  clock.now = () => new Date(instant);
  return () => {
    clock.now = real;
  };
}

function root(el: TerminBuchen): ShadowRoot {
  if (!el.shadowRoot) throw new Error('<termin-buchen> has no shadow root');
  return el.shadowRoot;
}

function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A simplified accessible-name computation, enough for the widget's own markup. */
export function accessibleName(element: Element): string {
  const scope = element.getRootNode() as ShadowRoot | Document;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => textOf(scope.getElementById(id))).join(' ').trim();
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  if (element.id) {
    const forLabel = scope.querySelector(`label[for="${CSS.escape(element.id)}"]`);
    if (forLabel) return textOf(forLabel);
  }
  return textOf(element);
}

function isRendered(element: Element): boolean {
  return element instanceof HTMLElement && (element.offsetParent !== null || getComputedStyle(element).position === 'fixed');
}

function matches(name: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? name === wanted : wanted.test(name);
}

/** Every rendered element with this role whose accessible name is `name` (exact) or matches it. */
export function queryAllByRole<E extends HTMLElement = HTMLElement>(el: TerminBuchen, role: Role, name?: string | RegExp): E[] {
  const candidates = [...root(el).querySelectorAll<E>(`${NATIVE_ROLES[role]}, [role=${role}]`)];
  return candidates.filter((element) => isRendered(element) && (name === undefined || matches(accessibleName(element), name)));
}

export function queryByRole<E extends HTMLElement = HTMLElement>(el: TerminBuchen, role: Role, name?: string | RegExp): E | null {
  return queryAllByRole<E>(el, role, name)[0] ?? null;
}

export function getByRole<E extends HTMLElement = HTMLElement>(el: TerminBuchen, role: Role, name?: string | RegExp): E {
  const found = queryByRole<E>(el, role, name);
  if (!found) {
    const names = queryAllByRole(el, role).map((element) => `"${accessibleName(element)}"`).join(', ');
    throw new Error(`No ${role} named ${String(name)}; there are: ${names || 'none'}`);
  }
  return found;
}

/** Waits for an element with this role and name to appear. */
export async function findByRole<E extends HTMLElement = HTMLElement>(
  el: TerminBuchen,
  role: Role,
  name?: string | RegExp,
  timeout = 4000,
): Promise<E> {
  let found: E | null = null;
  try {
    await waitUntil(() => (found = queryByRole<E>(el, role, name)), undefined, { timeout, interval: 10 });
  } catch {
    return getByRole<E>(el, role, name);
  }
  return found!;
}

export function stepHeading(el: TerminBuchen): HTMLElement | null {
  return root(el).querySelector<HTMLElement>('#step-heading');
}

/** Waits until the step heading reads `title`. */
export async function waitForHeading(el: TerminBuchen, title: string, timeout = 4000): Promise<HTMLElement> {
  await waitUntil(() => textOf(stepHeading(el)) === title, `the step heading never became "${title}" (it is "${textOf(stepHeading(el))}")`, { timeout, interval: 10 });
  return stepHeading(el)!;
}

/** The element that has focus, looking through the widget's shadow root. */
export function focused(el: TerminBuchen): Element | null {
  return root(el).activeElement;
}

export function widgetText(el: TerminBuchen): string {
  return textOf(root(el).querySelector('section'));
}

/** A real mouse click in the middle of the element. */
export async function click(element: HTMLElement): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

export async function clickButton(el: TerminBuchen, name: string | RegExp): Promise<void> {
  await click(await findByRole(el, 'button', name));
}

/** Clicks into the field labelled `label` and types `text` at its end. */
export async function typeInto(el: TerminBuchen, label: string | RegExp, text: string): Promise<HTMLInputElement> {
  const field = await findByRole<HTMLInputElement>(el, 'textbox', label);
  await click(field);
  await sendKeys({ type: text });
  return field;
}

export async function press(key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
}

/** Presses Tab (or Shift+Tab) until `predicate` holds for the focused element; fails after `limit` presses. */
export async function tabTo(el: TerminBuchen, predicate: (element: Element) => boolean, { backwards = false, limit = 60 } = {}): Promise<HTMLElement> {
  for (let i = 0; i < limit; i++) {
    const current = focused(el);
    if (current && predicate(current)) return current as HTMLElement;
    if (backwards) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (backwards) await sendKeys({ up: 'Shift' });
  }
  throw new Error(`Tab never reached the wanted element; focus is on ${focused(el)?.outerHTML.slice(0, 120) ?? 'nothing'}`);
}

export const roleAndName = (role: Role, name: string | RegExp) => (element: Element) =>
  element.matches(`${NATIVE_ROLES[role]}, [role=${role}]`) && matches(accessibleName(element), name);

/** The slot buttons now listed, by their visible time. */
export function slotTimes(el: TerminBuchen): string[] {
  return [...root(el).querySelectorAll('tb-slot-list button')].map((button) => textOf(button));
}

export function slotButtons(el: TerminBuchen): HTMLButtonElement[] {
  return [...root(el).querySelectorAll<HTMLButtonElement>('tb-slot-list button')];
}

/** Chooses the first bookable day of the month shown and waits for its times. */
export async function chooseFirstFreeDay(el: TerminBuchen): Promise<string> {
  const cell = await waitForFreeDay(el);
  await click(cell);
  await waitUntil(() => slotButtons(el).length > 0, 'no times were listed for the chosen day', { timeout: 4000, interval: 10 });
  return cell.dataset.date!;
}

export async function waitForFreeDay(el: TerminBuchen): Promise<HTMLElement> {
  let cell: HTMLElement | null = null;
  await waitUntil(
    () => (cell = root(el).querySelector<HTMLElement>('td[data-state=available]')),
    'no bookable day in the calendar',
    { timeout: 4000, interval: 10 },
  );
  return cell!;
}

/** Clicks the first time listed; returns its accessible name ("08:00 bis 08:20 Uhr"). */
export async function chooseFirstSlot(el: TerminBuchen): Promise<string> {
  const [first] = slotButtons(el);
  const label = accessibleName(first);
  await click(first);
  return label;
}

/** What a citizen types on the details step in the tests. */
export const CITIZEN = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org' } as const;

export interface Texts {
  continue: string;
  increase: (service: string) => string;
  labels: { firstName: string; lastName: string; email: string };
}

/** A Monday morning in January, Berlin time: the flow tests' pinned "now". */
export const MONDAY = new Date('2027-01-11T09:00:00+01:00');
export const PASS = 'Reisepass beantragen';
/** The same service as the mock names it for `Accept-Language: en`. */
export const PASS_EN = 'Apply for a passport';
export const RATHAUS = 'Bürgerbüro Rathaus';
export const deTexts: Texts = { continue: de.common.continue, increase: de.services.increase, labels: de.details.labels };

/** From the services step to the date/time step with one service at one location. */
export async function chooseServiceAndLocation(el: TerminBuchen, texts: Texts, serviceName: string, locationName: string): Promise<void> {
  await clickButton(el, texts.increase(serviceName));
  await clickButton(el, texts.continue);
  await click(await findByRole(el, 'radio', new RegExp(`^${locationName}`)));
  await clickButton(el, texts.continue);
}

export async function fillCitizen(el: TerminBuchen, texts: Texts): Promise<void> {
  await typeInto(el, texts.labels.firstName, CITIZEN.firstName);
  await typeInto(el, texts.labels.lastName, CITIZEN.lastName);
  await typeInto(el, texts.labels.email, CITIZEN.email);
}
