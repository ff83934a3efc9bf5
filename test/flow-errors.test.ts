import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import type { Messages } from '../src/i18n/messages.js';
import type { MockState } from '../src/mock/index.js';
import {
  CITIZEN,
  chooseFirstFreeDay,
  chooseServiceAndLocation,
  clickButton,
  fillCitizen,
  findByRole,
  getByRole,
  pinClock,
  queryByRole,
  renderWidget,
  slotButtons,
  waitForFreeDay,
  waitForHeading,
  widgetText,
  click,
  MONDAY,
  PASS,
  RATHAUS,
  deTexts,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';


type Reason = Exclude<keyof Messages['errors'], 'title' | 'kept'>;
/** The v1 codes the mock answers with, and the sentence each must lead to. */
const REASON_OF: Record<string, Reason> = {
  limit_reached: 'limit_reached', rate_limited: 'rate_limited', not_found: 'not_found', too_late: 'too_late', unauthorized: 'not_allowed', invalid_input: 'invalid_input',
};

let restoreClock: () => void = () => undefined;
let restoreFetch: () => void = () => undefined;

async function start(faults: string[]): Promise<{ state: MockState; el: TerminBuchen; errors: string[] }> {
  restoreClock = pinClock(MONDAY);
  const state = await useMockBackend({ now: () => new Date(MONDAY), faults });
  const el = await renderWidget();
  const errors: string[] = [];
  el.addEventListener('termin-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
  return { state, el, errors };
}

async function toSlots(el: TerminBuchen): Promise<void> {
  await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
  await chooseFirstFreeDay(el);
}

async function toReview(el: TerminBuchen): Promise<void> {
  await toSlots(el);
  await click(slotButtons(el)[0]);
  await waitForHeading(el, de.details.title);
  await fillCitizen(el, deTexts);
  await clickButton(el, de.common.continue);
  await waitForHeading(el, de.review.title);
}

/** The error alert, found by its heading in the widget's language. */
function errorAlert(el: TerminBuchen, messages: Messages): Promise<HTMLElement> {
  return findByRole(el, 'alert', new RegExp(`^${messages.errors.title}`));
}

/** The alert shows `text` in German, and after switching the language at runtime, `english` in English. */
async function expectAlertInBothLanguages(el: TerminBuchen, german: string, english: string): Promise<void> {
  expect((await errorAlert(el, de)).textContent).to.include(german);
  el.lang = 'en';
  await waitUntil(() => queryByRole(el, 'alert', new RegExp(`^${en.errors.title}`)), 'the alert was not shown in English');
  expect((await errorAlert(el, en)).textContent).to.include(english);
  el.lang = 'de';
  await errorAlert(el, de);
}

/** Answers the booking request with a problem whose code this widget has never heard of. */
function answerBookingsWith(status: number, code: string): void {
  const real = window.fetch;
  window.fetch = (input, init) => {
    if (!(String(input).endsWith('/api/bookings') && init?.method === 'POST')) return real(input, init);
    const body = { type: 'https://example.invalid/problems/odd', title: 'Odd', status, code };
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } }));
  };
  restoreFetch = () => (window.fetch = real);
}

describe('booking flow errors through <termin-buchen>', () => {
  afterEach(() => {
    restoreClock();
    restoreFetch();
    restoreFetch = () => undefined;
  });
  after(stopMockBackend);

  it('offers a retry when the catalog fails, which then loads it', async () => {
    restoreClock = pinClock(MONDAY);
    await useMockBackend({ now: () => new Date(MONDAY), faults: ['catalog:500*once'] });
    const el = await fixture<TerminBuchen>(html`<termin-buchen api="/api"></termin-buchen>`);
    const alert = await errorAlert(el, de);
    expect(alert.textContent).to.include(de.errors.unavailable).and.not.include('500').and.not.include('server_error');
    await clickButton(el, de.common.retry);
    await waitForHeading(el, de.services.title);
    expect(queryByRole(el, 'alert')).to.equal(null);
  });

  it('explains a schema-violating slots answer in plain words and does not crash', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const { el, errors } = await start(['slots:invalid']);
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await click(await waitForFreeDay(el));
      await expectAlertInBothLanguages(el, de.errors.invalid_response, en.errors.invalid_response);
      expect(errors).to.deep.equal(['invalid_response']);
      expect(getByRole(el, 'button', de.common.retry)).to.exist;
      expect(el.shadowRoot!.querySelector('#step-heading')!.textContent!.trim()).to.equal(de.datetime.title);
    } finally {
      console.warn = warn;
    }
    expect(warnings.some((text) => text.includes('/slots'))).to.equal(true);
  });

  it('says when too many requests were made for the times of a day', async () => {
    const { el, errors } = await start(['slots:429']);
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await click(await waitForFreeDay(el));
    await expectAlertInBothLanguages(el, de.errors.rate_limited, en.errors.rate_limited);
    expect(errors).to.deep.equal(['rate_limited']);
  });

  it('treats a 409 on holding as a taken time', async () => {
    const { el } = await start(['holds:409']);
    await toSlots(el);
    await click(slotButtons(el)[0]);
    await findByRole(el, 'alert', de.datetime.slotTaken);
    await waitUntil(() => slotButtons(el).length > 0);
  });

  it('says when the connection fails while holding a time', async () => {
    const { el, errors } = await start(['holds:network']);
    await toSlots(el);
    await click(slotButtons(el)[0]);
    await expectAlertInBothLanguages(el, de.errors.network, en.errors.network);
    expect(errors).to.deep.equal(['network']);
    expect(el.shadowRoot!.querySelector('#step-heading')!.textContent!.trim()).to.equal(de.datetime.title);
  });

  for (const [code, reason] of Object.entries(REASON_OF)) {
    it(`shows its own message for "${code}" on booking and keeps what was typed`, async () => {
      const { el, state, errors } = await start([`bookings:${code}`]);
      await toReview(el);
      await clickButton(el, de.review.submit);
      await expectAlertInBothLanguages(el, de.errors[reason], en.errors[reason]);
      expect(errors).to.deep.equal([code]);
      expect(state.bookings).to.have.length(0);
      expect(widgetText(el)).to.include(CITIZEN.email).and.include(CITIZEN.lastName);
      // Only a problem that may pass is worth a retry button; sending the same booking again cannot mend the others.
      expect(queryByRole(el, 'button', de.common.retry) !== null).to.equal(code === 'rate_limited');
    });
  }

  it('goes back to choosing a time when the hold expired on booking, keeping the details', async () => {
    const { el, errors } = await start(['bookings:hold_expired*once']);
    await toReview(el);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.datetime.title);
    await expectAlertInBothLanguages(el, de.errors.hold_expired, en.errors.hold_expired);
    expect(errors).to.deep.equal(['hold_expired']);
    await waitUntil(() => slotButtons(el).length > 0);
    await click(slotButtons(el)[0]);
    await waitForHeading(el, de.details.title);
    expect(getByRole<HTMLInputElement>(el, 'textbox', de.details.labels.email).value).to.equal(CITIZEN.email);
  });

  it('shows a generic message without status or code for a status it has no code for', async () => {
    const { el, errors } = await start(['bookings:418']);
    await toReview(el);
    await clickButton(el, de.review.submit);
    const alert = await errorAlert(el, de);
    expect(alert.textContent).to.include(de.errors.unavailable).and.not.include('418');
    expect(alert.textContent).to.include(de.errors.kept);
    expect(errors).to.have.length(1);
  });

  it('shows a generic message for an unknown problem code, the code only in the event', async () => {
    const { el, state, errors } = await start([]);
    await toReview(el);
    answerBookingsWith(422, 'weird_code');
    await clickButton(el, de.review.submit);
    await expectAlertInBothLanguages(el, de.errors.unavailable, en.errors.unavailable);
    expect(widgetText(el)).not.to.include('weird_code');
    expect(errors).to.deep.equal(['weird_code']);
    expect(state.bookings).to.have.length(0);
    restoreFetch();
    await clickButton(el, de.common.retry);
    await waitForHeading(el, de.done.title);
    expect(state.bookings).to.have.length(1);
    expect(state.bookings[0].person).to.deep.equal(CITIZEN);
  });
});
