// `npm run bench`: builds, then measures the shipped bundle in headless Chromium against the mock backend.
// Prints a table and writes bench/results.json. `--ci` skips the build and the timings, counts requests
// and round trips once, and fails when a budget in package.json is exceeded.
// Options: --runs N (timed runs, default 10), --latency MS (per request, default 100), --no-build.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { findChrome } from '../test/support/find-chrome.mjs';
import { printReport } from './bench-report.mjs';
import { measureBundle } from './bench-size.mjs';
import { countRoundTrips, summarize } from './bench-stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const { values: options } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    runs: { type: 'string', default: '10' },
    latency: { type: 'string', default: '100' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(options.runs);
const latency = Number(options.latency);
const PRESELECTED = { service: 'reisepass', location: 'rathaus' };
// `book` depends on the office: binding at once, a request where double opt-in applies, or not said by the backend.
const WORDS = { increase: /Eine Person mehr für Reisepass/, next: 'Weiter', book: /^Termin (verbindlich buchen|anfragen|buchen)$/, first: 'Vorname', last: 'Nachname', email: 'E-Mail-Adresse' };

if (!options.ci && !options['no-build']) execSync('npm run build', { stdio: 'inherit' });

const executablePath = findChrome();
if (!executablePath) {
  console.error('No Chrome or Chromium found: install Debian\'s chromium or set CHROME_PATH.');
  process.exit(1);
}

const server = await createServer({
  configFile: false,
  root,
  publicDir: 'demo/public',
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1' },
  optimizeDeps: { entries: ['bench/index.html'], include: ['msw/browser'] },
  plugins: [serveBundleAsIs()],
});
await server.listen();
const { port } = server.httpServer.address();
const benchUrl = `http://127.0.0.1:${port}/bench/index.html`;

/** The bundle byte for byte, as a town's web server would send it, not through vite's transforms. */
function serveBundleAsIs() {
  return {
    name: 'bench:serve-bundle-as-is',
    configureServer(devServer) {
      devServer.middlewares.use('/bundle/termin-buchen.js', (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(readFileSync('dist/termin-buchen.js'));
      });
    },
  };
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** A fresh page (own cache and service worker) on the bench page with these query parameters. */
async function openPage(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const search = new URLSearchParams({ latency: String(latency), ...query });
  await page.goto(`${benchUrl}?${search}`);
  return { page, close: () => context.close() };
}

const widgetOf = (page) => page.locator('termin-buchen');

/** Walks from the first step to a shown slot, as a citizen would with the fewest clicks. */
async function walkToFirstSlot(page, preselected) {
  const widget = widgetOf(page);
  const availableDay = widget.locator('tb-calendar td[data-state="available"]').first();
  await widget.locator('#step-heading').waitFor();
  if (!preselected) await widget.getByRole('button', { name: WORDS.increase }).click();
  // With preselection the steps before the calendar may already be answered; only "Weiter" is left.
  while (!(await availableDay.isVisible())) {
    const radio = widget.getByRole('radio').first();
    if (await radio.isVisible() && !(await widget.locator('input[type=radio]:checked').count())) await radio.check();
    const next = widget.getByRole('button', { name: WORDS.next, exact: true });
    if (await next.isVisible()) await next.click();
    else await page.waitForTimeout(10);
  }
  await availableDay.click();
  await widget.locator('tb-slot-list button').first().waitFor();
}

async function completeBooking(page) {
  const widget = widgetOf(page);
  await widget.locator('tb-slot-list button').first().click();
  await widget.getByLabel(WORDS.first).fill('Erika');
  await widget.getByLabel(WORDS.last).fill('Mustermann');
  await widget.getByLabel(WORDS.email).fill('erika@example.org');
  await widget.getByRole('button', { name: WORDS.next, exact: true }).click();
  await widget.getByRole('button', { name: WORDS.book }).click();
  await widget.locator('.code').waitFor();
}

async function benchData(page) {
  return page.evaluate(() => ({ requests: window.bench.requests, milestones: window.bench.milestones }));
}

/** One walk to the first slot: what was requested, how many round trips, and when things were shown. */
async function walk(preselected) {
  const { page, close } = await openPage(preselected ? PRESELECTED : {});
  await walkToFirstSlot(page, preselected);
  const { requests, milestones } = await benchData(page);
  await close();
  return {
    milestones,
    // Slots fetched ahead may arrive before the calendar shows, but the calendar never waits for them.
    firstDay: countRoundTrips(requests.filter((request) => !request.path.endsWith('/slots')), milestones.firstDay),
    firstSlot: countRoundTrips(requests, milestones.firstSlot),
  };
}

async function heapAfterBooking() {
  const { page, close } = await openPage(PRESELECTED);
  await walkToFirstSlot(page, true);
  await completeBooking(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await close();
  return usedSize;
}

async function renderCosts(repeats) {
  const { page, close } = await openPage({ widget: 'none' });
  await page.waitForFunction(() => customElements.get('tb-calendar') && customElements.get('tb-slot-list'));
  const costs = await page.evaluate((count) => window.bench.measureRenders(count), repeats);
  await close();
  return costs;
}

const results = { date: new Date().toISOString(), latencyMs: latency, runs: options.ci ? 1 : runs };
try {
  // The first page load lets vite prepare msw; it is not measured.
  await (await openPage({ widget: 'none' })).close();
  results.roundTrips = { preselected: await walk(true), open: await walk(false) };
  if (!options.ci) {
    results.size = measureBundle('dist/termin-buchen.js');
    const timed = [];
    for (let run = 0; run < runs; run++) timed.push((await walk(true)).milestones);
    results.timings = Object.fromEntries(
      ['firstRender', 'firstDay', 'firstSlot'].map((name) => [name, summarize(timed.map((milestone) => milestone[name]))]),
    );
    results.renders = await renderCosts(runs);
    results.heapBytesAfterBooking = await heapAfterBooking();
  }
} finally {
  await browser.close();
  await server.close();
}

printReport(results);
const failures = checkBudgets(results);
if (!options.ci) {
  mkdirSync('bench', { recursive: true });
  const { size, ...rest } = results;
  const json = { ...rest, size: { ...size, shares: size.shares.map(({ sources: _sources, ...share }) => share) } };
  writeFileSync('bench/results.json', `${JSON.stringify(json, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
}
for (const failure of failures) console.error(`Budget exceeded: ${failure}`);
process.exit(failures.length > 0 ? 1 : 0);

/** Round trips over the budget in package.json; sizes are checked by scripts/check-build.mjs. */
function checkBudgets({ roundTrips }) {
  const { budget } = JSON.parse(readFileSync('package.json', 'utf8'));
  const failures = [];
  for (const [mode, limits] of Object.entries(budget.roundTrips ?? {})) {
    for (const [milestone, limit] of Object.entries(limits)) {
      const actual = roundTrips[mode]?.[milestone]?.roundTrips;
      if (actual === undefined || actual > limit) failures.push(`${mode} ${milestone}: ${actual} round trips, budget ${limit}`);
    }
  }
  return failures;
}
