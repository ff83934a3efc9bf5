import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BackendError } from '../src/api/port.js';
import type { Booking } from '../src/api/schemas.js';
import { normaliseCode } from '../src/api/v1/link.js';
import { initialManageState, reduceManage } from '../src/manage/manage-machine.js';
import type { MockState } from '../src/mock/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import { $, buttonNamed, de, lookUp, NOW, pinClock, renderWidget, text, waitForView } from './support/manage.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const EMAIL = 'erika.mustermann@example.org';

describe('normaliseCode', () => {
  it('accepts what people type: any case, missing, extra or spaced dashes', () => {
    for (const typed of ['k7q-4xp', 'K7Q4XP', ' k7q 4xp ', 'K7Q--4XP', 'k7q - 4xp']) expect(normaliseCode(typed), typed).to.equal('K7Q-4XP');
  });

  it('leaves nothing of input without letters or digits', () => {
    expect(normaliseCode(' - ')).to.equal('');
  });
});

describe('manage reducer', () => {
  const booking = { code: 'K7Q-4XP' } as Booking;
  const notFound = new BackendError({ reason: 'not_found', code: 'not_found', message: 'x' });

  it('sends a link that fails back to the lookup form, code kept', () => {
    const state = reduceManage(reduceManage(initialManageState(), { type: 'linkOpened', code: 'K7Q-4XP' }), { type: 'failed', error: notFound });
    expect(state).to.include({ view: 'lookup', code: 'K7Q-4XP', linkFailed: true, error: notFound });
  });

  it('keeps a failed lookup apart from a failed link', () => {
    const state = reduceManage(reduceManage(initialManageState(), { type: 'lookupStarted', code: 'K7Q-4XP' }), { type: 'failed', error: notFound });
    expect(state).to.include({ view: 'lookup', linkFailed: false, busy: null });
  });

  it('cannot cancel or move before a booking is shown', () => {
    const start = initialManageState();
    expect(reduceManage(start, { type: 'cancelStarted' })).to.equal(start);
    expect(reduceManage(start, { type: 'rescheduleStarted' })).to.equal(start);
  });

  it('shows the moved booking with a notice and forgets the held slot', () => {
    let state = reduceManage(initialManageState(), { type: 'bookingShown', booking, confirmedNow: false });
    state = reduceManage(state, { type: 'rescheduleStarted' });
    state = reduceManage(state, { type: 'dayChosen', date: '2026-11-10' });
    const moved = { ...booking, start: 'later' } as Booking;
    state = reduceManage(state, { type: 'rescheduled', booking: moved });
    expect(state).to.include({ view: 'booking', booking: moved, notice: 'rescheduled', date: null, held: null });
  });
});

describe('<termin-buchen mode="manage">', () => {
  let backend: MockState;
  let booking: Booking;

  beforeEach(async () => {
    pinClock();
    backend = await useMockBackend({ now: () => NOW });
    booking = backend.seedBooking();
  });
  after(stopMockBackend);

  it('finds a booking by code and e-mail and shows it', async () => {
    const el = await renderWidget('manage');
    await expectNoAxeViolations(el);
    await lookUp(el, booking.code, EMAIL);
    await waitForView(el, 'tb-booking-view');
    expect($(el, '[part="code"]')!.textContent).to.equal(booking.code);
    expect(text(el)).to.include(booking.location.name).and.include(booking.services[0].name).and.include(de.manage.statusConfirmed);
    expect(backend.requests.some((request) => request.method === 'POST' && request.path === '/api/bookings/lookup')).to.be.true;
    await expectNoAxeViolations(el);
  });

  it('says clearly when no booking matches', async () => {
    const el = await renderWidget('manage');
    await lookUp(el, booking.code, 'someone.else@example.org');
    await waitUntil(() => $(el, '[role="alert"]'), 'no alert');
    expect($(el, '[role="alert"]')!.textContent).to.include(de.errors.not_found);
    expect($(el, 'tb-lookup-form')).to.exist;
    await expectNoAxeViolations(el);
  });

  it('normalises a sloppily typed code before looking it up', async () => {
    const el = await renderWidget('manage');
    const sloppy = ` ${booking.code.toLowerCase().replace('-', ' -  ')} `;
    await lookUp(el, sloppy, EMAIL);
    await waitForView(el, 'tb-booking-view');
    expect($<HTMLInputElement>(el, '#lookup-code')).to.equal(null);
    expect($(el, '[part="code"]')!.textContent).to.equal(booking.code);
  });

  it('asks for both fields before it sends anything', async () => {
    const el = await renderWidget('manage');
    await lookUp(el, ' - ', 'not-an-address');
    await el.updateComplete;
    await waitUntil(() => $(el, '#lookup-code-error'));
    expect($(el, '#lookup-code-error')!.textContent).to.include(de.manage.codeRequired);
    expect($(el, '#lookup-email-error')!.textContent).to.include(de.details.errors.email.email);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#lookup-code'));
    expect(backend.requests.filter((request) => request.path.startsWith('/api/bookings'))).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  async function openBooking() {
    const el = await renderWidget('manage');
    await lookUp(el, booking.code, EMAIL);
    await waitForView(el, 'tb-booking-view');
    return el;
  }

  function dialog(el: HTMLElement & { shadowRoot: ShadowRoot | null }): HTMLDialogElement {
    return el.shadowRoot!.querySelector('dialog')!;
  }

  it('opens the cancel dialog from the keyboard, keeps focus inside, and Escape returns focus', async () => {
    const el = await openBooking();
    const cancelButton = buttonNamed(el, de.manage.cancel)!;
    cancelButton.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog(el).open, 'dialog did not open');
    expect(el.shadowRoot!.activeElement).to.equal(buttonNamed(el, de.manage.dialogKeep));
    await expectNoAxeViolations(el);
    for (let press = 0; press < 3; press++) {
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement;
      expect(focused, `focus left the widget for ${document.activeElement?.outerHTML.slice(0, 80)}`).to.exist;
      expect(dialog(el).contains(focused), `focus left the dialog: ${focused!.outerHTML}`).to.be.true;
    }
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'Escape did not close the dialog');
    expect(el.shadowRoot!.activeElement).to.equal(cancelButton);
    expect(backend.requests.some((request) => request.method === 'DELETE')).to.be.false;
  });

  it('cancels after confirming, with an event that carries only the code', async () => {
    const el = await openBooking();
    buttonNamed(el, de.manage.cancel)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog(el).open);
    buttonNamed(el, de.manage.dialogConfirm)!.focus();
    const cancelled = oneEvent(el, 'termin-cancelled');
    await sendKeys({ press: 'Enter' });
    const event = await cancelled;
    expect(event.detail).to.deep.equal({ code: booking.code });
    await waitUntil(() => text(el).includes(de.manage.cancelledTitle));
    expect(backend.bookings[0].cancelled).to.be.true;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#step-heading'));
    await expectNoAxeViolations(el);
  });

  it('explains when it is too late to cancel, then offers neither cancelling nor moving', async () => {
    backend = await useMockBackend({ now: () => NOW });
    booking = backend.seedBooking({ start: '2026-11-02T14:00:00+01:00' });
    // An older backend, which does not say until when the booking can be changed (contract-wording tests that case).
    delete backend.bookings[0].booking.changeableUntil;
    const el = await openBooking();
    const cancelButton = buttonNamed(el, de.manage.cancel)!;
    cancelButton.click();
    await waitUntil(() => dialog(el).open);
    buttonNamed(el, de.manage.dialogConfirm)!.click();
    await waitUntil(() => $(el, '[role="alert"]'), 'no alert');
    expect($(el, '[role="alert"]')!.textContent).to.include(de.errors.too_late);
    expect(backend.bookings[0].cancelled).to.be.false;
    expect($(el, 'tb-booking-view')).to.exist;
    await waitUntil(() => !buttonNamed(el, de.manage.cancel), 'still offers to cancel');
    expect(buttonNamed(el, de.manage.reschedule), 'still offers to move').not.to.exist;
    expect(buttonNamed(el, de.done.addToCalendar)).to.exist;
    expect(el.shadowRoot!.activeElement, 'focus is not lost with the button').to.equal($(el, '#step-heading'));
    await expectNoAxeViolations(el);
  });

  it('moves a booking to another slot, frees the old one and reports it', async () => {
    const el = await openBooking();
    buttonNamed(el, de.manage.reschedule)!.click();
    await waitUntil(() => $(el, 'tb-calendar td[data-state="available"]'), 'no available day');
    await expectNoAxeViolations(el);
    const days = [...el.shadowRoot!.querySelectorAll<HTMLElement>('tb-calendar td[data-state="available"]')];
    days.at(-1)!.click();
    await waitUntil(() => $(el, 'tb-slot-list button'), 'no slots');
    const slotButton = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tb-slot-list button');
    slotButton[slotButton.length - 1].click();
    await waitUntil(() => backend.requests.some((request) => request.path === '/api/holds'), 'no hold');
    // The button names the new time; whatever the time, the rest of its text is the catalog's.
    const [before, after] = de.manage.moveTo('\u0000').split('\u0000');
    const isMoveButton = (button: HTMLButtonElement) => {
      const label = button.textContent?.trim() ?? '';
      return label.startsWith(before) && label.endsWith(after) && label.length > before.length + after.length;
    };
    await waitUntil(() => [...el.shadowRoot!.querySelectorAll('button')].some(isMoveButton), 'no move button');
    const moveButton = [...el.shadowRoot!.querySelectorAll('button')].find(isMoveButton)!;
    const rescheduled = oneEvent(el, 'termin-rescheduled');
    moveButton.click();
    const event = await rescheduled;
    expect(Object.keys(event.detail).sort()).to.deep.equal(['code', 'end', 'start']);
    expect(event.detail.code).to.equal(booking.code);
    expect(event.detail.start).to.not.equal(booking.start);
    expect(backend.bookings[0].booking.start).to.equal(event.detail.start);
    await waitUntil(() => text(el).includes(de.manage.rescheduled));
    expect(buttonNamed(el, de.done.addToCalendar)).to.exist;
    const oldDay = booking.start.slice(0, 10);
    const freeAgain = backend.slots(booking.location.id, booking.services.map(({ id, quantity }) => ({ id, quantity })), oldDay);
    expect(freeAgain.map((slot) => slot.start)).to.include(booking.start);
    await expectNoAxeViolations(el);
  });

  it('switches from booking to managing and back in place', async () => {
    const el = await renderWidget('book');
    buttonNamed(el, de.manage.open)!.click();
    await waitForView(el, 'tb-lookup-form');
    expect(el.getAttribute('mode')).to.equal('manage');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#step-heading'));
    buttonNamed(el, de.manage.bookNew)!.click();
    await waitForView(el, 'tb-services-step');
    expect(el.getAttribute('mode')).to.equal('book');
  });
});
