import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import type { Service } from '../src/api/schemas.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import type { MockState } from '../src/mock/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  CITIZEN,
  accessibleName,
  chooseFirstFreeDay,
  chooseFirstSlot,
  chooseServiceAndLocation,
  click,
  clickButton,
  fillCitizen,
  findByRole,
  focused,
  getByRole,
  pinClock,
  press,
  queryAllByRole,
  queryByRole,
  renderWidget,
  roleAndName,
  slotButtons,
  slotTimes,
  stepHeading,
  tabTo,
  typeInto,
  waitForFreeDay,
  waitForHeading,
  widgetText,
  type Texts,
  MONDAY,
  PASS,
  PASS_EN,
  RATHAUS,
  deTexts,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';


const KFZ = 'Fahrzeug außer Betrieb setzen';

/** Berlin wall-clock "HH:mm" of an RFC 3339 instant the mock sent (it writes Berlin's offset). */
const wallClock = (instant: string) => instant.slice(11, 16);

let restoreClock: () => void = () => undefined;

async function start(now: Date = MONDAY, options: Parameters<typeof useMockBackend>[0] = {}): Promise<MockState> {
  restoreClock = pinClock(now);
  return useMockBackend({ now: () => new Date(now), ...options });
}

async function toDetails(el: TerminBuchen, texts: Texts = deTexts): Promise<string> {
  await chooseServiceAndLocation(el, texts, PASS, RATHAUS);
  await chooseFirstFreeDay(el);
  return chooseFirstSlot(el);
}

async function toReview(el: TerminBuchen): Promise<void> {
  await toDetails(el);
  await waitForHeading(el, de.details.title);
  await fillCitizen(el, deTexts);
  await clickButton(el, de.common.continue);
  await waitForHeading(el, de.review.title);
}

describe('booking flow through <termin-buchen>', () => {
  afterEach(() => restoreClock());
  after(stopMockBackend);

  it('books with the mouse from service to confirmation and tells the page without personal data', async () => {
    const state = await start();
    const el = await renderWidget();
    const steps: string[] = [];
    const booked: CustomEvent[] = [];
    el.addEventListener('termin-step', (event) => steps.push((event as CustomEvent<{ step: string }>).detail.step));
    el.addEventListener('termin-booked', (event) => booked.push(event as CustomEvent));

    await waitForHeading(el, de.services.title);
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await waitForHeading(el, de.datetime.title);
    const date = await chooseFirstFreeDay(el);
    const firstFree = state.slots('rathaus', [{ id: 'reisepass', quantity: 1 }], date)[0];
    expect(slotTimes(el)[0]).to.equal(wallClock(firstFree.start));
    await chooseFirstSlot(el);
    await waitForHeading(el, de.details.title);
    expect(widgetText(el), 'whole minutes, not "10:00 Minuten"').to.include(de.hold.remaining(de.common.minutes(10)));
    await fillCitizen(el, deTexts);
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    expect(widgetText(el)).to.include(CITIZEN.email).and.include(RATHAUS).and.include(wallClock(firstFree.start));
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);

    expect(state.bookings).to.have.length(1);
    const [stored] = state.bookings;
    expect(stored.booking.start).to.equal(firstFree.start);
    expect(stored.person).to.deep.equal(CITIZEN);
    expect(widgetText(el)).to.include(stored.booking.code).and.include(de.done.confirmedMail(CITIZEN.email));
    expect(booked).to.have.length(1);
    const detail = booked[0].detail;
    expect(detail).to.deep.equal({
      code: stored.booking.code,
      status: 'confirmed',
      start: firstFree.start,
      end: stored.booking.end,
      locationId: 'rathaus',
      services: [{ id: 'reisepass', quantity: 1 }],
    });
    const json = JSON.stringify(detail);
    for (const personal of Object.values(CITIZEN)) expect(json).not.to.include(personal);
    expect(booked[0].composed, 'the page outside the shadow root hears it').to.equal(true);
    expect(steps).to.deep.equal(['location', 'datetime', 'details', 'review', 'done']);
  });

  it('says to which address the e-mail went, also when the booking waits for its confirmation', async () => {
    await start();
    const el = await renderWidget({ service: 'reisepass', location: 'nord' });
    await chooseFirstFreeDay(el);
    await chooseFirstSlot(el);
    await waitForHeading(el, de.details.title);
    await fillCitizen(el, deTexts);
    await clickButton(el, de.common.continue);
    // Bürgerbüro Nord confirms only by the e-mail's link: the booking is a request.
    await clickButton(el, de.review.submitRequest);
    await waitForHeading(el, de.done.pendingTitle);
    expect(widgetText(el)).to.include(de.done.pending(CITIZEN.email));
  });

  it('books in English with the keyboard alone', async () => {
    const state = await start();
    const el = await renderWidget({ lang: 'en' });
    await waitForHeading(el, en.services.title);
    stepHeading(el)!.focus();

    await tabTo(el, roleAndName('button', en.services.increase(PASS_EN)));
    await press('Enter');
    await waitUntil(() => getByRole<HTMLInputElement>(el, 'spinbutton', en.services.quantity(PASS_EN)).value === '1');
    await tabTo(el, roleAndName('button', en.common.continue));
    await press('Space');
    await waitForHeading(el, en.location.title);
    expect(focused(el)).to.equal(stepHeading(el));

    // Arrow keys move within the radio group and choose; the first radio is reached with Tab.
    await tabTo(el, (element) => element.matches('input[type=radio]'));
    const radios = queryAllByRole<HTMLInputElement>(el, 'radio');
    const rathausIndex = radios.findIndex((radio) => accessibleName(radio).startsWith(RATHAUS));
    await press('ArrowDown', rathausIndex === 0 ? 0 : rathausIndex);
    if (!radios[rathausIndex].checked) await press('Space');
    expect(radios[rathausIndex].checked).to.equal(true);
    await tabTo(el, roleAndName('button', en.common.continue));
    await press('Enter');
    await waitForHeading(el, en.datetime.title);

    const freeDay = await waitForFreeDay(el);
    await tabTo(el, (element) => element.matches('td[tabindex="0"]'));
    expect(focused(el), 'the grid\'s tab stop is the first bookable day').to.equal(freeDay);
    await press('ArrowRight');
    await press('ArrowLeft');
    expect(focused(el)).to.equal(freeDay);
    await press('Enter');
    await waitUntil(() => slotButtons(el).length > 0);
    const date = freeDay.dataset.date!;
    const firstFree = state.slots('rathaus', [{ id: 'reisepass', quantity: 1 }], date)[0];
    await tabTo(el, (element) => element === slotButtons(el)[0]);
    await press('Enter');
    await waitForHeading(el, en.details.title);

    for (const field of ['firstName', 'lastName', 'email'] as const) {
      await tabTo(el, roleAndName('textbox', en.details.labels[field]));
      await sendKeys({ type: CITIZEN[field] });
    }
    await press('Enter');
    await waitForHeading(el, en.review.title);
    // Shift+Tab goes back from the submit button to the "Change" buttons: review is navigable both ways.
    await tabTo(el, roleAndName('button', en.review.submit));
    await tabTo(el, roleAndName('button', new RegExp(`^${en.review.change}`)), { backwards: true });
    await tabTo(el, roleAndName('button', en.review.submit));
    await press('Enter');
    await waitForHeading(el, en.done.title);
    expect(widgetText(el), 'the backend named the service in English').to.include(PASS_EN).and.not.include(PASS);

    expect(state.bookings).to.have.length(1);
    expect(state.bookings[0].booking.start).to.equal(firstFree.start);
    expect(state.bookings[0].locale).to.equal('en');
    expect(state.bookings[0].person).to.deep.equal(CITIZEN);
  });

  it('moves focus to the step heading on every step and has no axe violations on any step', async () => {
    await start();
    const el = await renderWidget();
    const expectFocusedHeading = async (title: string) => {
      await waitForHeading(el, title);
      await el.updateComplete;
      expect(focused(el), `focus after reaching "${title}"`).to.equal(stepHeading(el));
    };
    await waitForHeading(el, de.services.title);
    await expectNoAxeViolations(el);
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    await expectFocusedHeading(de.location.title);
    await expectNoAxeViolations(el);
    await click(await findByRole(el, 'radio', new RegExp(`^${RATHAUS}`)));
    await clickButton(el, de.common.continue);
    await expectFocusedHeading(de.datetime.title);
    await chooseFirstFreeDay(el);
    await expectNoAxeViolations(el);
    await chooseFirstSlot(el);
    await expectFocusedHeading(de.details.title);
    await clickButton(el, de.common.continue);
    await findByRole(el, 'alert', de.details.summaryTitle);
    await expectNoAxeViolations(el);
    await fillCitizen(el, deTexts);
    await clickButton(el, de.common.continue);
    await expectFocusedHeading(de.review.title);
    await expectNoAxeViolations(el);
    await clickButton(el, de.common.back);
    await expectFocusedHeading(de.details.title);
    await clickButton(el, de.common.continue);
    await expectFocusedHeading(de.review.title);
    await clickButton(el, de.review.submit);
    await expectFocusedHeading(de.done.title);
    await expectNoAxeViolations(el);
  });

  describe('preselection attributes', () => {
    it('service and location start at the calendar with a summary that leads back, and leave the page\'s focus alone', async () => {
      await start(MONDAY, { latencyMs: 150 });
      const outside = document.createElement('button');
      document.body.append(outside);
      outside.focus();
      try {
        const el = await renderWidget({ service: 'reisepass', location: 'nord' });
        await waitForHeading(el, de.datetime.title);
        await waitForFreeDay(el);
        expect(document.activeElement, 'the town page keeps its focus').to.equal(outside);
        expect(widgetText(el)).to.include(`${PASS}, 1 Person · Bürgerbüro Nord`).and.include(de.common.stepOf(3, 5));
        await clickButton(el, `${de.review.change} ${de.datetime.changeWhat}`);
        await waitForHeading(el, de.services.title);
        expect(getByRole<HTMLInputElement>(el, 'spinbutton', de.services.quantity(PASS)).value).to.equal('1');
        await clickButton(el, de.services.increase(PASS));
        await clickButton(el, de.common.continue);
        await waitForHeading(el, de.location.title);
        expect(getByRole<HTMLInputElement>(el, 'radio', /^Bürgerbüro Nord/).checked, 'the office stays chosen').to.equal(true);
        await clickButton(el, de.common.continue);
        await waitForHeading(el, de.datetime.title);
        expect(widgetText(el)).to.include(`${PASS}, 2 Personen · Bürgerbüro Nord`);
      } finally {
        outside.remove();
      }
    });

    it('shows the first bookable day after one round trip, the catalog and the days asked for at once', async () => {
      const state = await start(MONDAY, { latencyMs: 400 });
      const began = performance.now();
      const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
      await waitForFreeDay(el);
      expect(performance.now() - began, 'one round trip of 400 ms, not two').to.be.below(780);
      expect(state.requests.map((request) => request.path).slice(0, 2).sort()).to.deep.equal(['/api/catalog', '/api/days']);
    });

    it('a service alone starts at the location step, or at the calendar where only one location offers it', async () => {
      await start();
      const several = await renderWidget({ service: 'reisepass' });
      await waitForHeading(several, de.location.title);
      expect(queryAllByRole(several, 'radio')).to.have.length(3);
      const steps: string[] = [];
      document.addEventListener('termin-step', (event) => steps.push((event as CustomEvent<{ step: string }>).detail.step), { once: true });
      const one = await renderWidget({ service: 'kfz-abmelden' });
      await waitForHeading(one, de.datetime.title);
      expect(widgetText(one)).to.include(de.common.stepOf(2, 4)).and.include(`${KFZ}, 1 Person · ${RATHAUS}`);
      expect(steps).to.deep.equal(['datetime']);
    });

    it('a location alone lists only the services it offers, and goes on to its calendar', async () => {
      await start();
      const el = await renderWidget({ location: 'sued' });
      await waitForHeading(el, de.services.title);
      expect(queryByRole(el, 'spinbutton', de.services.quantity(KFZ))).to.equal(null);
      expect(queryByRole(el, 'spinbutton', de.services.quantity(PASS))).not.to.equal(null);
      await clickButton(el, de.services.increase(PASS));
      await clickButton(el, de.common.continue);
      await waitForHeading(el, de.datetime.title);
      expect(widgetText(el)).to.include(`${PASS}, 1 Person · Bürgerbüro Süd`);
    });

    it('says in one sentence when the location does not offer the service, and lets the citizen choose', async () => {
      await start();
      const el = await renderWidget({ service: 'kfz-abmelden', location: 'sued' });
      await waitForHeading(el, de.services.title);
      expect(getByRole(el, 'status').textContent!.trim()).to.equal(de.services.notOffered('Bürgerbüro Süd', KFZ));
      expect(getByRole<HTMLInputElement>(el, 'spinbutton', de.services.quantity(KFZ)).value).to.equal('1');
      await clickButton(el, de.common.continue);
      await waitForHeading(el, de.datetime.title);
      expect(widgetText(el)).to.include(`${KFZ}, 1 Person · ${RATHAUS}`).and.not.include(de.services.notOffered('Bürgerbüro Süd', KFZ));
      await expectNoAxeViolations(el);
    });

    it('ignores unknown ids with a console warning and no error screen', async () => {
      await start();
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      try {
        const el = await renderWidget({ service: 'no-such-service', location: 'no-such-place' });
        await waitForHeading(el, de.services.title);
        expect(queryByRole(el, 'alert')).to.equal(null);
        expect(queryAllByRole<HTMLInputElement>(el, 'spinbutton').every((input) => input.value === '0')).to.equal(true);
      } finally {
        console.warn = warn;
      }
      expect(warnings.some((text) => text.includes('no-such-service'))).to.equal(true);
      expect(warnings.some((text) => text.includes('no-such-place'))).to.equal(true);
    });
  });

  describe('services', () => {
    it('keeps the quantity within 0…maxQuantity and shows the total duration', async () => {
      const state = await start();
      const el = await renderWidget();
      const pass = state.catalog.services.find((service) => service.id === 'reisepass')!;
      const quantity = () => getByRole<HTMLInputElement>(el, 'spinbutton', de.services.quantity(PASS)).value;
      const total = () => el.shadowRoot!.querySelector('.total')!.textContent!.trim();
      const more = getByRole(el, 'button', de.services.increase(PASS));
      const fewer = getByRole(el, 'button', de.services.decrease(PASS));
      expect(fewer.getAttribute('aria-disabled')).to.equal('true');
      expect(total()).to.equal('');

      await click(more);
      await waitUntil(() => quantity() === '1');
      const oneTotal = total();
      expect(oneTotal).to.include(String(pass.durationMinutes));
      for (let i = 0; i < pass.maxQuantity + 2; i++) await click(more);
      await waitUntil(() => quantity() === String(pass.maxQuantity));
      expect(more.getAttribute('aria-disabled')).to.equal('true');
      // maxQuantity × 20 minutes is more than an hour, and the text says so.
      const allTotal = total();
      expect(allTotal).not.to.equal(oneTotal);
      expect(allTotal).to.match(/1\s*Std/);
      expect(allTotal).to.include(String(pass.maxQuantity * pass.durationMinutes - 60));

      for (let i = 0; i < pass.maxQuantity + 2; i++) await click(fewer);
      await waitUntil(() => quantity() === '0');
      expect(fewer.getAttribute('aria-disabled')).to.equal('true');
      expect(total()).to.equal('');
    });

    it('shows the quantity that counts when the citizen types one out of range', async () => {
      const state = await start();
      const el = await renderWidget();
      const pass = state.catalog.services.find((service) => service.id === 'reisepass')!;
      const field = getByRole<HTMLInputElement>(el, 'spinbutton', de.services.quantity(PASS));
      const typeQuantity = async (text: string) => {
        await click(field);
        field.select();
        await sendKeys({ type: text });
        await press('Tab');
      };

      await typeQuantity(String(pass.maxQuantity + 5));
      await waitUntil(() => field.value === String(pass.maxQuantity));
      expect(el.shadowRoot!.querySelector('.total')!.textContent).to.include(String(pass.maxQuantity * pass.durationMinutes - 60));

      await typeQuantity(String(pass.maxQuantity + 5));
      expect(field.value).to.equal(String(pass.maxQuantity));

      await typeQuantity('-2');
      await waitUntil(() => field.value === '0');
      expect(el.shadowRoot!.querySelector('.total')!.textContent!.trim()).to.equal('');
    });

    it('lists only the locations that offer every chosen service', async () => {
      const state = await start();
      const el = await renderWidget();
      await clickButton(el, de.services.increase('Führungszeugnis beantragen'));
      await clickButton(el, de.common.continue);
      await waitForHeading(el, de.location.title);
      const offering = state.catalog.offers.filter((offer) => offer.serviceId === 'fuehrungszeugnis')
        .map((offer) => state.catalog.locations.find((location) => location.id === offer.locationId)!.name);
      const listed = queryAllByRole(el, 'radio').map((radio) => accessibleName(radio));
      expect(listed).to.have.length(offering.length).and.to.be.below(state.catalog.locations.length + 1);
      expect(offering.length).to.be.below(state.catalog.locations.length);
      for (const name of offering) expect(listed.some((label) => label.startsWith(name))).to.equal(true);
    });

    it('offers no search for a short list', async () => {
      await start();
      const el = await renderWidget();
      expect(queryByRole(el, 'searchbox')).to.equal(null);
    });

    it('searches a catalog of 8 services, forgiving umlauts', async () => {
      const extra: Service[] = [
        { id: 'gewerbe', name: 'Gewerbe anmelden', durationMinutes: 20, maxQuantity: 1 },
        { id: 'fischerei', name: 'Fischereischein beantragen', durationMinutes: 10, maxQuantity: 1 },
      ];
      await start(MONDAY, { catalog: (catalog) => ({ ...catalog, services: [...catalog.services, ...extra] }) });
      const el = await renderWidget();
      const search = await findByRole<HTMLInputElement>(el, 'searchbox', de.services.searchLabel);
      await click(search);
      await sendKeys({ type: 'fuhrung' });
      await waitUntil(() => queryAllByRole(el, 'spinbutton').length === 1);
      expect(accessibleName(getByRole(el, 'spinbutton'))).to.equal(de.services.quantity('Führungszeugnis beantragen'));
      expect(widgetText(el)).to.include(de.services.matches(1));
    });

    it('filters 300 services well within 100 ms per keystroke', async () => {
      const many: Service[] = Array.from({ length: 300 }, (_, index) => ({
        id: `leistung-${index}`,
        name: `Leistung Nummer ${index} für Bürgerinnen und Bürger`,
        description: `Beschreibung der Leistung ${index} mit Unterlagen, Gebühren und Hinweisen zur Barrierefreiheit.`,
        durationMinutes: 10,
        maxQuantity: 2,
      }));
      await start(MONDAY, { catalog: (catalog) => ({ ...catalog, services: [...catalog.services, ...many] }) });
      const el = await renderWidget();
      const search = await findByRole<HTMLInputElement>(el, 'searchbox', de.services.searchLabel);
      const step = el.shadowRoot!.querySelector<LitElement>('tb-services-step')!;
      const typeTo = async (text: string) => {
        const started = performance.now();
        search.value = text;
        search.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        await step.updateComplete;
        return performance.now() - started;
      };
      // Each keystroke is timed three times and the fastest counts, so that a pause of the busy test machine
      // (garbage collection, the other browser) is not taken for slow filtering.
      const query = 'nummer 12';
      const timings: number[] = [];
      for (let length = 1; length <= query.length; length++) {
        const attempts: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          await typeTo(query.slice(0, length - 1));
          attempts.push(await typeTo(query.slice(0, length)));
        }
        timings.push(Math.min(...attempts));
      }
      const expected = many.filter((service) => service.name.includes('12')).length;
      expect(queryAllByRole(el, 'spinbutton')).to.have.length(expected);
      expect(Math.max(...timings), `per keystroke: ${timings.map((t) => t.toFixed(1)).join(', ')} ms`).to.be.below(100);
    });
  });

  describe('date and time', () => {
    it('offers the next free month when the current one is full and jumps there with its times', async () => {
      // Friday afternoon at the end of January: the Rathaus is closed on Friday afternoons and weekends.
      const lateFriday = new Date('2027-01-29T15:00:00+01:00');
      const state = await start(lateFriday);
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await waitForHeading(el, de.datetime.title);
      const selection = [{ id: 'reisepass', quantity: 1 }];
      const { days, nextAvailable } = state.days('rathaus', selection, '2027-01-29', '2027-01-31');
      expect(days).to.have.length(0);
      expect(nextAvailable).to.be.a('string');

      await clickButton(el, de.datetime.jump);
      await waitUntil(() => slotButtons(el).length > 0, 'no times after the jump');
      const monthName = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' })
        .format(new Date(`${nextAvailable}T12:00:00Z`));
      expect(el.shadowRoot!.querySelector('tb-calendar h3')!.textContent).to.include(monthName);
      const selected = el.shadowRoot!.querySelector<HTMLElement>('td[aria-selected=true]');
      expect(selected?.dataset.date).to.equal(nextAvailable);
      expect(slotTimes(el)).to.deep.equal(state.slots('rathaus', selection, nextAvailable!).map((slot) => wallClock(slot.start)));
    });

    it('lists the free days of the month for those who would rather not walk the grid, and takes a day from there', async () => {
      const state = await start();
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await waitForHeading(el, de.datetime.title);
      await waitForFreeDay(el);
      const selection = [{ id: 'reisepass', quantity: 1 }];
      const month = MONDAY.toISOString().slice(0, 7);
      const { days } = state.days('rathaus', selection, '2027-01-11', `${month}-31`);

      const longGermanDate = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      const toggle = el.shadowRoot!.querySelector<HTMLElement>('.day-list summary')!;
      expect(toggle.textContent!.trim()).to.equal(de.datetime.dayList);
      await tabTo(el, (element) => element === toggle);
      await press('Enter');
      const listed = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.day-list button')];
      await waitUntil(() => listed().length > 0 && listed()[0].checkVisibility(), 'the list did not open');
      expect(listed().map((button) => accessibleName(button))).to.deep.equal(
        days.map((day) => de.calendar.day(longGermanDate.format(new Date(`${day.date}T12:00:00Z`)), de.calendar.freeSlots(day.free))),
      );
      await expectNoAxeViolations(el);

      const second = listed()[1];
      await tabTo(el, (element) => element === second);
      await press('Enter');
      await waitUntil(() => slotButtons(el).length > 0, 'no times for the listed day');
      expect(el.shadowRoot!.querySelector<HTMLElement>('td[aria-selected=true]')?.dataset.date).to.equal(days[1].date);
      expect(slotTimes(el)).to.deep.equal(state.slots('rathaus', selection, days[1].date).map((slot) => wallClock(slot.start)));
      expect(listed()[1].getAttribute('aria-pressed')).to.equal('true');
    });

    describe('on a phone, 360 × 740', () => {
      beforeEach(() => setViewport({ width: 360, height: 740 }));
      afterEach(() => setViewport({ width: 800, height: 600 }));

      const inView = (element: Element) => {
        const { top, bottom } = element.getBoundingClientRect();
        return top >= 0 && bottom <= innerHeight;
      };
      const timesHeading = (el: TerminBuchen) => el.shadowRoot!.querySelector<HTMLElement>('#times-heading');
      /** Whether `a` comes before `b` in the widget. */
      const before = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

      it('a tap on a day in the upper half brings its times into view and focus, even when they arrive later', async () => {
        await start(MONDAY, { latencyMs: 400 });
        const el = await renderWidget();
        await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
        await waitForHeading(el, de.datetime.title);
        await waitForFreeDay(el);
        // The second free day: its times were not asked for ahead, so they come a round trip after the tap.
        const day = el.shadowRoot!.querySelectorAll<HTMLElement>('td[data-state=available]')[1];
        day.scrollIntoView({ block: 'start' });
        await click(day);
        await waitUntil(() => focused(el) === timesHeading(el), 'focus stayed on the day');
        expect(timesHeading(el)!.textContent!.trim()).to.include(de.slots.heading('').trim());
        expect(inView(timesHeading(el)!), 'the times\' heading is in view').to.equal(true);
        await waitUntil(() => slotButtons(el).length > 0, 'no times');
        expect(inView(slotButtons(el)[0]), 'the first time is in view').to.equal(true);
      });

      it('says next to the times that a time is being reserved, and when reserving it failed', async () => {
        await start(MONDAY, { latencyMs: 300, faults: ['holds:network*once'] });
        const el = await renderWidget();
        await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
        await chooseFirstFreeDay(el);
        const list = el.shadowRoot!.querySelector('tb-slot-list')!;
        await click(slotButtons(el)[0]);
        const holding = await findByRole(el, 'status', de.datetime.holding);
        expect(before(timesHeading(el)!, holding) && before(holding, list), 'between the heading and the times').to.equal(true);
        const alert = await findByRole(el, 'alert', new RegExp(de.errors.network));
        expect(before(timesHeading(el)!, alert) && before(alert, list), 'the error sits with the times').to.equal(true);
        expect(before(alert, el.shadowRoot!.querySelector('tb-calendar')!), 'not above the calendar').to.equal(false);
        expect(inView(alert)).to.equal(true);
        await clickButton(el, de.common.retry);
        await waitForHeading(el, de.details.title);
      });
    });

    it('says in words while the days load, and when they failed says so with a retry instead of striking every day', async () => {
      await start(MONDAY, { latencyMs: 300, faults: ['days:500*once'] });
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await waitForHeading(el, de.datetime.title);
      await findByRole(el, 'status', de.calendar.loadingDays);
      const alert = await findByRole(el, 'alert', new RegExp(de.calendar.failedDays));
      const future = [...el.shadowRoot!.querySelectorAll<HTMLElement>('td[data-date]')].filter((cell) => cell.dataset.date! >= '2027-01-11');
      expect(future.filter((cell) => cell.getAttribute('aria-disabled') === 'true'), 'no future day looks booked out').to.deep.equal([]);
      expect(future.filter((cell) => getComputedStyle(cell).textDecorationLine.includes('line-through'))).to.deep.equal([]);
      expect(future.map((cell) => cell.getAttribute('aria-label')).join()).not.to.include(de.calendar.noFreeSlots);
      expect(stepHeading(el)!.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.above(0);
      await expectNoAxeViolations(el);
      await clickButton(el, de.common.retry);
      await waitForFreeDay(el);
      expect(queryByRole(el, 'alert')).to.equal(null);
    });

    it('says when a time was taken meanwhile and refreshes the list without it', async () => {
      const state = await start();
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      const date = await chooseFirstFreeDay(el);
      const [taken] = state.slots('rathaus', [{ id: 'reisepass', quantity: 1 }], date);
      expect(slotTimes(el)[0]).to.equal(wallClock(taken.start));
      state.takeSlot('rathaus', taken.start, 20);

      await click(slotButtons(el)[0]);
      await findByRole(el, 'alert', de.datetime.slotTaken);
      await waitUntil(() => slotTimes(el)[0] !== wallClock(taken.start), 'the taken time is still listed');
      expect(slotTimes(el)).not.to.include(wallClock(taken.start));
      expect(stepHeading(el)!.textContent!.trim()).to.equal(de.datetime.title);
      expect(state.bookings).to.have.length(0);
    });
  });

  describe('holding the time', () => {
    let restorePerformance: () => void = () => undefined;
    afterEach(() => restorePerformance());

    /** Lets the monotonic clock jump forward, as if the citizen had been away for a while. */
    function skipAhead(): (seconds: number) => void {
      const real = performance.now.bind(performance);
      let offset = 0;
      Object.defineProperty(performance, 'now', { configurable: true, value: () => real() + offset });
      restorePerformance = () => delete (performance as { now?: unknown }).now;
      return (seconds) => (offset += seconds * 1000);
    }

    it('keeps the time being reserved solid while the other times wait', async () => {
      await start(MONDAY, { latencyMs: 300 });
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await chooseFirstFreeDay(el);
      const [chosen, other] = slotButtons(el);
      await click(chosen);
      await waitUntil(() => other.getAttribute('aria-disabled') === 'true', 'the other times never waited', { interval: 10 });
      expect(chosen.getAttribute('aria-pressed')).to.equal('true');
      expect(getComputedStyle(chosen).opacity).to.equal('1');
      expect(Number(getComputedStyle(other).opacity)).to.be.below(1);
      await waitForHeading(el, de.details.title);
    });

    it('warns two minutes before the hold ends and extends it on "Mehr Zeit"', async () => {
      const state = await start(MONDAY, { holdSeconds: 600 });
      const el = await renderWidget();
      const skip = skipAhead();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      expect(queryByRole(el, 'alert', de.hold.warning)).to.equal(null);

      skip(600 - 100);
      await findByRole(el, 'alert', de.hold.warning);
      await clickButton(el, de.hold.extend);
      await findByRole(el, 'status', de.hold.extended);
      expect(state.requests.filter((request) => request.path.endsWith('/extend'))).to.have.length(1);
      expect(queryByRole(el, 'alert', de.hold.warning)).to.equal(null);
      expect(stepHeading(el)!.textContent!.trim()).to.equal(de.details.title);
    });

    it('shows the warning at once for a short hold', async () => {
      await start(MONDAY, { holdSeconds: 100 });
      const el = await renderWidget();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      await findByRole(el, 'alert', de.hold.warning);
    });

    it('returns to the date/time step when the hold expires and keeps what was typed', async () => {
      const state = await start(MONDAY, { holdSeconds: 600 });
      const el = await renderWidget();
      const skip = skipAhead();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      await typeInto(el, de.details.labels.firstName, CITIZEN.firstName);
      await typeInto(el, de.details.labels.email, CITIZEN.email);

      skip(601);
      await waitForHeading(el, de.datetime.title);
      await findByRole(el, 'alert', de.errors.hold_expired);
      await waitUntil(() => slotButtons(el).length > 0, 'the times were not listed again');
      await chooseFirstSlot(el);
      await waitForHeading(el, de.details.title);
      expect(getByRole<HTMLInputElement>(el, 'textbox', de.details.labels.firstName).value).to.equal(CITIZEN.firstName);
      expect(getByRole<HTMLInputElement>(el, 'textbox', de.details.labels.email).value).to.equal(CITIZEN.email);
      expect(state.requests.filter((request) => request.method === 'POST' && request.path === '/api/holds')).to.have.length(2);
    });
  });

  describe('details', () => {
    it('shows an error summary on an empty submit whose links lead to the fields', async () => {
      await start();
      const el = await renderWidget();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      await clickButton(el, de.common.continue);
      const summary = await findByRole(el, 'alert', de.details.summaryTitle);
      await waitUntil(() => focused(el) === summary, 'the error summary did not get focus');
      expect(stepHeading(el)!.textContent!.trim()).to.equal(de.details.title);

      const required = ['firstName', 'lastName', 'email'] as const;
      for (const field of required) {
        const message = de.details.errors[field].required;
        const input = getByRole<HTMLInputElement>(el, 'textbox', de.details.labels[field]);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '');
        expect(described.join(' ')).to.include(message);
        await click(getByRole(el, 'link', message));
        expect(focused(el)).to.equal(input);
      }
      expect(queryAllByRole(el, 'link').filter((link) => summary.contains(link))).to.have.length(required.length);
    });

    it('checks a filled field when leaving it', async () => {
      await start();
      const el = await renderWidget();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      const email = await typeInto(el, de.details.labels.email, 'erika.mustermann@');
      expect(widgetText(el)).not.to.include(de.details.errors.email.email);
      await press('Tab');
      await waitUntil(() => widgetText(el).includes(de.details.errors.email.email), 'no error after leaving the field');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      await click(email);
      await sendKeys({ type: 'example.org' });
      await waitUntil(() => !widgetText(el).includes(de.details.errors.email.email), 'the error stayed after the fix');
      // An empty field is not an error while the citizen is just tabbing through.
      await click(getByRole(el, 'textbox', de.details.labels.firstName));
      await press('Tab');
      expect(widgetText(el)).not.to.include(de.details.errors.firstName.required);
    });

    it('takes the first click on "Weiter" even when leaving the last field shows its error', async () => {
      await start();
      const el = await renderWidget();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      await fillCitizen(el, deTexts);
      await typeInto(el, /^Geburtsdatum/, '31.02.1980');
      // One real click, straight from the field: leaving the field and pressing the button are one gesture.
      const next = getByRole(el, 'button', de.common.continue);
      next.scrollIntoView({ block: 'center' });
      const box = next.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      const summary = await findByRole(el, 'alert', de.details.summaryTitle, 1000);
      await waitUntil(() => focused(el) === summary, 'the error summary did not get focus');
      expect(queryAllByRole(el, 'link').filter((link) => summary.contains(link)).map((link) => link.textContent!.trim()))
        .to.deep.equal([de.details.errors.birthDate.birthDate]);
    });

    it('keeps the error summary current with every error the form shows', async () => {
      await start();
      const el = await renderWidget();
      await toDetails(el);
      await waitForHeading(el, de.details.title);
      await clickButton(el, de.common.continue);
      const summary = await findByRole(el, 'alert', de.details.summaryTitle);
      const listed = () => queryAllByRole(el, 'link').filter((link) => summary.contains(link)).map((link) => link.textContent!.trim());
      expect(listed()).to.deep.equal(['firstName', 'lastName', 'email'].map((field) => de.details.errors[field as 'email'].required));
      await typeInto(el, de.details.labels.firstName, CITIZEN.firstName);
      await typeInto(el, /^Geburtsdatum/, '31.02.1980');
      await press('Tab');
      await waitUntil(() => listed().length === 3 && listed().includes(de.details.errors.birthDate.birthDate), `the summary is stale: ${listed().join(' | ')}`);
      expect(listed()).to.deep.equal([de.details.errors.lastName.required, de.details.errors.email.required, de.details.errors.birthDate.birthDate]);
    });

    it('fills in what the page prefilled, even when set late, but neither shows nor sends fields the town hides', async () => {
      const state = await start();
      expect(state.catalog.form.address, 'the default catalog hides the address').to.equal('hidden');
      const el = await renderWidget();
      await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
      await waitForHeading(el, de.datetime.title);
      // A CMS script that knows the citizen sets this whenever it gets round to it, here on the calendar.
      el.prefill = { ...CITIZEN, street: 'Hauptstraße 5', postalCode: '12345', city: 'Musterstadt' };
      await chooseFirstFreeDay(el);
      await chooseFirstSlot(el);
      await waitForHeading(el, de.details.title);
      for (const field of ['firstName', 'lastName', 'email'] as const) {
        expect(getByRole<HTMLInputElement>(el, 'textbox', de.details.labels[field]).value).to.equal(CITIZEN[field]);
      }
      for (const field of ['street', 'postalCode', 'city'] as const) {
        expect(queryByRole(el, 'textbox', new RegExp(`^${de.details.labels[field]}`))).to.equal(null);
      }
      await clickButton(el, de.common.continue);
      await waitForHeading(el, de.review.title);
      expect(widgetText(el)).to.include(CITIZEN.email).and.not.include('Hauptstraße');
      await clickButton(el, de.review.submit);
      await waitForHeading(el, de.done.title);
      expect(state.bookings[0].person).to.deep.equal(CITIZEN);
    });

    it('shows a field the backend refused (422 invalid_input) at the field, and drops that message once the field changes', async () => {
      const state = await start();
      const real = window.fetch;
      let refused = false;
      window.fetch = async (input, init) => {
        if (refused || !String(input).endsWith('/api/bookings') || init?.method !== 'POST') return real(input, init);
        refused = true;
        const problem = { type: 'about:blank', title: 'Invalid input', status: 422, code: 'invalid_input', errors: [{ field: 'person.email', code: 'rejected' }] };
        return new Response(JSON.stringify(problem), { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
      };
      try {
        const el = await renderWidget();
        await toReview(el);
        await clickButton(el, de.review.submit);
        await waitForHeading(el, de.details.title);
        const email = getByRole<HTMLInputElement>(el, 'textbox', de.details.labels.email);
        expect(email.getAttribute('aria-invalid')).to.equal('true');
        expect(el.shadowRoot!.getElementById(`${email.id}-error`)!.textContent).to.include(de.details.serverInvalid);
        await click(email);
        await press('End');
        await press('Backspace');
        await sendKeys({ type: 'g' });
        await waitUntil(() => !widgetText(el).includes(de.details.serverInvalid), 'the refused message stayed after the change');
        expect(email.getAttribute('aria-invalid')).to.equal('false');
        await clickButton(el, de.common.continue);
        await waitForHeading(el, de.review.title);
        await clickButton(el, de.review.submit);
        await waitForHeading(el, de.done.title);
        expect(state.bookings).to.have.length(1);
      } finally {
        window.fetch = real;
      }
    });
  });

  describe('booking once', () => {
    let restoreFetch: () => void = () => undefined;
    afterEach(() => restoreFetch());

    /** Records the Idempotency-Key of every booking request; `loseFirstAnswer` drops the first reply on its way back. */
    function watchBookings({ loseFirstAnswer = false } = {}): string[] {
      const keys: string[] = [];
      const real = window.fetch;
      window.fetch = async (input, init) => {
        const isBooking = String(input).endsWith('/api/bookings') && init?.method === 'POST';
        if (!isBooking) return real(input, init);
        keys.push(new Headers(init?.headers).get('Idempotency-Key') ?? '');
        const response = await real(input, init);
        if (loseFirstAnswer && keys.length === 1) throw new TypeError('Failed to fetch');
        return response;
      };
      restoreFetch = () => (window.fetch = real);
      return keys;
    }

    it('books once when the submit button is clicked twice quickly', async () => {
      const state = await start();
      const el = await renderWidget();
      await toReview(el);
      const booked: Event[] = [];
      el.addEventListener('termin-booked', (event) => booked.push(event));
      const submit = getByRole(el, 'button', de.review.submit);
      submit.click();
      submit.click();
      await waitForHeading(el, de.done.title);
      expect(state.bookings).to.have.length(1);
      expect(state.requests.filter((request) => request.method === 'POST' && request.path === '/api/bookings')).to.have.length(1);
      expect(booked).to.have.length(1);
    });

    it('repeats a booking whose answer was lost with the same Idempotency-Key and books once', async () => {
      const state = await start();
      const el = await renderWidget();
      await toReview(el);
      const keys = watchBookings({ loseFirstAnswer: true });
      await clickButton(el, de.review.submit);
      await waitForHeading(el, de.done.title);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.have.length.above(0).and.to.equal(keys[1]);
      expect(state.bookings).to.have.length(1);
      expect(widgetText(el)).to.include(state.bookings[0].booking.code);
    });

    it('retries after a server error with the same Idempotency-Key and keeps what was typed', async () => {
      const state = await start(MONDAY, { faults: ['bookings:500*once'] });
      const el = await renderWidget();
      await toReview(el);
      const keys = watchBookings();
      await clickButton(el, de.review.submit);
      await findByRole(el, 'alert', new RegExp(de.errors.title));
      expect(widgetText(el)).to.include(de.errors.kept).and.include(CITIZEN.email);
      expect(state.bookings).to.have.length(0);
      await clickButton(el, de.common.retry);
      await waitForHeading(el, de.done.title);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      expect(state.bookings).to.have.length(1);
    });

    it('rides out a transient 503 on booking', async () => {
      const state = await start(MONDAY, { faults: ['bookings:503*once'] });
      const el = await renderWidget();
      await toReview(el);
      const keys = watchBookings();
      await clickButton(el, de.review.submit);
      await waitForHeading(el, de.done.title);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      expect(state.bookings).to.have.length(1);
    });
  });

  it('switches to English at runtime without losing choices or typed details', async () => {
    await start();
    const el = await renderWidget();
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    await click(await findByRole(el, 'radio', new RegExp(`^${RATHAUS}`)));
    await clickButton(el, de.common.continue);
    await chooseFirstFreeDay(el);
    await chooseFirstSlot(el);
    await waitForHeading(el, de.details.title);
    await typeInto(el, de.details.labels.firstName, CITIZEN.firstName);
    await typeInto(el, de.details.labels.email, CITIZEN.email);

    el.lang = 'en';
    await waitForHeading(el, en.details.title);
    expect(getByRole<HTMLInputElement>(el, 'textbox', en.details.labels.firstName).value).to.equal(CITIZEN.firstName);
    expect(getByRole<HTMLInputElement>(el, 'textbox', en.details.labels.email).value).to.equal(CITIZEN.email);
    expect(widgetText(el)).to.include(en.common.stepOf(4, 5));

    for (const title of [en.datetime.title, en.location.title, en.services.title]) {
      await clickButton(el, en.common.back);
      await waitForHeading(el, title);
    }
    // The backend was asked again for the catalog, now in English; the choices survived that too.
    expect(getByRole<HTMLInputElement>(el, 'spinbutton', en.services.quantity(PASS_EN)).value).to.equal('2');
  });
});
