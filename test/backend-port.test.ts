import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { registerBackend, type Capabilities } from '../src/api/port.js';
import { V1Backend } from '../src/api/v1/backend.js';
import { v1Links } from '../src/api/v1/link.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import type { MockState } from '../src/mock/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  chooseFirstFreeDay,
  chooseFirstSlot,
  chooseServiceAndLocation,
  deTexts,
  findByRole,
  MONDAY,
  PASS,
  pinClock,
  queryByRole,
  RATHAUS,
  waitForHeading,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

/** A backend that can book, confirm and cancel, and nothing more: the v1 mock behind fewer capabilities. */
const LIMITED: Capabilities = { canExtendHold: false, canReschedule: false, canLookup: false, canManageData: false, canErase: false };
registerBackend('limited', (options) => Object.assign(new V1Backend(options), { capabilities: LIMITED }));

async function renderLimited(mode: 'book' | 'manage' = 'book'): Promise<TerminBuchen> {
  const el = await fixture<TerminBuchen>(html`<termin-buchen api="/api" lang="de" backend="limited" mode=${mode}></termin-buchen>`);
  await waitUntil(() => el.shadowRoot!.querySelector(mode === 'book' ? 'tb-services-step button' : '#step-heading'), 'the widget never rendered');
  return el;
}

describe('the backend port: steps offer only what the backend can do', () => {
  let state: MockState;
  let restoreClock: () => void = () => undefined;
  let restorePerformance: () => void = () => undefined;

  beforeEach(async () => {
    restoreClock = pinClock(MONDAY);
    state = await useMockBackend({ now: () => new Date(MONDAY), holdSeconds: 600 });
  });
  afterEach(() => {
    restoreClock();
    restorePerformance();
    window.location.hash = '';
  });
  after(() => stopMockBackend());

  it('warns before the hold ends but offers no "Mehr Zeit" when the backend cannot extend', async () => {
    const real = performance.now.bind(performance);
    let offset = 0;
    Object.defineProperty(performance, 'now', { configurable: true, value: () => real() + offset });
    restorePerformance = () => delete (performance as { now?: unknown }).now;
    const el = await renderLimited();
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await chooseFirstFreeDay(el);
    await chooseFirstSlot(el);
    await waitForHeading(el, de.details.title);
    offset += (600 - 100) * 1000;
    await findByRole(el, 'alert', de.hold.warning);
    expect(queryByRole(el, 'button', de.hold.extend)).to.equal(null);
    expect(state.requests.filter((request) => request.path.endsWith('/extend'))).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  it('shows a booking from its link without moving, data or lookup actions', async () => {
    const booking = state.seedBooking();
    window.location.hash = v1Links.url(window.location.href, booking).split('#')[1];
    const el = await renderLimited('manage');
    await waitUntil(() => el.shadowRoot!.querySelector('tb-booking-view [part="code"]'), 'the booking never showed');
    expect(el.shadowRoot!.querySelector('[part="code"]')!.textContent).to.equal(booking.code);
    for (const name of [de.manage.reschedule, de.privacy.show, de.privacy.change, de.privacy.erase]) {
      expect(queryByRole(el, 'button', name), name).to.equal(null);
    }
    // What the backend can do is still there.
    expect(queryByRole(el, 'button', de.manage.cancel)).not.to.equal(null);
    await expectNoAxeViolations(el);
  });

  it('says to use the e-mail link where a backend cannot look bookings up', async () => {
    const el = await renderLimited('manage');
    await waitUntil(() => el.shadowRoot!.textContent!.includes(de.manage.linkOnly), 'no word about the e-mail link');
    expect(el.shadowRoot!.querySelector('#lookup-code')).to.equal(null);
    await expectNoAxeViolations(el);
  });

  it('offers all of them on the v1 adapter', async () => {
    const booking = state.seedBooking();
    window.location.hash = v1Links.url(window.location.href, booking).split('#')[1];
    const el = await fixture<TerminBuchen>(html`<termin-buchen api="/api" lang="de" mode="manage"></termin-buchen>`);
    await waitUntil(() => el.shadowRoot!.querySelector('tb-booking-view [part="code"]'), 'the booking never showed');
    for (const name of [de.manage.reschedule, de.privacy.show, de.privacy.change, de.privacy.erase, de.manage.cancel]) {
      expect(queryByRole(el, 'button', name), name).not.to.equal(null);
    }
  });
});
