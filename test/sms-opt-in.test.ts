/**
 * Issue 12, "SMS reminder, by opt-in only", in the widget: where the catalog offers it, the details step shows an
 * unticked "Erinnerung per SMS"; ticking it makes the phone required, and only a ticked box asks for the reminder.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Catalog } from '../src/api/schemas.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import type { MockState } from '../src/mock/index.js';
import '../src/termin-buchen.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  chooseFirstFreeDay,
  chooseFirstSlot,
  chooseServiceAndLocation,
  click,
  clickButton,
  deTexts,
  fillCitizen,
  findByRole,
  MONDAY,
  PASS,
  PASS_EN,
  pinClock,
  queryByRole,
  RATHAUS,
  renderWidget,
  typeInto,
  waitForHeading,
  widgetText,
  type Texts,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const offerSms = (catalog: Catalog): Catalog => ({ ...catalog, reminders: { sms: true } });
const PHONE = new RegExp(`^${de.details.labels.phone}`);

let restoreClock: () => void = () => undefined;
/** The bodies of every POST /bookings the widget sent. */
let bookingBodies: Record<string, unknown>[] = [];
const realFetch = window.fetch;

async function start(catalog?: (catalog: Catalog) => Catalog): Promise<MockState> {
  restoreClock = pinClock(MONDAY);
  bookingBodies = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/bookings') {
      bookingBodies.push(await request.clone().json());
    }
    return realFetch(request);
  };
  return useMockBackend({ now: () => new Date(MONDAY), ...(catalog ? { catalog } : {}) });
}

async function toDetails(el: TerminBuchen, texts: Texts = deTexts, service = PASS, title = de.details.title): Promise<void> {
  await chooseServiceAndLocation(el, texts, service, RATHAUS);
  await chooseFirstFreeDay(el);
  await chooseFirstSlot(el);
  await waitForHeading(el, title);
}

describe('SMS reminder opt-in on the details step', () => {
  afterEach(() => {
    restoreClock();
    window.fetch = realFetch;
  });
  after(stopMockBackend);

  it('is not offered when the catalog does not say so, and nothing is asked for', async () => {
    const state = await start();
    const el = await renderWidget();
    await toDetails(el);
    expect(queryByRole(el, 'checkbox', de.details.sms)).to.equal(null);
    await fillCitizen(el, deTexts);
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    expect(widgetText(el)).not.to.include(de.details.sms);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    expect(bookingBodies).to.have.length(1);
    expect(bookingBodies[0]).not.to.have.property('reminders');
    expect(state.bookings[0].sms).to.equal(false);
  });

  it('is not offered when the town hides the phone field', async () => {
    await start((catalog) => ({ ...offerSms(catalog), form: { ...catalog.form, phone: 'hidden' } }));
    const el = await renderWidget();
    await toDetails(el);
    expect(queryByRole(el, 'checkbox', de.details.sms)).to.equal(null);
  });

  it('is offered unticked, with its hint, and passes axe', async () => {
    await start(offerSms);
    const el = await renderWidget();
    await toDetails(el);
    const box = await findByRole<HTMLInputElement>(el, 'checkbox', de.details.sms);
    expect(box.checked).to.equal(false);
    expect(widgetText(el)).to.include(de.details.smsHint);
    await expectNoAxeViolations(el);
    await click(box);
    expect(box.checked).to.equal(true);
    await expectNoAxeViolations(el);
  });

  it('makes the phone required when ticked: its error, the summary, and no request', async () => {
    const state = await start(offerSms);
    const el = await renderWidget();
    await toDetails(el);
    await fillCitizen(el, deTexts);
    await click(await findByRole(el, 'checkbox', de.details.sms));
    await el.updateComplete;
    const requestsBefore = state.requests.length;
    await clickButton(el, de.common.continue);
    const summary = await findByRole(el, 'alert');
    expect(summary.textContent).to.include(de.details.errors.phone.required);
    const phone = await findByRole<HTMLInputElement>(el, 'textbox', PHONE);
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(widgetText(el)).to.include(de.details.errors.phone.required);
    expect(state.requests.length, 'no request').to.equal(requestsBefore);
    expect(bookingBodies).to.have.length(0);
    await expectNoAxeViolations(el);

    // Unticking takes the requirement and its error away.
    await click(await findByRole(el, 'checkbox', de.details.sms));
    await el.updateComplete;
    expect(phone.getAttribute('aria-invalid')).to.equal('false');
  });

  it('asks for the reminder when ticked with a phone, and shows the choice on the review step', async () => {
    const state = await start(offerSms);
    const el = await renderWidget();
    await toDetails(el);
    await fillCitizen(el, deTexts);
    await typeInto(el, PHONE, '0171 2345678');
    await click(await findByRole(el, 'checkbox', de.details.sms));
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === de.details.sms);
    expect(term?.nextElementSibling?.textContent?.trim()).to.equal(de.privacy.yes);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    expect(bookingBodies).to.have.length(1);
    expect(bookingBodies[0].reminders).to.deep.equal({ sms: true });
    expect((bookingBodies[0].person as { phone?: string }).phone).to.equal('0171 2345678');
    expect(state.bookings[0].sms).to.equal(true);
  });

  it('asks for no reminder when left unticked', async () => {
    const state = await start(offerSms);
    const el = await renderWidget();
    await toDetails(el);
    await fillCitizen(el, deTexts);
    await typeInto(el, PHONE, '0171 2345678');
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === de.details.sms);
    expect(term?.nextElementSibling?.textContent?.trim()).to.equal(de.privacy.no);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    expect(bookingBodies).to.have.length(1);
    expect(bookingBodies[0]).not.to.have.property('reminders');
    expect(state.bookings[0].sms).to.equal(false);
  });

  it('is labelled in English', async () => {
    await start(offerSms);
    const el = await renderWidget({ lang: 'en' });
    const enTexts: Texts = { continue: en.common.continue, increase: en.services.increase, labels: en.details.labels };
    await toDetails(el, enTexts, PASS_EN, en.details.title);
    const box = await findByRole<HTMLInputElement>(el, 'checkbox', en.details.sms);
    expect(en.details.sms).to.equal('Text message reminder');
    expect(box.checked).to.equal(false);
    await waitUntil(() => widgetText(el).includes(en.details.smsHint));
    await expectNoAxeViolations(el);
  });
});
