// The measured scenarios of `npm run bench:server`, each against a running server's base URL.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const API = '/api/v1';
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

async function request(base, method, path, body, headers = {}) {
  const response = await fetch(`${base}${API}${path}`, {
    method,
    headers: body === undefined ? { Accept: 'application/json', ...headers } : { ...JSON_HEADERS, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function expectOk(base, path) {
  const { status, body } = await request(base, 'GET', path);
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** YYYY-MM-DD of `instant` in `timeZone`. */
export function dayIn(instant, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The calendar month after the current one in `timeZone`, as `from` and `to`: wholly inside a 90-day window. */
export function nextMonth(now, timeZone) {
  const [year, month] = dayIn(now, timeZone).split('-').map(Number);
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

const servicesParameter = (services) => services.map(({ id, quantity }) => `${id}:${quantity}`).join(',');

/** Days with free slots between `from` and `to` (93 days at most, as the server allows). */
export async function freeDays(base, locationId, services, from, to) {
  const query = new URLSearchParams({ location: locationId, services: servicesParameter(services), from, to });
  return (await expectOk(base, `/days?${query}`)).days;
}

export async function freeSlots(base, locationId, services, date) {
  const query = new URLSearchParams({ location: locationId, services: servicesParameter(services), date });
  return (await expectOk(base, `/slots?${query}`)).slots;
}

/**
 * `racers` concurrent POST /holds for the last free counter of one slot. The slot is one with free
 * counters two or more days ahead; holds are taken one by one until it is full, and the last of them is
 * released again, so that exactly one counter is left. Then all racers go at once.
 */
export async function holdRace(base, { locationId, services, from, to, racers }) {
  const days = await freeDays(base, locationId, services, from, to);
  const day = days.find((candidate) => candidate.free >= 4) ?? days[0];
  if (!day) throw new Error(`No free day for ${locationId} between ${from} and ${to}`);
  const slots = await freeSlots(base, locationId, services, day.date);
  const slot = slots[Math.floor(slots.length / 2)];
  const body = { locationId, services, start: slot.start };
  const taken = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const { status, body: hold } = await request(base, 'POST', '/holds', body);
    if (status === 201) taken.push(hold.id);
    else if (status === 409) break;
    else throw new Error(`Taking the other counters: POST /holds answered ${status}: ${JSON.stringify(hold)}`);
  }
  if (taken.length === 0) throw new Error(`The slot ${slot.start} was not free after all`);
  const last = taken.pop();
  const released = await request(base, 'DELETE', `/holds/${encodeURIComponent(last)}`);
  if (released.status !== 204) throw new Error(`DELETE /holds answered ${released.status}`);

  const statuses = {};
  const winners = [];
  const started = performance.now();
  const latencies = await Promise.all(Array.from({ length: racers }, async () => {
    const sent = performance.now();
    try {
      const { status, body: answer } = await request(base, 'POST', '/holds', body);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 201) winners.push(answer.id);
    } catch (error) {
      statuses[error.cause?.code ?? error.name] = (statuses[error.cause?.code ?? error.name] ?? 0) + 1;
    }
    return performance.now() - sent;
  }));
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  // Leave the slot as it was found: the benchmark's own holds would otherwise block it for ten minutes.
  for (const id of [...taken, ...winners]) await request(base, 'DELETE', `/holds/${encodeURIComponent(id)}`);
  return {
    locationId,
    start: slot.start,
    countersTakenBefore: taken.length,
    racers,
    created: statuses[201] ?? 0,
    conflicts: statuses[409] ?? 0,
    statuses,
    wallMs: round(wallMs),
    p50Ms: round(percentile(latencies, 50)),
    maxMs: round(latencies.at(-1)),
  };
}

/**
 * Closed-loop load with autocannon: `connections` clients, each sending its next request as soon as the last
 * is answered, cycling through `paths`. autocannon's duration mode drops the requests still in flight when
 * the time is up, and those are the slowest ones (up to `connections` of them, a large share when each takes
 * seconds), so the run is sized by count instead: a warm-up (not counted; JIT, connection pools) measures
 * the rate, and the measured run makes rate × `durationSeconds` requests and waits for every answer.
 * `rate` skips the warm-up and uses a rate measured before; `afterWarmup(sent)` may wait for the server.
 */
export async function latency(base, paths, { connections, durationSeconds, warmupSeconds, rate, afterWarmup }) {
  let cutShort = false;
  const run = (options) => new Promise((resolve, reject) => {
    let next = 0;
    const instance = autocannon({
      url: base,
      connections: options.connections,
      ...(options.amount ? { amount: options.amount } : { duration: options.duration }),
      timeout: 30,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${API}${paths[next++ % paths.length]}` }) }],
    }, (error, result) => {
      clearTimeout(cap);
      if (error) reject(error);
      else resolve(result);
    });
    // A bound on the time, should the server be far slower than the warm-up said: then the answers still
    // outstanding are not counted, and the result says so.
    const cap = setTimeout(() => {
      cutShort = true;
      instance.stop();
    }, Math.max(3 * durationSeconds, 30) * 1000);
  });
  let perSecond = rate;
  let warmupSent = 0;
  if (!perSecond) {
    const warmup = await run({ connections: Math.min(connections, 10), duration: warmupSeconds });
    perSecond = warmup['2xx'] / warmup.duration;
    warmupSent = warmup.requests.sent;
    // The warm-up's last requests are still in the server: let them finish first.
    await afterWarmup?.(warmupSent);
  }
  // At least one request per client: a server slower than connections ÷ duration gets one burst.
  const amount = Math.max(connections, Math.round(perSecond * durationSeconds));
  const result = await run({ connections, amount });
  return {
    connections,
    requests: result.requests.total,
    /** Requests sent, warm-up included (some may still be in the server when the run ends). */
    sent: warmupSent + result.requests.sent,
    seconds: round(result.duration),
    requestsPerSecond: round(result.requests.total / result.duration, 0),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    meanMs: round(result.latency.average, 2),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ...(cutShort ? { cutShort: true } : {}),
  };
}

/**
 * Bookings end to end: `workers` clients, each in a loop POST /holds then POST /bookings with a fresh
 * Idempotency-Key and a fresh e-mail address (the limit is per address), for `durationSeconds`. Free starts
 * come from /days and /slots beforehand; a start that was booked goes back to the end of the queue (it may
 * have another free counter), one that answers 409 is dropped.
 */
export async function bookingThroughput(base, { locations, services, from, to, workers, durationSeconds, runId, onStart }) {
  const queue = [];
  for (const locationId of locations) {
    for (const day of await freeDays(base, locationId, services, from, to)) {
      for (const slot of await freeSlots(base, locationId, services, day.date)) queue.push({ locationId, start: slot.start });
    }
  }
  // Interleave locations and days, as many citizens at once would.
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  const freeStarts = queue.length;
  let booked = 0;
  let conflicts = 0;
  const failures = {};
  const pairs = [];
  let sequence = 0;
  onStart?.();
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < deadline && queue.length > 0) {
      const item = queue.shift();
      const sent = performance.now();
      const hold = await request(base, 'POST', '/holds', { locationId: item.locationId, services, start: item.start });
      if (hold.status === 409) {
        conflicts += 1;
        continue;
      }
      if (hold.status !== 201) {
        failures[`hold ${hold.status}`] = (failures[`hold ${hold.status}`] ?? 0) + 1;
        continue;
      }
      const n = sequence++;
      const booking = await request(base, 'POST', '/bookings', {
        holdId: hold.body.id,
        person: { firstName: 'Bench', lastName: `Client ${n}`, email: `bench.${runId}.${n}@example.org` },
        locale: 'de',
      }, { 'Idempotency-Key': randomUUID() });
      if (booking.status === 201) {
        booked += 1;
        pairs.push(performance.now() - sent);
        queue.push(item);
      } else {
        const key = `booking ${booking.status} ${booking.body?.code ?? ''}`.trim();
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  }));
  const elapsedMs = performance.now() - started;
  pairs.sort((a, b) => a - b);
  return {
    workers,
    durationSeconds,
    freeStarts,
    bookings: booked,
    bookingsPerSecond: round(booked / (elapsedMs / 1000)),
    holdConflicts: conflicts,
    failures,
    elapsedMs: round(elapsedMs, 0),
    p50Ms: round(percentile(pairs, 50)),
    p99Ms: round(percentile(pairs, 99)),
    ranOutOfSlots: queue.length === 0,
  };
}
