/**
 * The ZMS build through the element, against the mock ZMS built from eappointment's fixtures: booking
 * with the office's captcha, confirming and cancelling by ZMS's own e-mail links on the page, what ZMS
 * cannot do kept out of sight, ZMS's errors in German and English, and axe on every view.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { TerminBuchen } from '../../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import { ZMS_ERROR_CODES } from '../../src/api/zms/error-codes.js';
import { ZmsBackend } from '../../src/api/zms/backend.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { clickButton, findByRole, pinClock, queryByRole, slotButtons, waitForHeading, widgetText } from '../support/flow-driver.js';
import { errorCodes } from './support/fixtures.js';
import { stopZmsMock, useZmsMock, ZMS_API } from './support/worker.js';
import type { ZmsMockOptions, ZmsMockState } from './support/zms-mock.js';
import { holdFirstTime, NOW, renderZmsWidget, toCalendar, toReview } from './support/zms-widget.js';

const pageAddress = () => window.location.href.split('#')[0];
let restoreClock: () => void = () => undefined;

async function start(options: Partial<ZmsMockOptions> = {}): Promise<ZmsMockState> {
  restoreClock = pinClock(NOW);
  return useZmsMock({ now: () => new Date(NOW), ...options });
}

afterEach(() => {
  restoreClock();
  history.replaceState(null, '', pageAddress());
});
after(stopZmsMock);

/** A booking made as the widget makes it, waiting for its activation link (what the mock "mailed"). */
async function preconfirmedBooking(zms: ZmsMockState): Promise<ZmsMockState['mails'][number]> {
  const backend = new ZmsBackend({ baseUrl: ZMS_API, lang: () => 'de' });
  const { days } = await backend.days({ locationId: '9999998', services: [{ id: '1', quantity: 1 }], from: '2026-12-08', to: '2026-12-31' });
  const { slots } = await backend.slots({ locationId: '9999998', services: [{ id: '1', quantity: 1 }], date: days[0].date });
  const hold = await backend.hold({ locationId: '9999998', services: [{ id: '1', quantity: 1 }], start: slots[0].start });
  await backend.book({ holdId: hold.id, person: { firstName: 'Erika', lastName: 'Mustermann', email: 'erika@example.org' }, locale: 'de' }, 'x');
  return zms.mails.at(-1)!;
}

/** The alert says `german`, and after switching the language at runtime, `english`. */
async function expectAlertInBothLanguages(el: TerminBuchen, german: string, english: string): Promise<void> {
  // Where a captcha comes first, its solve (ZMS's cost: seconds on a busy machine) precedes the answer.
  await waitUntil(() => queryByRole(el, 'alert')?.textContent?.includes(german), `no alert says "${german}" (it says "${queryByRole(el, 'alert')?.textContent?.trim()}")`, { timeout: 20_000 });
  el.lang = 'en';
  await waitUntil(() => queryByRole(el, 'alert')?.textContent?.includes(english), `no alert says "${english}" (it says "${queryByRole(el, 'alert')?.textContent?.trim()}")`);
  el.lang = 'de';
  await el.updateComplete;
}

describe('ZMS build: booking', () => {
  it('books with the office\'s captcha solved unseen, and the booking waits for the e-mail\'s link', async function () {
    this.timeout(30_000);
    const zms = await start({ captcha: true });
    const el = await renderZmsWidget();
    await expectNoAxeViolations(el);
    await holdFirstTime(el);
    await waitForHeading(el, de.details.title);
    expect(zms.captcha.solved).to.equal(1);
    // ZMS cannot extend a reservation: no "more time" on the countdown.
    expect(queryByRole(el, 'button', de.hold.extend)).to.equal(null);
    await expectNoAxeViolations(el);
    el.remove();

    const booked = await renderZmsWidget();
    await toReview(booked);
    await expectNoAxeViolations(booked);
    await clickButton(booked, de.review.submitRequest);
    await waitForHeading(booked, de.done.pendingTitle);
    await expectNoAxeViolations(booked);
    const process = [...zms.processes.values()].find((candidate) => candidate.status === 'preconfirmed')!;
    expect(process.familyName).to.equal('Erika Mustermann');
    expect(widgetText(booked)).to.include(String(process.processId));
    const reserve = zms.requests.filter((request) => request.path === '/reserve-appointment/').at(-1)!;
    expect((reserve.body as { captchaToken?: string }).captchaToken).to.be.a('string');
  });

  it('says the time was taken when ZMS answers appointmentNotAvailable, and offers fresh times', async () => {
    await start({ faults: { 'POST /reserve-appointment/': { code: 'appointmentNotAvailable', once: true } } });
    const el = await renderZmsWidget();
    await holdFirstTime(el);
    await findByRole(el, 'alert', de.datetime.slotTaken);
    await waitUntil(() => slotButtons(el).length > 0, 'the times were not asked for again');
  });

  it('marks an e-mail address ZMS refuses and says why, in German and English', async () => {
    await start();
    const el = await renderZmsWidget();
    await toReview(el, 'erika+termine@example.org');
    await clickButton(el, de.review.submitRequest);
    await waitForHeading(el, de.details.title);
    await expectAlertInBothLanguages(el, ZMS_ERROR_CODES.invalidEmail.text!.de, ZMS_ERROR_CODES.invalidEmail.text!.en);
    await expectNoAxeViolations(el);
  });

  it('says when this address has booked as often as the office allows', async () => {
    await start({ faults: { 'POST /update-appointment/': 'tooManyAppointmentsWithSameMail' } });
    const el = await renderZmsWidget();
    await toReview(el);
    await clickButton(el, de.review.submitRequest);
    await expectAlertInBothLanguages(el, de.errors.limit_reached, en.errors.limit_reached);
  });

  it('says when the security check failed (ZMS: HTTP 200, meta.success false)', async function () {
    this.timeout(30_000);
    await start({ captcha: true, captchaFails: 'verify' });
    const el = await renderZmsWidget();
    await toCalendar(el);
    await expectAlertInBothLanguages(el, ZMS_ERROR_CODES.captchaVerificationFailed.text!.de, ZMS_ERROR_CODES.captchaVerificationFailed.text!.en);
  });
});

describe('ZMS build: the e-mail\'s links', () => {
  it('confirms by the activation link on the page, then cancels; nothing ZMS cannot do is offered', async () => {
    const zms = await start();
    const mail = await preconfirmedBooking(zms);
    history.replaceState(null, '', `${pageAddress()}${mail.confirmFragment}`);
    const el = await renderZmsWidget({ ready: (widget) => queryByRole(widget, 'status', de.manage.confirmedNow) });
    expect(window.location.hash, 'the key left the address bar').to.equal('');
    const process = [...zms.processes.values()][0];
    expect(process.status).to.equal('confirmed');
    expect(queryByRole(el, 'button', de.manage.reschedule)).to.equal(null);
    expect(queryByRole(el, 'button', de.privacy.show)).to.equal(null);
    expect(queryByRole(el, 'button', de.privacy.erase)).to.equal(null);
    await expectNoAxeViolations(el);

    await clickButton(el, de.manage.cancel);
    await clickButton(el, de.manage.dialogConfirm);
    await findByRole(el, 'status', de.manage.cancelledText(String(process.processId)));
    expect(process.status).to.equal('deleted');
    await expectNoAxeViolations(el);
  });

  it('reads the cancel link percent-encoded twice', async () => {
    const zms = await start();
    const mail = await preconfirmedBooking(zms);
    const [route, hash] = mail.cancelFragment.slice(1).split(/(?<=\/appointment\/)/);
    history.replaceState(null, '', `${pageAddress()}#${route}${encodeURIComponent(encodeURIComponent(hash))}`);
    await renderZmsWidget({ ready: (widget) => queryByRole(widget, 'status', de.manage.confirmedNow) });
  });

  it('has no lookup by code and e-mail: the manage page points to the e-mail\'s link', async () => {
    await start();
    const el = await renderZmsWidget({ mode: 'manage', ready: (widget) => widgetText(widget).includes(de.manage.linkOnly) });
    expect(queryByRole(el, 'textbox')).to.equal(null);
    expect(queryByRole(el, 'button', de.manage.find)).to.equal(null);
    await expectNoAxeViolations(el);
  });

  it('says in words why a link no longer works (ZMS codes on the link)', async () => {
    for (const code of ['authKeyMismatch', 'preconfirmationExpired', 'processNotPreconfirmedAnymore', 'appointmentNotFound']) {
      const zms = await start({ faults: { 'POST /confirm-appointment/': code } });
      const mail = await preconfirmedBooking(zms);
      history.replaceState(null, '', `${pageAddress()}${mail.confirmFragment}`);
      const el = await renderZmsWidget({ ready: (widget) => queryByRole(widget, 'alert') });
      const meaning = ZMS_ERROR_CODES[code];
      const text = meaning.onLink?.text ?? meaning.text!;
      await expectAlertInBothLanguages(el, text.de, text.en);
      el.remove();
    }
  });

  it('says the appointment can no longer be cancelled online once it has begun', async () => {
    const zms = await start({ faults: { 'POST /cancel-appointment/': 'appointmentCanNotBeCanceled' } });
    const mail = await preconfirmedBooking(zms);
    history.replaceState(null, '', `${pageAddress()}${mail.cancelFragment}`);
    const el = await renderZmsWidget({ ready: (widget) => queryByRole(widget, 'button', de.manage.cancel) });
    await clickButton(el, de.manage.cancel);
    await clickButton(el, de.manage.dialogConfirm);
    const { text } = ZMS_ERROR_CODES.appointmentCanNotBeCanceled;
    await expectAlertInBothLanguages(el, text!.de, text!.en);
  });
});

describe('ZMS build: every error code in words', () => {
  // Each code as the answer to the first request, the catalog: the widget must say something a citizen understands.
  it('shows each code of error-codes.json in German and English', async function () {
    this.timeout(120_000);
    for (const { errorCode } of await errorCodes()) {
      await start({ faults: { 'GET /offices-and-services/': errorCode } });
      const el = await renderZmsWidget({ ready: (widget) => queryByRole(widget, 'alert') });
      const meaning = ZMS_ERROR_CODES[errorCode];
      await expectAlertInBothLanguages(el, meaning.text?.de ?? de.errors[meaning.reason as keyof typeof de.errors], meaning.text?.en ?? en.errors[meaning.reason as keyof typeof en.errors]);
      el.remove();
    }
  });
});
