/**
 * The benchmark page, driven by scripts/bench.mjs: the mock backend answers /api after a fixed latency,
 * every request is logged with its start and end, and the moments the widget first shows something are
 * recorded. Then the shipped bundle (dist/termin-buchen.js) loads as a town's page would load it.
 */
import { setupWorker } from 'msw/browser';
import { createMockBackend } from '../src/mock/index.js';

interface RequestRecord {
  method: string;
  path: string;
  start: number;
  end: number;
}

type Milestone = 'firstRender' | 'firstDay' | 'firstSlot';

const params = new URLSearchParams(location.search);
const requests: RequestRecord[] = [];
const milestones: Partial<Record<Milestone, number>> = {};
let scriptStart = 0;

/** `querySelector` that also looks inside open shadow roots. */
function deepQuery(root: ParentNode, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) {
      const found = deepQuery(element.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}

const MILESTONE_TESTS: Record<Milestone, () => boolean> = {
  firstRender: () => (document.querySelector('termin-buchen')?.shadowRoot?.childElementCount ?? 0) > 0,
  firstDay: () => deepQuery(document, 'tb-calendar td[data-state="available"]') !== null,
  firstSlot: () => deepQuery(document, 'tb-slot-list button') !== null,
};

// Checked once per frame: "shown" means present when the browser is about to paint.
function watchMilestones(): void {
  const now = performance.now();
  for (const [name, test] of Object.entries(MILESTONE_TESTS) as [Milestone, () => boolean][]) {
    if (milestones[name] === undefined && test()) milestones[name] = now - scriptStart;
  }
  if (Object.keys(milestones).length < 3) requestAnimationFrame(watchMilestones);
}

function logRequests(): void {
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const record = { method: request.method, path: new URL(request.url).pathname, start: performance.now() - scriptStart, end: NaN };
    try {
      return await realFetch(input, init);
    } finally {
      record.end = performance.now() - scriptStart;
      if (record.path.startsWith('/api/')) requests.push(record);
    }
  };
}

/** Scripting time of one render: setting the properties until Lit's update has finished. */
async function timeRender(element: HTMLElement & { updateComplete: Promise<boolean> }, change: () => void): Promise<number> {
  const start = performance.now();
  change();
  await element.updateComplete;
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Renders a 300-slot day and an all-bookable month, fresh and as an update after a new selection. */
async function measureRenders(repeats: number) {
  type Lit = HTMLElement & { updateComplete: Promise<boolean>; [key: string]: unknown };
  const stage = document.getElementById('stage')!;
  const start = Date.parse('2030-03-04T07:00:00Z');
  const slots = Array.from({ length: 300 }, (_, index) => ({
    start: new Date(start + index * 2 * 60_000).toISOString(),
    end: new Date(start + (index + 1) * 2 * 60_000).toISOString(),
  }));
  const days = Array.from({ length: 31 }, (_, index) => `2030-03-${String(index + 1).padStart(2, '0')}`);
  const available = new Map(days.map((day) => [day, 12]));
  const results = { slotList: { first: [] as number[], update: [] as number[] }, calendar: { first: [] as number[], update: [] as number[] } };
  for (let run = 0; run < repeats; run++) {
    stage.replaceChildren();
    const list = document.createElement('tb-slot-list') as Lit;
    stage.append(list);
    results.slotList.first.push(await timeRender(list, () => Object.assign(list, { date: '2030-03-04', timeZone: 'Europe/Berlin', slots })));
    results.slotList.update.push(await timeRender(list, () => (list.selectedStart = slots[run * 7].start)));
    stage.replaceChildren();
    const calendar = document.createElement('tb-calendar') as Lit;
    stage.append(calendar);
    const setMonth = () => Object.assign(calendar, { month: '2030-03', today: '2030-03-01', lastBookable: '2030-04-30', available });
    results.calendar.first.push(await timeRender(calendar, setMonth));
    results.calendar.update.push(await timeRender(calendar, () => (calendar.selected = days[run % days.length])));
  }
  stage.replaceChildren();
  const summary = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
  return {
    slotList300: { first: summary(results.slotList.first), update: summary(results.slotList.update) },
    calendarFullMonth: { first: summary(results.calendar.first), update: summary(results.calendar.update) },
  };
}

const { handlers } = createMockBackend({ baseUrl: '/api', latencyMs: Number(params.get('latency') ?? 100), seed: 1 });
await setupWorker(...handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
logRequests();

Object.assign(window, { bench: { requests, milestones, measureRenders } });

if (params.get('widget') !== 'none') {
  const widget = document.createElement('termin-buchen');
  widget.setAttribute('api', '/api');
  for (const name of ['service', 'location']) {
    const value = params.get(name);
    if (value) widget.setAttribute(name, value);
  }
  document.getElementById('stage')!.append(widget);
  requestAnimationFrame(watchMilestones);
}
scriptStart = performance.now();
// The shipped bundle, not the sources: the benchmark measures what webmasters get. A variable, so that
// vite leaves the import alone and scripts/bench.mjs serves the file byte for byte.
const bundleUrl = '/bundle/termin-buchen.js';
await import(/* @vite-ignore */ bundleUrl);
