import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Booking } from '../src/api/schemas.js';
import '../src/components/steps/done-step.js';
import { manageUrl, parseManageFragment } from '../src/api/v1/link.js';
import type { MockState } from '../src/mock/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import { $, de, NOW, pinClock, renderWidget, text, waitForView } from './support/manage.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const pageAddress = () => window.location.href.split('#')[0];

function setFragment(fragment: string): void {
  history.replaceState(null, '', `${pageAddress()}#${fragment}`);
}

describe('parseManageFragment', () => {
  const link = { code: 'K7Q-4XP', token: 'aB3_x-Yz' };

  it('reads the link the e-mail carries', () => {
    expect(parseManageFragment('#termin=K7Q-4XP.aB3_x-Yz')).to.deep.equal(link);
  });

  it('tolerates links that mail clients percent-encoded once or twice', () => {
    const once = encodeURIComponent('termin=K7Q-4XP.aB3_x-Yz');
    expect(parseManageFragment(`#${once}`)).to.deep.equal(link);
    expect(parseManageFragment(`#${encodeURIComponent(once)}`)).to.deep.equal(link);
  });

  it('tolerates a lower-case code and punctuation after the link', () => {
    expect(parseManageFragment('#termin=k7q4xp.aB3_x-Yz.')).to.deep.equal(link);
    expect(parseManageFragment('#termin=K7Q-4XP.aB3_x-Yz%3E')).to.deep.equal(link);
  });

  it('ignores other fragments', () => {
    for (const hash of ['', '#inhalt', '#termin=', '#termin=K7Q-4XP', '#%E0%A4%A']) expect(parseManageFragment(hash), hash).to.equal(null);
  });

  it('round-trips the link it builds', () => {
    expect(parseManageFragment(new URL(manageUrl('https://stadt.example/termin#alt', link)).hash)).to.deep.equal(link);
  });
});

describe('<termin-buchen> opened from a manage link', () => {
  let backend: MockState;

  beforeEach(async () => {
    pinClock();
    backend = await useMockBackend({ now: () => NOW });
  });
  afterEach(() => history.replaceState(null, '', pageAddress()));
  after(stopMockBackend);

  const confirmRequests = () => backend.requests.filter((request) => request.path.endsWith('/confirm'));

  it('goes straight to a confirmed booking and removes the token from the address bar', async () => {
    const booking = backend.seedBooking({ status: 'confirmed' });
    setFragment(`termin=${booking.code}.${booking.token}`);
    const el = await renderWidget('book', 'tb-booking-view [part="code"]');
    expect(el.getAttribute('mode')).to.equal('manage');
    expect(window.location.hash).to.equal('');
    expect(window.location.href).to.not.include(booking.token);
    expect($(el, '[part="code"]')!.textContent).to.equal(booking.code);
    expect(text(el)).to.not.include(de.manage.confirmedNow);
    expect(confirmRequests()).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  it('confirms a pending booking and says so', async () => {
    const booking = backend.seedBooking({ status: 'pending' });
    setFragment(`termin=${booking.code}.${booking.token}`);
    const el = await renderWidget('book', 'tb-booking-view [part="code"]');
    await waitUntil(() => text(el).includes(de.manage.confirmedNow), 'no confirmation notice');
    expect(backend.bookings[0].booking.status).to.equal('confirmed');
    expect(confirmRequests()).to.have.length(1);
    expect(text(el)).to.include(de.manage.statusConfirmed);
    await expectNoAxeViolations(el);
  });

  it('shows the booking, not an error, when the link was already used', async () => {
    const booking = backend.seedBooking({ status: 'pending' });
    setFragment(`termin=${booking.code}.${booking.token}`);
    await renderWidget('book', 'tb-booking-view [part="code"]');
    setFragment(`termin=${booking.code}.${booking.token}`);
    const again = await renderWidget('book', 'tb-booking-view [part="code"]');
    expect($(again, '[role="alert"]')).to.equal(null);
    expect(text(again)).to.not.include(de.manage.confirmedNow);
    expect(confirmRequests()).to.have.length(1);
  });

  it('opens a link that a mail client percent-encoded twice', async () => {
    const booking = backend.seedBooking({ status: 'pending' });
    setFragment(encodeURIComponent(encodeURIComponent(`termin=${booking.code.toLowerCase()}.${booking.token}`)));
    const el = await renderWidget('book', 'tb-booking-view [part="code"]');
    expect($(el, '[part="code"]')!.textContent).to.equal(booking.code);
    expect(window.location.hash).to.equal('');
  });

  it('falls back to the lookup form, code filled in, when the token is wrong', async () => {
    const booking = backend.seedBooking();
    setFragment(`termin=${booking.code}.wrong-token`);
    const el = await renderWidget('book', '[role="alert"]');
    expect($(el, '[role="alert"]')!.textContent).to.include(de.errors.not_allowed);
    await waitForView(el, '#lookup-code');
    expect($<HTMLInputElement>(el, '#lookup-code')!.value).to.equal(booking.code);
    await expectNoAxeViolations(el);
  });

  it('explains a link to a booking that no longer exists', async () => {
    const booking = backend.seedBooking();
    backend.bookings[0].cancelled = true;
    setFragment(`termin=${booking.code}.${booking.token}`);
    const el = await renderWidget('book', '[role="alert"]');
    expect($(el, '[role="alert"]')!.textContent).to.include(de.manage.linkNotFound);
  });

  it('follows a manage link into the page it is on (hashchange)', async () => {
    const booking = backend.seedBooking();
    const el = await renderWidget('book');
    const anchor = await fixture<HTMLAnchorElement>(html`<a href=${manageUrl(window.location.href, booking)}>link</a>`);
    anchor.click();
    await waitForView(el, 'tb-booking-view [part="code"]');
    expect(el.getAttribute('mode')).to.equal('manage');
    expect(window.location.hash).to.equal('');
  });
});

describe('the confirmation offers the manage link', () => {
  async function renderDone(booking: Booking) {
    return fixture(html`<tb-done-step .messages=${de} lang="de" .booking=${booking}></tb-done-step>`);
  }

  it('links a confirmed booking to this page with its code and token', async () => {
    pinClock();
    const backend = await useMockBackend({ now: () => NOW });
    const booking = backend.seedBooking({ status: 'confirmed' });
    const done = await renderDone(booking);
    const link = [...done.querySelectorAll('a')].find((anchor) => anchor.textContent === de.manage.manageLink)!;
    expect(link.href.split('#')[0]).to.equal(pageAddress());
    expect(parseManageFragment(new URL(link.href).hash)).to.deep.equal({ code: booking.code, token: booking.token });
  });

  it('leaves a pending booking to be confirmed from the e-mail', async () => {
    pinClock();
    const backend = await useMockBackend({ now: () => NOW });
    const done = await renderDone(backend.seedBooking({ status: 'pending' }));
    expect(done.querySelector('a[href*="#termin="]')).to.equal(null);
    await stopMockBackend();
  });
});
