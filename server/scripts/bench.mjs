// `npm run bench:server`: measures the reference server on loopback, on the embedded database (PGlite in a
// fresh temporary data directory) and on PostgreSQL (a fresh database `tb_bench_<random>`) side by side,
// prints a table and writes bench/server-results.json. What it measures and why: docs/performance.md, "Server".
//
//   node server/scripts/bench.mjs [--duration 10] [--bookings 10000] [--only embedded|postgres]
//     [--connections 50] [--workers 10] [--racers 500] [--starts 3] [--single 3] [--warmup 2]
//
// 1. Seed both databases at once, SEED bookings each, straight through the store (server/scripts/bench/seed.ts),
//    with no server running on them (PGlite allows one process per data directory).
// Then for each database in turn:
// 2. start the real server (`node --import tsx server/src/main.ts`), spawn to listening line, RSS a second
//    later; the embedded one STARTS times (median), the last start stays up for the rest;
// 3. hold race: RACERS concurrent POST /holds for the last free counter of one slot; exactly one must win;
// 4. GET /days (a whole month) and GET /slots (one day) with 50 clients for about DURATION seconds each
//    (autocannon), then the same from one client for SINGLE seconds: the time without queueing;
// 5. bookings end to end: 10 workers, hold then booking, for DURATION seconds;
// 6. RSS after that load, and the peak.
// PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres if
// it answers (if not, only the embedded database is measured). Exits 1 when a check fails: not exactly one
// winner of the race, or an error answer under load. Everything runs on 127.0.0.1 and is cleaned up after.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase, findPostgres } from './bench/postgres.mjs';
import { bookingThroughput, dayIn, freeDays, holdRace, latency, nextMonth, round } from './bench/scenarios.mjs';
import { cpuTimeOf, drained, memoryOf, REPOSITORY, startServer, stopServer } from './bench/server-process.mjs';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    bookings: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '50' },
    workers: { type: 'string', default: '10' },
    racers: { type: 'string', default: '500' },
    starts: { type: 'string', default: '3' },
    single: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const DURATION = Number(options.duration);
const WARMUP = Number(options.warmup);
const SEED = Number(options.bookings);
const CONNECTIONS = Number(options.connections);
const WORKERS = Number(options.workers);
const RACERS = Number(options.racers);
const STARTS = Math.max(1, Number(options.starts));
/** Seconds of the same requests from one client at a time: the time a request takes without queueing. */
const SINGLE = Number(options.single);
/** Nothing below should take this long; if it does, give up rather than hang a CI job. */
const WATCHDOG_MS = 10 * 60_000;

const TOWN_FILE = join(REPOSITORY, 'server/town/musterstadt.yaml');
const TIME_ZONE = 'Europe/Berlin';
const SERVICES = [{ id: 'personalausweis', quantity: 1 }];
const LOCATIONS = ['rathaus', 'nord', 'sued'];
const RESULTS_FILE = join(REPOSITORY, 'bench/server-results.json');

const log = (message) => process.stderr.write(`${message}\n`);
const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch (error) {
      log(`clean-up failed: ${error.message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`The benchmark ran longer than ${WATCHDOG_MS / 60_000} minutes: giving up.`);
  void cleanUp().then(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

function addDays(day, amount) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + amount)).toISOString().slice(0, 10);
}

/** Runs the seeding script on the database, with no server running on it; resolves with its JSON summary. */
function seed(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPOSITORY, 'server/scripts/bench/seed.ts')], {
      cwd: REPOSITORY,
      env: { ...process.env, ...env, SEED_BOOKINGS: String(SEED) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)));
      else reject(new Error(`Seeding failed (${code}):\n${err}${out}`));
    });
  });
}

/** The commit measured, and whether the server's code had uncommitted changes at the time. */
function codeVersion() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: REPOSITORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedServerChanges: git('status', '--porcelain', '--', 'server/src', 'src').length > 0 };
  } catch {
    return null;
  }
}

const perRequest = (cpuMs, count) => (Number.isFinite(cpuMs) && count > 0 ? round(cpuMs / count, 2) : null);
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor((numbers.length - 1) / 2)];

function serverEnv(databaseEnv) {
  return {
    ...databaseEnv,
    TOWN_CONFIG: TOWN_FILE,
    RATE_LIMIT_HOLDS: '100000000',
    RATE_LIMIT_LOOKUPS: '100000000',
    TB_DEMO: '',
    ALLOWED_ORIGINS: '',
    // Loopback only: confirmation emails go to the development mailbox in the database, never out.
    SMTP_URL: '',
    SMS_AUTHORIZATION: '',
    DEV_MAIL: '',
  };
}

async function measure(kind, databaseEnv, startCount, checks) {
  const result = { kind, loadAverageBefore: os.loadavg().map((load) => round(load, 2)) };
  const env = serverEnv(databaseEnv);
  const starts = [];
  let server;
  for (let i = 0; i < startCount; i++) {
    server = await startServer(env);
    cleanups.push(() => stopServer(server));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    starts.push({ startMs: round(server.startMs, 0), ...memoryOf(server.pid) });
    if (i < startCount - 1) {
      await stopServer(server);
      cleanups.pop();
    }
  }
  result.start = {
    runs: starts,
    medianMs: median(starts.map((start) => start.startMs)),
    minMs: Math.min(...starts.map((start) => start.startMs)),
    maxMs: Math.max(...starts.map((start) => start.startMs)),
    rssAfterStartMB: median(starts.map((start) => start.rssMB)),
  };
  log(`${kind}: listening on ${server.url} after ${result.start.medianMs} ms (median of ${startCount}), RSS ${result.start.rssAfterStartMB} MB`);

  const today = dayIn(Date.now(), TIME_ZONE);
  log(`${kind}: ${RACERS} concurrent POST /holds for one last free counter`);
  result.holdRace = await holdRace(server.url, {
    locationId: 'rathaus', services: SERVICES, from: addDays(today, 2), to: addDays(today, 30), racers: RACERS,
  });
  const race = result.holdRace;
  log(`${kind}: ${race.created} × 201, ${race.conflicts} × 409 in ${race.wallMs} ms`);
  if (race.created !== 1 || race.conflicts !== RACERS - 1) {
    checks.push(`${kind}: the hold race had ${race.created} winners and ${race.conflicts} × 409 (${JSON.stringify(race.statuses)}), expected 1 and ${RACERS - 1}`);
  }

  const month = nextMonth(Date.now(), TIME_ZONE);
  const query = (params) => new URLSearchParams({ services: 'personalausweis:1', ...params }).toString();
  const daysPaths = LOCATIONS.map((location) => `/days?${query({ location, from: month.from, to: month.to })}`);
  const slotsPaths = [];
  for (const location of LOCATIONS) {
    for (const day of await freeDays(server.url, location, SERVICES, today, addDays(today, 30))) {
      slotsPaths.push(`/slots?${query({ location, date: day.date })}`);
    }
  }
  const load = { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP };
  const single = { connections: 1, durationSeconds: SINGLE, warmupSeconds: 0 };
  for (const [name, paths, what] of [
    ['days', daysPaths, `${month.from}..${month.to}, ${LOCATIONS.length} locations`],
    ['slots', slotsPaths, `${slotsPaths.length} location-days of the next 30 days`],
  ]) {
    await drained(server);
    log(`${kind}: GET /${name} (${what}), ${CONNECTIONS} clients, about ${DURATION} s`);
    // The warm-up's requests count too: every request sent from here on is waited for before the next phase.
    const linesBefore = server.lines;
    const cpuBefore = cpuTimeOf(server.pid);
    const afterWarmup = (sent) => drained(server, linesBefore + sent);
    result[name] = { paths: paths.length, ...(await latency(server.url, paths, { ...load, afterWarmup })) };
    result[name].drainMs = await drained(server, linesBefore + result[name].sent);
    // Everything the server process did for the requests of this phase, divided by the answered ones.
    result[name].serverCpuMsPerRequest = perRequest(cpuTimeOf(server.pid) - cpuBefore, server.lines - linesBefore);
    if (SINGLE > 0) {
      log(`${kind}: GET /${name}, one client, about ${SINGLE} s`);
      const linesBeforeSingle = server.lines;
      result[name].oneClient = await latency(server.url, paths, { ...single, rate: result[name].requestsPerSecond });
      result[name].oneClient.drainMs = await drained(server, linesBeforeSingle + result[name].oneClient.sent);
    }
    const { non2xx, errors, timeouts } = result[name];
    if (non2xx || errors || timeouts) checks.push(`${kind}: GET /${name} had ${non2xx} non-2xx answers, ${errors} errors, ${timeouts} timeouts`);
  }
  result.days.month = month;
  await drained(server);

  log(`${kind}: bookings end to end, ${WORKERS} workers, ${DURATION} s`);
  let cpuBefore;
  result.bookings = await bookingThroughput(server.url, {
    locations: LOCATIONS, services: SERVICES, from: today, to: addDays(today, 90), workers: WORKERS, durationSeconds: DURATION,
    runId: randomBytes(4).toString('hex'),
    onStart: () => { cpuBefore = cpuTimeOf(server.pid); },
  });
  result.bookings.serverCpuMsPerBooking = perRequest(cpuTimeOf(server.pid) - cpuBefore, result.bookings.bookings);
  if (Object.keys(result.bookings.failures).length > 0) {
    checks.push(`${kind}: bookings failed: ${JSON.stringify(result.bookings.failures)}`);
  }
  result.memoryAfterLoad = memoryOf(server.pid);
  result.serverErrorsLogged = server.serverErrors;
  if (server.serverErrors > 0) checks.push(`${kind}: the server logged ${server.serverErrors} errors or 5xx answers:\n${server.tail.slice(-5).join('\n')}`);
  result.loadAverageAfter = os.loadavg().map((load) => round(load, 2));
  await stopServer(server);
  cleanups.pop();
  return result;
}

function table(results) {
  const columns = results.map((r) => (r.kind === 'embedded' ? 'embedded (PGlite)' : `PostgreSQL ${r.version ?? ''}`.trim()));
  const rows = [
    ['hold race: 201 / 409', (r) => `${r.holdRace.created} / ${r.holdRace.conflicts}`],
    ['hold race: wall time', (r) => `${r.holdRace.wallMs} ms`],
    ['GET /days (month): p50 / p99', (r) => `${r.days.p50Ms} / ${r.days.p99Ms} ms${r.days.cutShort ? ' (cut short)' : ''}`],
    ['GET /days: max, requests/s', (r) => `${r.days.maxMs} ms, ${r.days.requestsPerSecond}/s`],
    ['GET /slots (day): p50 / p99', (r) => `${r.slots.p50Ms} / ${r.slots.p99Ms} ms${r.slots.cutShort ? ' (cut short)' : ''}`],
    ['GET /slots: max, requests/s', (r) => `${r.slots.maxMs} ms, ${r.slots.requestsPerSecond}/s`],
    ['server CPU per request: /days, /slots', (r) => `${r.days.serverCpuMsPerRequest} ms, ${r.slots.serverCpuMsPerRequest} ms`],
    ...(SINGLE > 0 ? [
      ['one client: /days p50 / p99', (r) => `${r.days.oneClient.p50Ms} / ${r.days.oneClient.p99Ms} ms`],
      ['one client: /slots p50 / p99', (r) => `${r.slots.oneClient.p50Ms} / ${r.slots.oneClient.p99Ms} ms`],
    ] : []),
    ['bookings per second', (r) => `${r.bookings.bookingsPerSecond} (${r.bookings.bookings} in ${round(r.bookings.elapsedMs / 1000)} s)`],
    ['hold + booking: p50 / p99', (r) => `${r.bookings.p50Ms} / ${r.bookings.p99Ms} ms`],
    ['server CPU per booking', (r) => `${r.bookings.serverCpuMsPerBooking} ms`],
    ['start to listening: median (min–max)', (r) => `${r.start.medianMs} ms (${r.start.minMs}–${r.start.maxMs})`],
    ['RSS after start / after load / peak', (r) => `${r.start.rssAfterStartMB} / ${r.memoryAfterLoad.rssMB} / ${r.memoryAfterLoad.peakRssMB} MB`],
    ['seeded bookings (window / before)', (r) => `${r.seed.bookings} (${r.seed.future} / ${r.seed.past}) in ${round(r.seed.seedMs / 1000)} s`],
    ['load average before / after', (r) => `${r.loadAverageBefore[0]} / ${r.loadAverageAfter[0]}`],
  ];
  const cells = rows.map(([label, cell]) => [label, ...results.map((r) => cell(r))]);
  const header = ['', ...columns];
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  const checks = [];
  const results = [];
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  log(`bench:server on ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, load average ${os.loadavg()[0].toFixed(2)}`);

  // Setting up: a fresh database of each kind, seeded. Both at once, since nothing is measured yet (the
  // embedded one spends most of its time creating the PGlite cluster).
  const targets = [];
  if (options.only !== 'postgres') {
    const dataDir = mkdtempSync(join(os.tmpdir(), 'tb-bench-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    targets.push({ kind: 'embedded', env: { DATA_DIR: dataDir, DATABASE_URL: '' }, starts: STARTS });
  }
  let postgres = { skipped: 'not asked for (--only embedded)' };
  if (options.only !== 'embedded') {
    postgres = await findPostgres();
    if (postgres.skipped) {
      log(`PostgreSQL skipped: ${postgres.skipped}`);
    } else {
      const database = await createBenchDatabase(postgres.adminUrl);
      cleanups.push(() => database.drop());
      log(`postgres: database ${database.name} on PostgreSQL ${postgres.version} (${postgres.source})`);
      // One start: the start time that matters is the embedded one; this one is for comparison.
      targets.push({ kind: 'postgres', env: { DATABASE_URL: database.url, DATA_DIR: '' }, starts: 1, version: postgres.version });
    }
  }
  log(`seeding ${SEED} bookings into ${targets.map((target) => target.kind).join(' and ')} (no server running)`);
  await Promise.all(targets.map(async (target) => {
    target.seed = await seed(serverEnv(target.env));
    const { bookings, future, past, seedMs, openMs } = target.seed;
    log(`${target.kind}: ${bookings} bookings (${future} in the booking window, ${past} before it); opening ${openMs} ms, seeding ${seedMs} ms`);
  }));
  for (const target of targets) {
    const measured = await measure(target.kind, target.env, target.starts, checks);
    results.push({ ...measured, seed: target.seed, ...(target.version ? { version: target.version } : {}) });
  }
  await cleanUp();

  const report = {
    date: new Date().toISOString(),
    code: codeVersion(),
    machine,
    settings: {
      seededBookings: SEED, durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, workers: WORKERS,
      racers: RACERS, starts: STARTS, oneClientSeconds: SINGLE, town: 'server/town/musterstadt.yaml', services: 'personalausweis:1',
    },
    postgres: postgres.skipped ? { skipped: postgres.skipped } : { version: postgres.version, source: postgres.source },
    results: Object.fromEntries(results.map((r) => [r.kind, r])),
    checks: checks.length === 0 ? 'passed' : checks,
    totalSeconds: round((Date.now() - started) / 1000),
  };
  mkdirSync(join(REPOSITORY, 'bench'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${table(results)}\n`);
  console.log(`${results.length} database(s) in ${report.totalSeconds} s; written to bench/server-results.json`);
  if (checks.length > 0) {
    console.error(`\nFAILED:\n${checks.join('\n')}`);
    process.exitCode = 1;
  }
}

main()
  .catch(async (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    clearTimeout(watchdog);
  });
