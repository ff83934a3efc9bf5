/**
 * What the widget says with the contract's optional fields (docs/api.yaml) and without them, as an older
 * backend answers: the phone number to call, "too close to change online" up front, by when to confirm,
 * "Termin anfragen" where double opt-in applies; and the wording and look of the form and the dialog.
 * Everything is found by role and name through the element.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import type { Catalog } from '../src/api/schemas.js';
import type { MockState } from '../src/mock/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  chooseFirstFreeDay,
  chooseServiceAndLocation,
  click,
  clickButton,
  deTexts,
  fillCitizen,
  findByRole,
  getByRole,
  MONDAY,
  PASS,
  pinClock,
  queryByRole,
  RATHAUS,
  renderWidget,
  slotButtons,
  typeInto,
  waitForFreeDay,
  waitForHeading,
  widgetText,
} from './support/flow-driver.js';
import { lookUp, NOW, renderWidget as renderManage, waitForView } from './support/manage.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const PHONE = '0123 4567-0';
const NORD = 'Bürgerbüro Nord';
let restoreClock: () => void = () => undefined;

/** The catalog as a backend from before these fields answers it. */
const olderBackend = (catalog: Catalog): Catalog => {
  const { contact: _contact, ...rest } = catalog;
  return { ...rest, locations: catalog.locations.map(({ doubleOptIn: _doubleOptIn, ...location }) => location) };
};

function cssOf(element: Element, property: string): string {
  return getComputedStyle(element).getPropertyValue(property);
}

/** The colour a custom property of the widget resolves to, as computed colours are written. */
function tokenColour(el: TerminBuchen, token: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${token})`;
  el.shadowRoot!.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

async function toReview(el: TerminBuchen, location: string): Promise<void> {
  await chooseServiceAndLocation(el, deTexts, PASS, location);
  await chooseFirstFreeDay(el);
  await click(slotButtons(el)[0]);
  await waitForHeading(el, de.details.title);
  await fillCitizen(el, deTexts);
  await clickButton(el, de.common.continue);
  await waitForHeading(el, de.review.title);
}

describe('manage: changeableUntil and the phone number', () => {
  let backend: MockState;
  beforeEach(async () => {
    restoreClock = pinClock(NOW);
    backend = await useMockBackend({ now: () => NOW });
  });
  afterEach(() => restoreClock());
  after(stopMockBackend);

  async function openBooking(start: string): Promise<TerminBuchen> {
    const booking = backend.seedBooking({ start });
    const el = await renderManage('manage');
    await lookUp(el, booking.code, 'erika.mustermann@example.org');
    await waitForView(el, 'tb-booking-view');
    return el;
  }

  it('says up front that a booking too close to change online can only be changed by phone, and offers neither', async () => {
    const el = await openBooking('2026-11-02T14:00:00+01:00');
    expect(widgetText(el)).to.include(de.manage.tooLate);
    const call = getByRole(el, 'link', PHONE);
    expect(call.getAttribute('href')).to.equal('tel:012345670');
    expect(queryByRole(el, 'button', de.manage.cancel), 'offers to cancel').to.equal(null);
    expect(queryByRole(el, 'button', de.manage.reschedule), 'offers to move').to.equal(null);
    getByRole(el, 'button', de.done.addToCalendar);
    expect(backend.requests.some((request) => request.method === 'DELETE')).to.be.false;
    await expectNoAxeViolations(el);
  });

  it('offers both while the booking can still be changed', async () => {
    const el = await openBooking('2026-11-05T10:00:00+01:00');
    getByRole(el, 'button', de.manage.cancel);
    getByRole(el, 'button', de.manage.reschedule);
    expect(widgetText(el)).not.to.include(de.manage.tooLate);
  });

  it('without changeableUntil (an older backend) learns it from too_late, and names the phone number then', async () => {
    const booking = backend.seedBooking({ start: '2026-11-02T14:00:00+01:00' });
    delete backend.bookings[0].booking.changeableUntil;
    const el = await renderManage('manage');
    await lookUp(el, booking.code, 'erika.mustermann@example.org');
    await waitForView(el, 'tb-booking-view');
    await click(getByRole(el, 'button', de.manage.cancel));
    await click(await findByRole(el, 'button', de.manage.dialogConfirm));
    const alert = await findByRole(el, 'alert');
    expect(alert.textContent).to.include(de.errors.too_late);
    expect(alert.querySelector('a')?.textContent).to.equal(PHONE);
    expect(widgetText(el), 'said twice').not.to.include(de.manage.tooLate);
    await waitUntil(() => !queryByRole(el, 'button', de.manage.cancel), 'still offers to cancel');
  });

  it('shows the cancel dialog\'s yes as destructive, and both buttons one above the other at one width on a phone', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
      const el = await openBooking('2026-11-05T10:00:00+01:00');
      await click(getByRole(el, 'button', de.manage.cancel));
      const yes = await findByRole(el, 'button', de.manage.dialogConfirm);
      const no = getByRole(el, 'button', de.manage.dialogKeep);
      expect(cssOf(yes, 'background-color'), 'red, not the blue of an ordinary yes').to.equal(tokenColour(el, '--tb-color-error'));
      const [a, b] = [no.getBoundingClientRect(), yes.getBoundingClientRect()];
      expect(Math.round(a.left)).to.equal(Math.round(b.left));
      expect(Math.round(a.width)).to.equal(Math.round(b.width));
      await expectNoAxeViolations(el);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('booking: doubleOptIn, confirmBy, the phone number', () => {
  let backend: MockState;
  afterEach(() => restoreClock());
  after(stopMockBackend);

  async function start(options: Parameters<typeof useMockBackend>[0] = {}): Promise<TerminBuchen> {
    restoreClock = pinClock(MONDAY);
    backend = await useMockBackend({ now: () => new Date(MONDAY), ...options });
    return renderWidget();
  }

  it('asks for a booking where double opt-in applies and says by when to open the link', async () => {
    const el = await start();
    await toReview(el, NORD);
    expect(widgetText(el)).to.include(de.review.introRequest);
    await clickButton(el, de.review.submitRequest);
    await waitForHeading(el, de.done.pendingTitle);
    const confirmBy = backend.bookings[0].booking.confirmBy!;
    expect(confirmBy).to.be.a('string');
    // 2 hours after the pinned Monday, 09:00 in Berlin.
    expect(widgetText(el)).to.include(de.done.confirmBy('Montag, 11. Januar 2027, 11:00 Uhr'));
    await expectNoAxeViolations(el);
  });

  it('books bindingly where no double opt-in applies', async () => {
    const el = await start();
    await toReview(el, RATHAUS);
    expect(widgetText(el)).to.include(de.review.intro);
    getByRole(el, 'button', de.review.submit);
    expect(queryByRole(el, 'button', de.review.submitRequest)).to.equal(null);
  });

  it('promises neither where an older backend does not say', async () => {
    const el = await start({ catalog: olderBackend });
    await toReview(el, NORD);
    getByRole(el, 'button', de.review.submitPlain);
    expect(queryByRole(el, 'button', de.review.submit)).to.equal(null);
    await clickButton(el, de.review.submitPlain);
    await waitForHeading(el, de.done.pendingTitle);
  });

  it('names the phone number where booking online cannot go on, and not where it can', async () => {
    const el = await start({ faults: ['bookings:500'] });
    await toReview(el, RATHAUS);
    await clickButton(el, de.review.submit);
    const alert = await findByRole(el, 'alert', new RegExp(`^${de.errors.title}`));
    expect(alert.textContent).to.include(de.errors.unavailable).and.include(de.common.call);
    expect(getByRole(el, 'link', PHONE).getAttribute('href')).to.equal('tel:012345670');
    await expectNoAxeViolations(el);
  });

  it('says only to try again when the backend names no phone number', async () => {
    const el = await start({ faults: ['bookings:500'], catalog: olderBackend });
    await toReview(el, RATHAUS);
    await clickButton(el, de.review.submitPlain);
    const alert = await findByRole(el, 'alert', new RegExp(`^${de.errors.title}`));
    expect(alert.textContent).to.include(de.errors.unavailable).and.not.include(de.common.call);
  });
});

describe('wording and look of the steps', () => {
  afterEach(() => restoreClock());
  after(stopMockBackend);

  async function start(form: Partial<Catalog['form']> = {}): Promise<TerminBuchen> {
    restoreClock = pinClock(MONDAY);
    await useMockBackend({ now: () => new Date(MONDAY), catalog: (catalog) => ({ ...catalog, form: { ...catalog.form, ...form } }) });
    return renderWidget();
  }

  it('asks for any phone number for queries, and its hint and error match what it accepts', async () => {
    const el = await start({ phone: 'optional', address: 'optional', birthDate: 'optional' });
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await chooseFirstFreeDay(el);
    await click(slotButtons(el)[0]);
    await waitForHeading(el, de.details.title);
    const phone = getByRole<HTMLInputElement>(el, 'textbox', new RegExp(`^${de.details.labels.phone}`));
    expect(de.details.labels.phone).to.equal('Telefonnummer für Rückfragen');
    const described = (input: HTMLElement) => input.getAttribute('aria-describedby')!.split(' ').map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
    expect(described(phone)).to.include('Festnetz oder Handy');
    // Every optional field the town turns on says why it is asked.
    for (const label of [de.details.labels.street, de.details.labels.birthDate]) {
      const input = getByRole(el, 'textbox', new RegExp(`^${label}`));
      expect(described(input), label).to.include(label === de.details.labels.street ? de.details.hints.street : 'Damit das Bürgerbüro Sie eindeutig findet');
    }
    await fillCitizen(el, deTexts);
    await typeInto(el, new RegExp(`^${de.details.labels.phone}`), '------');
    await clickButton(el, de.common.continue);
    await findByRole(el, 'alert');
    expect(described(phone)).to.include(de.details.errors.phone.phone);
    await expectNoAxeViolations(el);
    // A landline with an area code in brackets and a dash is accepted.
    phone.select();
    await sendKeys({ press: 'Backspace' });
    await typeInto(el, new RegExp(`^${de.details.labels.phone}`), '(0123) 4567-89');
    await clickButton(el, de.common.continue);
    await waitUntil(() => widgetText(el).includes(de.review.title) || queryByRole(el, 'heading', de.review.title), 'not accepted');
  });

  it('leaves no empty line where the duration is not known yet', async () => {
    const el = await start();
    const total = el.shadowRoot!.querySelector('.total')!;
    expect(total.getBoundingClientRect().height).to.equal(0);
    expect(cssOf(total, 'margin-top')).to.equal('0px');
    await clickButton(el, de.services.increase(PASS));
    await waitUntil(() => total.getBoundingClientRect().height > 0, 'the duration is not shown');
  });

  it('lines link-style buttons up with the words around them', async () => {
    const el = await start();
    const open = getByRole(el, 'button', de.manage.open);
    const paragraph = open.parentElement!;
    const words = document.createRange();
    words.selectNodeContents([...paragraph.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!);
    const label = document.createRange();
    label.selectNodeContents(open);
    const [text, link] = [words.getClientRects()[0], label.getClientRects()[0]];
    expect(Math.abs(text.bottom - link.bottom), 'same baseline').to.be.below(1);
    expect(cssOf(open, 'font-size')).to.equal(cssOf(paragraph, 'font-size'));
    await click(open);
    const bookNew = await findByRole(el, 'button', de.manage.bookNew);
    label.selectNodeContents(bookNew);
    expect(Math.round(label.getClientRects()[0].left), 'indented from the text above').to.equal(Math.round(bookNew.parentElement!.getBoundingClientRect().left));
  });

  it('explains the outlined cell of today in the legend', async () => {
    const el = await start();
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await waitForFreeDay(el);
    const today = el.shadowRoot!.querySelector('tb-calendar [aria-current="date"]')!;
    const entry = [...el.shadowRoot!.querySelectorAll('tb-calendar .legend li')].find((item) => item.textContent?.trim() === de.calendar.legendToday);
    expect(entry, 'no legend entry for today').to.exist;
    const swatch = entry!.querySelector('.swatch')!;
    expect(cssOf(swatch, 'border-top-color')).to.equal(cssOf(today, 'border-top-color'));
    expect(cssOf(swatch, 'border-top-width')).to.equal(cssOf(today, 'border-top-width'));
  });

  it('keeps the office cards as they are when it asks to choose one', async () => {
    const el = await start();
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    const radio = await findByRole(el, 'radio', new RegExp(`^${RATHAUS}`));
    const card = radio.closest('.choice')!;
    const look = () => ['background-color', 'border-bottom-color', 'border-bottom-width'].map((name) => cssOf(radio, name))
      .concat(['border-top-color', 'box-shadow'].map((name) => cssOf(card, name))).join(' ');
    const [before, width] = [look(), card.getBoundingClientRect().width];
    await clickButton(el, de.common.continue);
    await waitUntil(() => widgetText(el).includes(de.location.noneChosen), 'no error');
    expect(look()).to.equal(before);
    // Only the red bar beside the group takes room (4 px and its 16 px gap); no form field's width limit.
    expect(width - card.getBoundingClientRect().width).to.be.at.most(20);
    await expectNoAxeViolations(el);
  });

  it('shows the two-minute warning of the countdown in the warning colours, not in neutral grey', async () => {
    restoreClock = pinClock(MONDAY);
    await useMockBackend({ now: () => new Date(MONDAY), holdSeconds: 100 });
    const el = await renderWidget();
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await chooseFirstFreeDay(el);
    await click(slotButtons(el)[0]);
    await waitForHeading(el, de.details.title);
    const warning = (await findByRole(el, 'alert', de.hold.warning)).closest('.hold')!;
    expect(cssOf(warning, 'border-left-color')).to.equal(tokenColour(el, '--tb-color-warning'));
    expect(cssOf(warning, 'background-color')).to.equal(tokenColour(el, '--tb-color-warning-bg'));
    expect(tokenColour(el, '--tb-color-warning')).not.to.equal(tokenColour(el, '--tb-color-focus'));
    await expectNoAxeViolations(el);
  });
});
