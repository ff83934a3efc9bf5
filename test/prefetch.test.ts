import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ServiceSelection } from '../src/api/schemas.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { formatDateLong } from '../src/format/datetime.js';
import { de } from '../src/i18n/de.js';
import type { MockRequest, MockState } from '../src/mock/index.js';
import {
  click,
  clickButton,
  findByRole,
  pinClock,
  queryByRole,
  renderWidget,
  slotTimes,
  waitForFreeDay,
  waitForHeading,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

/** A Monday morning in January, Berlin time. */
const MONDAY = new Date('2027-01-11T09:00:00+01:00');
const PASS = 'Reisepass beantragen';
const ONE_PASS: ServiceSelection[] = [{ id: 'reisepass', quantity: 1 }];
const LATENCY_MS = 250;

/** Berlin wall-clock "HH:mm" of an RFC 3339 instant the mock sent (it writes Berlin's offset). */
const wallClock = (instant: string) => instant.slice(11, 16);

interface Timed {
  path: string;
  query: URLSearchParams;
  start: number;
  end: number;
}

/** When each request to the backend left the page and when its answer was read. */
function timeRequests(): { timed: Timed[]; restore: () => void } {
  const timed: Timed[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const entry = { path: url.pathname, query: url.searchParams, start: performance.now(), end: Number.NaN };
    timed.push(entry);
    try {
      return await realFetch(input, init);
    } finally {
      entry.end = performance.now();
    }
  };
  return { timed, restore: () => (globalThis.fetch = realFetch) };
}

/** The query of every request the mock received for `/api/<path>`, in order. */
const requestsTo = (state: MockState, path: string): URLSearchParams[] =>
  state.requests
    .filter((request: MockRequest) => request.path === `/api/${path}`)
    .map((request) => new URL(request.url).searchParams);

/** The times the mock has free on `date`, as the slot list shows them. */
const timesOf = (state: MockState, services: ServiceSelection[], date: string) =>
  state.slots('rathaus', services, date).map((slot) => wallClock(slot.start));

/** The day whose times are listed, as their heading names it. */
const timesHeading = (el: TerminBuchen) => el.shadowRoot!.querySelector('#times-heading')?.textContent?.trim() ?? null;

function freeDays(el: TerminBuchen): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('td[data-state=available]')].map((cell) => cell.dataset.date!);
}

function dayCell(el: TerminBuchen, date: string): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`)!;
}

async function waitForRequest(state: MockState, path: string): Promise<void> {
  await waitUntil(() => requestsTo(state, path).length > 0, `no ${path} request`, { timeout: 4000, interval: 10 });
}

async function waitForTimes(el: TerminBuchen): Promise<void> {
  await waitUntil(() => slotTimes(el).length > 0, 'no times listed', { timeout: 4000, interval: 10 });
}


async function openCalendarWithoutPreselection(el: TerminBuchen): Promise<void> {
  await clickButton(el, de.services.increase(PASS));
  await clickButton(el, de.common.continue);
  await click(await findByRole(el, 'radio', /^Bürgerbüro Rathaus/));
  await clickButton(el, de.common.continue);
  await waitForHeading(el, de.datetime.title);
}

describe('requests in parallel and prefetched slots', () => {
  let restoreClock: () => void = () => undefined;
  let restoreFetch: () => void = () => undefined;

  async function start(latencyMs = 0): Promise<MockState> {
    restoreClock = pinClock(MONDAY);
    return useMockBackend({ now: () => new Date(MONDAY), latencyMs });
  }

  afterEach(() => {
    restoreClock();
    restoreFetch();
  });
  after(stopMockBackend);

  it('asks for the month\'s days of a preselected service and location while the catalog is still on its way', async () => {
    await start(LATENCY_MS);
    const { timed, restore } = timeRequests();
    restoreFetch = restore;
    await renderWidget({ service: 'reisepass', location: 'rathaus' });
    // Until the prefetched slots have arrived too, so that no request of this test reaches the next test's backend.
    const slotsAnswered = () => timed.some((request) => request.path === '/api/slots' && request.end > 0);
    await waitUntil(slotsAnswered, 'no slots request', { timeout: 4000 });
    const catalog = timed.find((request) => request.path === '/api/catalog')!;
    const days = timed.find((request) => request.path === '/api/days')!;
    expect(days.start).to.be.below(catalog.end);
    expect(days.query.get('location')).to.equal('rathaus');
    expect(days.query.get('services')).to.equal('reisepass:1');
    expect([days.query.get('from'), days.query.get('to')]).to.deep.equal(['2027-01-11', '2027-01-31']);
  });

  it('shows the prefetched days and first day\'s times without asking again', async () => {
    const state = await start();
    const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
    await waitForRequest(state, 'slots');
    const [prefetched] = requestsTo(state, 'slots');
    await waitForHeading(el, de.datetime.title);
    const cell = await waitForFreeDay(el);
    expect(cell.dataset.date).to.equal(prefetched.get('date'));
    await click(cell);
    await waitForTimes(el);
    expect(slotTimes(el)).to.deep.equal(timesOf(state, ONE_PASS, cell.dataset.date!));
    expect(requestsTo(state, 'days')).to.have.length(1);
    expect(requestsTo(state, 'slots')).to.have.length(1);
  });

  it('without preselection, asks for the first day\'s times when the calendar shows, and a click shares that request', async () => {
    const state = await start(LATENCY_MS);
    const el = await renderWidget();
    await openCalendarWithoutPreselection(el);
    const cell = await waitForFreeDay(el);
    await waitForRequest(state, 'slots');
    expect(requestsTo(state, 'slots')[0].get('date')).to.equal(cell.dataset.date);
    await click(cell);
    await waitForTimes(el);
    expect(requestsTo(state, 'slots')).to.have.length(1);
  });

  it('shows the times of the day the citizen clicked, even while the first day\'s times are still on their way', async () => {
    const state = await start(LATENCY_MS);
    const el = await renderWidget();
    await openCalendarWithoutPreselection(el);
    await waitForFreeDay(el);
    const [first, second] = freeDays(el);
    const expected = timesOf(state, ONE_PASS, second);
    expect(expected, 'the two days must differ for this test to tell them apart').not.to.deep.equal(timesOf(state, ONE_PASS, first));
    await click(dayCell(el, second));
    await waitForTimes(el);
    // Long enough for the answer about the first day to have arrived, had it not been dropped.
    await aTimeout(LATENCY_MS * 2);
    expect(timesHeading(el)).to.equal(de.slots.heading(formatDateLong(second, 'de')));
    expect(slotTimes(el)).to.deep.equal(expected);
  });

  it('asks again for days and times when the citizen changes the preselected quantity', async () => {
    const state = await start();
    const el = await renderWidget({ service: 'reisepass', location: 'rathaus' });
    await waitForRequest(state, 'slots');
    await clickButton(el, new RegExp(`^${de.review.change}`));
    await waitForHeading(el, de.services.title);
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.location.title);
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.datetime.title);
    const twoPasses: ServiceSelection[] = [{ id: 'reisepass', quantity: 2 }];
    const cell = await waitForFreeDay(el);
    expect(requestsTo(state, 'days').map((query) => query.get('services'))).to.deep.equal(['reisepass:1', 'reisepass:2']);
    await click(cell);
    await waitForTimes(el);
    expect(requestsTo(state, 'slots').at(-1)!.get('services')).to.equal('reisepass:2');
    expect(slotTimes(el)).to.deep.equal(timesOf(state, twoPasses, cell.dataset.date!));
  });

  it('drops what it prefetched for a service the location does not offer, without an error', async () => {
    const state = await start();
    const errors: string[] = [];
    const collect = (event: Event) => errors.push((event as CustomEvent<{ code: string }>).detail.code);
    // On the document: the failed prefetch may be answered before the fixture is handed back.
    document.addEventListener('termin-error', collect);
    try {
      const el = await renderWidget({ service: 'kfz-abmelden', location: 'sued' });
      await waitForRequest(state, 'days');
      await clickButton(el, de.common.continue);
      await waitForHeading(el, de.datetime.title);
      await waitForFreeDay(el);
      expect(requestsTo(state, 'days').map((query) => query.get('location'))).to.deep.equal(['sued', 'rathaus']);
      expect(queryByRole(el, 'alert')).to.equal(null);
      expect(errors).to.deep.equal([]);
    } finally {
      document.removeEventListener('termin-error', collect);
    }
  });
});
