/**
 * The ZMS build's element (`src/termin-buchen-zms.ts`, what dist/termin-buchen-zms.js is built from) on
 * the mock ZMS, driven as a citizen drives it: by role and accessible name (test/support/flow-driver.ts).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import type { TerminBuchen } from '../../../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../../../src/i18n/de.js';
import '../../../src/termin-buchen-zms.js';
import { chooseFirstFreeDay, click, clickButton, findByRole, slotButtons, stepHeading, typeInto, waitForHeading } from '../../support/flow-driver.js';
import { ZMS_API } from './worker.js';

/** A Monday morning in Berlin: the mock offers times from 09:00 today on. */
export const NOW = new Date('2026-12-07T08:00:00+01:00');
/** The service and offices of eappointment's GET_offices-and-services.json. */
export const SERVICE = 'Unittest Source Dienstleistung';
export const OFFICE_NAME = /^Unittest(?! 2)/;
export const CITIZEN = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org' };

export async function renderZmsWidget(options: { lang?: string; mode?: 'book' | 'manage'; ready?: (el: TerminBuchen) => unknown } = {}): Promise<TerminBuchen> {
  const el = await fixture<TerminBuchen>(html`<termin-buchen backend="zms" api=${ZMS_API} lang=${options.lang ?? nothing} mode=${options.mode ?? nothing}></termin-buchen>`);
  await waitUntil(() => (options.ready ?? stepHeading)(el), 'the widget did not show its first view', { timeout: 5000 });
  return el;
}

/** Service and office: ends on the calendar. */
export async function toCalendar(el: TerminBuchen): Promise<void> {
  await clickButton(el, de.services.increase(SERVICE));
  await clickButton(el, de.common.continue);
  await click(await findByRole(el, 'radio', OFFICE_NAME));
  await clickButton(el, de.common.continue);
}

/** Service, office, the first free day and its first time: ends on the details step. */
export async function holdFirstTime(el: TerminBuchen): Promise<void> {
  await toCalendar(el);
  // Solving the captcha comes before the calendar's first answer; at ZMS's cost (1000 digests per try,
  // 256 tries on average) that takes a few seconds on a busy CI machine, and by chance longer.
  await waitForHeading(el, de.datetime.title);
  await waitUntil(() => el.shadowRoot!.querySelector('td[data-state=available]'), 'no bookable day in the calendar', { timeout: 20_000 });
  await chooseFirstFreeDay(el);
  await click(slotButtons(el)[0]);
}

export async function toReview(el: TerminBuchen, email = CITIZEN.email): Promise<void> {
  await holdFirstTime(el);
  await waitForHeading(el, de.details.title);
  await typeInto(el, de.details.labels.firstName, CITIZEN.firstName);
  await typeInto(el, de.details.labels.lastName, CITIZEN.lastName);
  await typeInto(el, de.details.labels.email, email);
  await clickButton(el, de.common.continue);
  await waitForHeading(el, de.review.title);
}
