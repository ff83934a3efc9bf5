/**
 * Runs in a browser whose clocks are in New York: the week after Europe's switch to summer time
 * (28 March 2027) is still in New York's "three weeks apart" stretch, so a widget that used the
 * browser's zone would show shifted times.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { de } from '../src/i18n/de.js';
import { en } from '../src/i18n/en.js';
import { openingHoursByLocation } from '../src/mock/catalog.js';
import type { MockState } from '../src/mock/index.js';
import {
  chooseServiceAndLocation,
  click,
  clickButton,
  fillCitizen,
  PASS,
  PASS_EN,
  pinClock,
  RATHAUS,
  renderWidget,
  slotButtons,
  slotTimes,
  waitForHeading,
  widgetText,
  type Texts,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

/** Wednesday before the switch, still winter time in Berlin. */
const BEFORE_SWITCH = new Date('2027-03-24T09:00:00+01:00');
const WEEK_AFTER_SWITCH = ['2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02'];
const SELECTION = [{ id: 'reisepass', quantity: 1 }];
const PASS_MINUTES = 20;

const texts = (messages: typeof de): Texts => ({ continue: messages.common.continue, increase: messages.services.increase, labels: messages.details.labels });

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Every quarter-hour start on which a 20-minute appointment fits into the Rathaus' opening hours of that weekday. */
function possibleStarts(date: string): string[] {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  return (openingHoursByLocation.rathaus[weekday] ?? []).flatMap(([from, to]) => {
    const starts: string[] = [];
    for (let minute = toMinutes(from); minute + PASS_MINUTES <= toMinutes(to); minute += 15) starts.push(toTime(minute));
    return starts;
  });
}

let restoreClock: () => void = () => undefined;

async function toDayAfterSwitch(el: TerminBuchen, state: MockState, messages: typeof de): Promise<string> {
  await chooseServiceAndLocation(el, texts(messages), messages === en ? PASS_EN : PASS, RATHAUS);
  await waitForHeading(el, messages.datetime.title);
  const date = WEEK_AFTER_SWITCH.find((day) => state.slots('rathaus', SELECTION, day).length > 0)!;
  let cell: HTMLElement | null = null;
  await waitUntil(() => (cell = el.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"][data-state=available]`)));
  await click(cell!);
  await waitUntil(() => slotButtons(el).length > 0);
  return date;
}

describe('booking flow in a browser in New York', () => {
  let state: MockState;
  beforeEach(async () => {
    restoreClock = pinClock(BEFORE_SWITCH);
    state = await useMockBackend({ now: () => new Date(BEFORE_SWITCH) });
  });
  afterEach(() => restoreClock());
  after(stopMockBackend);

  it('runs in New York indeed', () => {
    expect(new Date('2027-03-29T06:00:00Z').getHours(), 'the browser is not in New York').to.equal(2);
  });

  it('lists the Berlin office hours after the switch to summer time, with the MESZ note, and reviews in Berlin time', async () => {
    const el = await renderWidget();
    const date = await toDayAfterSwitch(el, state, de);
    const possible = possibleStarts(date);
    const times = slotTimes(el);
    expect(times.length).to.be.above(0);
    for (const time of times) expect(possible, `${time} is outside the office hours`).to.include(time);
    const free = state.slots('rathaus', SELECTION, date);
    expect(free.every((slot) => slot.start.endsWith('+02:00')), 'the mock answers in summer time').to.equal(true);
    expect(times).to.deep.equal(free.map((slot) => slot.start.slice(11, 16)));
    expect(widgetText(el)).to.include(de.common.timeZoneNote('MESZ'));

    await click(slotButtons(el)[0]);
    await waitForHeading(el, de.details.title);
    await fillCitizen(el, texts(de));
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    const end = toTime(toMinutes(times[0]) + PASS_MINUTES);
    expect(widgetText(el)).to.include(`${times[0]} bis ${end} Uhr`).and.include(de.common.timeZoneNote('MESZ'));
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    expect(state.bookings[0].booking.start).to.equal(`${date}T${times[0]}:00+02:00`);
    expect(widgetText(el)).to.include(`${times[0]} bis ${end} Uhr`);
  });

  it('says CEST in English', async () => {
    const el = await renderWidget({ lang: 'en' });
    await toDayAfterSwitch(el, state, en);
    expect(widgetText(el)).to.include(en.common.timeZoneNote('CEST'));
  });
});
