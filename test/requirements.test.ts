/**
 * What to bring, how to get there, whom to call (issue 15): the services' `requirements` and the locations'
 * `phone`, `openingHoursText` and `mapUrl`, seen through the element on the review step, the confirmation,
 * its printout and the calendar file, and the phone number where no time is free.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import type { Catalog } from '../src/api/schemas.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  MONDAY,
  PASS,
  RATHAUS,
  chooseFirstFreeDay,
  chooseFirstSlot,
  clickButton,
  deTexts,
  fillCitizen,
  findByRole,
  pinClock,
  queryByRole,
  renderWidget,
  waitForHeading,
  widgetText,
  type Texts,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const PERSO = 'Personalausweis beantragen';
const enTexts: Texts = { continue: en.common.continue, increase: en.services.increase, labels: en.details.labels };

let restoreClock: () => void = () => undefined;

async function start(options: Parameters<typeof useMockBackend>[0] = {}, now = MONDAY) {
  restoreClock = pinClock(now);
  return useMockBackend({ now: () => new Date(now), ...options });
}

/** The answer a summary list gives for `term`, found by the term's visible text. */
function definition(el: TerminBuchen, term: string): HTMLElement | null {
  const dt = [...el.shadowRoot!.querySelectorAll('dt')].find((candidate) => candidate.textContent?.trim() === term);
  return dt?.nextElementSibling instanceof HTMLElement ? dt.nextElementSibling : null;
}

const listItems = (element: HTMLElement | null) => [...(element?.querySelectorAll('li') ?? [])].map((item) => item.textContent?.trim());

async function toReview(el: TerminBuchen, texts: Texts = deTexts, reviewTitle = de.review.title): Promise<void> {
  await chooseFirstFreeDay(el);
  await chooseFirstSlot(el);
  await findByRole(el, 'textbox', texts.labels.firstName);
  await fillCitizen(el, texts);
  await clickButton(el, texts.continue);
  await waitForHeading(el, reviewTitle);
}

/** Books a passport at the Rathaus, preselected, through to the confirmation. */
async function bookPassportAtRathaus(options: Parameters<typeof useMockBackend>[0] = {}): Promise<TerminBuchen> {
  await start(options);
  const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
  await toReview(el);
  await clickButton(el, de.review.submit);
  await waitForHeading(el, de.done.title);
  return el;
}

describe('what to bring, how to get there, whom to call', () => {
  afterEach(async () => {
    restoreClock();
    await emulateMedia({ media: 'screen' });
  });
  after(stopMockBackend);

  it('the review step lists what to bring for the chosen services, a line two services share once', async () => {
    await start();
    const el = await renderWidget({ location: 'rathaus' });
    await clickButton(el, de.services.increase(PERSO));
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    await toReview(el);
    expect(listItems(definition(el, de.review.requirements))).to.deep.equal([
      'Bisheriger Personalausweis',
      'Aktuelles biometrisches Passfoto',
      'Bisheriger Reisepass oder Personalausweis',
    ]);
    await expectNoAxeViolations(el);
  });

  it('the confirmation says what to bring, the office\'s phone as a tel: link, its hours and a map link that says it opens a new window', async () => {
    const el = await bookPassportAtRathaus();

    expect(listItems(definition(el, de.review.requirements))).to.deep.equal(['Bisheriger Reisepass oder Personalausweis', 'Aktuelles biometrisches Passfoto']);
    const phone = await findByRole<HTMLAnchorElement>(el, 'link', '0123 4567-100');
    expect(phone.getAttribute('href')).to.equal('tel:01234567100');
    expect(definition(el, de.done.phone)?.contains(phone)).to.equal(true);
    expect(definition(el, de.done.openingHours)?.textContent?.trim()).to.equal('Mo–Mi 8–12 und 13–16 Uhr, Do 8–12 und 13–18 Uhr, Fr 8–12 Uhr');
    const map = await findByRole<HTMLAnchorElement>(el, 'link', 'Lage auf der Karte (öffnet neues Fenster)');
    expect(map.target).to.equal('_blank');
    expect(map.href).to.equal('https://www.openstreetmap.org/search?query=Marktplatz%201%2C%2012345%20Musterstadt');
    await expectNoAxeViolations(el);

    // The printout keeps what to bring, the phone and the hours; a link cannot be followed on paper.
    await emulateMedia({ media: 'print' });
    expect(queryByRole(el, 'link', '0123 4567-100'), 'phone in print').to.exist;
    expect(listItems(definition(el, de.review.requirements))).to.have.length(2);
    expect(definition(el, de.done.openingHours)?.offsetParent, 'hours in print').to.exist;
    expect(queryByRole(el, 'link', de.done.map), 'no map link in print').to.equal(null);
    expect(queryByRole(el, 'button', de.done.print), 'no buttons in print').to.equal(null);
  });

  it('never breaks a range of the opening hours at its dash, at any width a phone gives it', async () => {
    const el = await bookPassportAtRathaus();
    const hours = definition(el, de.done.openingHours)!;
    const text = hours.textContent!;
    // A DOM range over "8–12" returns one rectangle per line it covers.
    const rangesSplit = () => [...text.matchAll(/\S+–\S+/g)].filter((match) => {
      const range = document.createRange();
      const walker = document.createTreeWalker(hours, NodeFilter.SHOW_TEXT);
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent!.length;
        if (match.index! >= offset && match.index! < offset + length) range.setStart(node, match.index! - offset);
        const end = match.index! + match[0].length;
        if (end > offset && end <= offset + length) range.setEnd(node, end - offset);
        offset += length;
      }
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
    }).map((match) => match[0]);
    let wrapped = false;
    for (let width = 240; width <= 420; width += 4) {
      el.style.width = `${width}px`;
      wrapped ||= hours.getClientRects().length > 0 && hours.offsetHeight > 40;
      expect(rangesSplit(), `at ${width} px`).to.deep.equal([]);
    }
    expect(wrapped, 'the hours do wrap at these widths').to.equal(true);
    el.style.width = '';
  });

  it('says the same in English, from the English catalog', async () => {
    await start();
    const el = await renderWidget({ lang: 'en', service: 'reisepass', location: 'rathaus' });
    await toReview(el, enTexts, en.review.title);
    expect(listItems(definition(el, en.review.requirements))).to.deep.equal(['Your current passport or ID card', 'A recent biometric passport photo']);
    await clickButton(el, en.review.submit);
    await waitForHeading(el, en.done.title);
    expect(listItems(definition(el, en.review.requirements))).to.have.length(2);
    expect(definition(el, en.done.openingHours)?.textContent).to.include('Mon–Wed 8:00–12:00');
    expect(await findByRole(el, 'link', 'Show on a map (opens in a new window)')).to.exist;
    await expectNoAxeViolations(el);
  });

  it('shows no map link for a javascript: mapUrl, and the booking still goes through', async () => {
    const hostile = (catalog: Catalog): Catalog => ({
      ...catalog,
      locations: catalog.locations.map((location) => (location.id === 'rathaus' ? { ...location, mapUrl: 'javascript:alert(document.domain)' } : location)),
    });
    const el = await bookPassportAtRathaus({ catalog: hostile });
    expect(await findByRole(el, 'link', '0123 4567-100')).to.exist;
    expect(queryByRole(el, 'link', de.done.map)).to.equal(null);
    expect(el.shadowRoot!.querySelector('a[href^="javascript" i]')).to.equal(null);
  });

  it('puts what to bring and the office\'s phone into the calendar file\'s description', async () => {
    const el = await bookPassportAtRathaus();

    const saved: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) saved.push(blob);
      return createObjectURL.call(URL, blob);
    };
    try {
      await clickButton(el, de.done.addToCalendar);
      await waitUntil(() => saved.length === 1, 'no calendar file was saved');
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    const event = new ICAL.Event(ICAL.Component.fromString(await saved[0].text()).getFirstSubcomponent('vevent')!);
    expect(event.description).to.include('Bitte mitbringen:\n- Bisheriger Reisepass oder Personalausweis\n- Aktuelles biometrisches Passfoto');
    expect(event.description).to.include('Telefon: 0123 4567-100');
  });

  describe('when no time is free', () => {
    it('gives the office\'s phone under a fully booked month', async () => {
      // Friday afternoon at the end of January: the Rathaus has nothing left this month.
      await start({}, new Date('2027-01-29T15:00:00+01:00'));
      const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
      await findByRole(el, 'button', de.datetime.jump);
      const call = await findByRole<HTMLAnchorElement>(el, 'link', '0123 4567-100');
      expect(call.getAttribute('href')).to.equal('tel:01234567100');
      expect(widgetText(el)).to.include(`${de.common.call} 0123 4567-100.`);
      await expectNoAxeViolations(el);
    });

    it('gives the town\'s phone where the office has none and nothing is free at all', async () => {
      // Longer than any opening interval: no day ever has a free time.
      const nothingFree = (catalog: Catalog): Catalog => ({
        ...catalog,
        services: catalog.services.map((service) => (service.id === 'reisepass' ? { ...service, durationMinutes: 600 } : service)),
        locations: catalog.locations.map(({ phone, ...location }) => (location.id === 'rathaus' ? location : { ...location, phone })),
      });
      await start({ catalog: nothingFree });
      const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
      await waitUntil(() => widgetText(el).includes(de.datetime.noneAtAll), 'no "nothing free" message');
      const call = await findByRole<HTMLAnchorElement>(el, 'link', '0123 4567-0');
      expect(call.getAttribute('href')).to.equal('tel:012345670');
      expect(call.closest('[role=status]')?.textContent).to.include(de.datetime.noneAtAll);
      await expectNoAxeViolations(el);
    });
  });

  it('older backends without these fields still book, and nothing empty is shown', async () => {
    const plain = (catalog: Catalog): Catalog => ({
      ...catalog,
      services: catalog.services.map(({ requirements, ...service }) => service),
      locations: catalog.locations.map(({ phone, openingHoursText, mapUrl, ...location }) => location),
    });
    await start({ catalog: plain });
    const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
    await toReview(el);
    expect(definition(el, de.review.requirements)).to.equal(null);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    expect(widgetText(el)).to.include(RATHAUS);
    for (const term of [de.review.requirements, de.done.phone, de.done.openingHours]) expect(definition(el, term), term).to.equal(null);
    expect(queryByRole(el, 'link', de.done.map)).to.equal(null);
  });
});
