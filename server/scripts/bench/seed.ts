/**
 * Fills a database with bookings for `npm run bench:server`, straight through the store (no HTTP), in bulk.
 * Run by the benchmark as `node --import tsx server/scripts/bench/seed.ts` while no server is running on the
 * database (PGlite allows one process per data directory). Configured by environment:
 *
 *   DATABASE_URL or DATA_DIR   the database, as for the server
 *   TOWN_CONFIG                the town file (default: the demo town)
 *   SEED_BOOKINGS              how many bookings in all (default 10000)
 *   SEED_FUTURE_SHARE          the share of them inside the booking window (default 0.7); the rest lie in the
 *                              SEED_PAST_DAYS days before today (default 180), as a town's history does
 *   SEED_RANDOM                a seed for the pseudo-random choices (default 1), so runs are comparable
 *
 * The bookings follow the schema and the server's own rules: starts on the slot grid inside opening hours
 * (candidateSlots), one counter each, no two overlapping on a counter (the exclusion constraint would refuse
 * it anyway), reservations still live for every pending or confirmed booking, none for cancelled ones, one
 * token each, the person as the server stores it. Live holds already in the database are left alone and
 * worked around. Prints one JSON line with what it wrote.
 */
import { resolve } from 'node:path';
import { DEFAULT_TOWN_FILE } from '../../src/config/default-town.js';
import { loadTownFile } from '../../src/config/load-town.js';
import type { LocationConfig, TownConfig } from '../../src/config/town-schema.js';
import { bookingWindow, earliestStart } from '../../src/domain/availability.js';
import { openingMinutes, type Interval } from '../../src/domain/calendar.js';
import { codeKey, newBookingCode, newHoldId, newToken, sha256 } from '../../src/domain/secrets.js';
import type { Queryable } from '../../src/store/db.js';
import { openDatabase } from '../../src/store/open.js';
import { addDaysToDay, dayOf, wallClockInstant, type Day } from '../../../src/format/zoned-day.js';

const env = process.env;
const TOTAL = Number(env.SEED_BOOKINGS ?? 10_000);
const FUTURE_SHARE = Number(env.SEED_FUTURE_SHARE ?? 0.7);
const PAST_DAYS = Number(env.SEED_PAST_DAYS ?? 180);
const CHUNK = 2_000;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = random(Number(env.SEED_RANDOM ?? 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/** How often each service is asked for at a Bürgerbüro, roughly; ids a location does not offer are skipped. */
const SERVICE_WEIGHTS: Record<string, number> = {
  personalausweis: 35, reisepass: 25, meldebescheinigung: 15, 'wohnsitz-anmelden': 15, fuehrungszeugnis: 7, 'kfz-abmelden': 3,
};
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'Deniz', 'Elif', 'Felix', 'Greta', 'Hannah', 'Jonas', 'Lea', 'Mehmet', 'Mia', 'Noah', 'Olga', 'Paul', 'Sofia'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Yılmaz', 'Hoffmann', 'Schäfer', 'Kowalski'];

function pickServices(town: TownConfig, location: LocationConfig): { id: string; quantity: number }[] {
  const offered = location.services.filter((id) => town.services.some((service) => service.id === id));
  const weights = offered.map((id) => SERVICE_WEIGHTS[id] ?? 5);
  let roll = rand() * weights.reduce((a, b) => a + b, 0);
  let id = offered[0];
  for (let i = 0; i < offered.length; i++) {
    roll -= weights[i];
    if (roll < 0) {
      id = offered[i];
      break;
    }
  }
  const max = town.services.find((service) => service.id === id)?.maxQuantity ?? 1;
  const q = rand();
  const quantity = Math.min(max, q < 0.85 ? 1 : q < 0.97 ? 2 : 3);
  return [{ id, quantity }];
}

function lengthOf(town: TownConfig, services: { id: string; quantity: number }[]): number {
  return services.reduce((sum, { id, quantity }) => sum + (town.services.find((s) => s.id === id)?.durationMinutes ?? 0) * quantity, 0);
}

interface Placed {
  location: LocationConfig;
  counter: number;
  slot: Interval;
  services: { id: string; quantity: number }[];
}

/** Per location, counter and day: the taken intervals, to keep bookings from overlapping. */
class Lanes {
  #taken = new Map<string, Interval[]>();
  add(locationId: string, counter: number, day: Day, range: Interval): void {
    const key = `${locationId}|${counter}|${day}`;
    const lane = this.#taken.get(key) ?? [];
    lane.push(range);
    this.#taken.set(key, lane);
  }
  free(locationId: string, counter: number, day: Day, range: Interval): boolean {
    return !(this.#taken.get(`${locationId}|${counter}|${day}`) ?? []).some((taken) => taken.start < range.end && taken.end > range.start);
  }
}

/**
 * Places up to `wanted` bookings on random free grid starts of `days`, starting no earlier than `notBefore`.
 * A start fits a booking of length L when it ends by the closing time of its opening interval, as
 * candidateSlots has it; the closing instants are worked out once per location and day.
 */
function place(town: TownConfig, days: Day[], wanted: number, lanes: Lanes, notBefore: number): Placed[] {
  const cells: { location: LocationConfig; day: Day; counter: number; start: number; closesAt: number }[] = [];
  for (const location of town.locations) {
    for (const day of days) {
      // The grid of candidateSlots (starts every slotStepMinutes from opening time), with each start's closing
      // time kept: computed here once per location and day, since candidateSlots per length would be slow.
      for (const [opening, closing] of openingMinutes(town, location, day)) {
        const closesAt = wallClockInstant(day, closing, town.timeZone);
        for (let minute = opening; minute < closing; minute += town.rules.slotStepMinutes) {
          const start = wallClockInstant(day, minute, town.timeZone);
          if (start < notBefore) continue;
          for (let counter = 1; counter <= location.counters; counter++) cells.push({ location, day, counter, start, closesAt });
        }
      }
    }
  }
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [cells[i], cells[j]] = [cells[j], cells[i]];
  }
  const placed: Placed[] = [];
  for (const cell of cells) {
    if (placed.length >= wanted) break;
    const services = pickServices(town, cell.location);
    const slot = { start: cell.start, end: cell.start + lengthOf(town, services) * 60_000 };
    if (slot.end > cell.closesAt) continue;
    if (!lanes.free(cell.location.id, cell.counter, cell.day, slot)) continue;
    lanes.add(cell.location.id, cell.counter, cell.day, slot);
    placed.push({ location: cell.location, counter: cell.counter, slot, services });
  }
  return placed;
}

function daysBetween(first: Day, last: Day, timeZone: string): Day[] {
  const days: Day[] = [];
  for (let day = first; day <= last; day = addDaysToDay(day, 1, timeZone)) days.push(day);
  return days;
}

async function insertChunk(tx: Queryable, rows: Record<string, unknown>[], reservations: (Record<string, unknown> | null)[], now: Date) {
  const ids = await tx.query<{ id: number; code_key: string }>(
    `INSERT INTO bookings (code, code_key, status, location_id, services, start_at, end_at, locale, person, email_key,
       created_at, confirm_by, confirmed_at, cancelled_at)
     SELECT code, code_key, status, location_id, services, start_at, end_at, locale, person, email_key,
       created_at, confirm_by, confirmed_at, cancelled_at
     FROM jsonb_to_recordset($1::text::jsonb) AS r(code text, code_key text, status text, location_id text, services jsonb,
       start_at timestamptz, end_at timestamptz, locale text, person jsonb, email_key text, created_at timestamptz,
       confirm_by timestamptz, confirmed_at timestamptz, cancelled_at timestamptz)
     RETURNING id, code_key`,
    [JSON.stringify(rows)],
  );
  const idByCode = new Map(ids.map((row) => [row.code_key, row.id]));
  const reservationRows = rows.flatMap((row, index) => {
    const reservation = reservations[index];
    return reservation ? [{ ...reservation, booking_id: idByCode.get(row.code_key as string) }] : [];
  });
  await tx.query(
    `INSERT INTO reservations (id, location_id, counter, during, services, expires_at, booking_id)
     SELECT id, location_id, counter, tstzrange(start_at, end_at), services, NULL, booking_id
     FROM jsonb_to_recordset($1::text::jsonb) AS r(id text, location_id text, counter integer, start_at timestamptz,
       end_at timestamptz, services jsonb, booking_id bigint)`,
    [JSON.stringify(reservationRows)],
  );
  const tokens = ids.map((row) => ({ token_hash: sha256(newToken()).toString('hex'), booking_id: row.id }));
  await tx.query(
    `INSERT INTO booking_tokens (token_hash, booking_id, created_at)
     SELECT decode(token_hash, 'hex'), booking_id, $2 FROM jsonb_to_recordset($1::text::jsonb) AS r(token_hash text, booking_id bigint)`,
    [JSON.stringify(tokens), now],
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const town = loadTownFile(resolve(env.TOWN_CONFIG ?? DEFAULT_TOWN_FILE));
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? 'data') });
  const opened = performance.now();
  try {
    const now = new Date();
    const { timeZone } = town;
    const lanes = new Lanes();
    // Live holds and bookings already there (the benchmark may have raced for a slot): work around them.
    const existing = await db.query<{ locationId: string; counter: number; start: Date; end: Date }>(
      `SELECT location_id AS "locationId", counter, lower(during) AS start, upper(during) AS "end" FROM reservations
       WHERE expires_at IS NULL OR expires_at > $1`,
      [now],
    );
    for (const row of existing) {
      const range = { start: row.start.getTime(), end: row.end.getTime() };
      // A reservation never spans midnight (opening hours don't), so its start's day is its day.
      lanes.add(row.locationId, row.counter, dayOf(range.start, timeZone), range);
    }

    const { first, last } = bookingWindow(town, now.getTime());
    const future = place(town, daysBetween(first, last, timeZone), Math.round(TOTAL * FUTURE_SHARE), lanes, earliestStart(town, now.getTime()));
    const pastFirst = addDaysToDay(first, -PAST_DAYS, timeZone);
    const past = place(town, daysBetween(pastFirst, addDaysToDay(first, -1, timeZone), timeZone), TOTAL - future.length, lanes, -Infinity);

    const placedAt = performance.now();
    const codes = new Set<string>();
    const rows: Record<string, unknown>[] = [];
    const reservations: (Record<string, unknown> | null)[] = [];
    const statuses: Record<string, number> = {};
    const all = [...future.map((p) => ({ ...p, when: 'future' as const })), ...past.map((p) => ({ ...p, when: 'past' as const }))];
    all.forEach((booking, index) => {
      let code: string;
      do code = newBookingCode(); while (codes.has(codeKey(code)));
      codes.add(codeKey(code));
      const start = new Date(booking.slot.start);
      const end = new Date(booking.slot.end);
      // Booked between 60 days and 1 hour before the appointment, and never after now.
      const created = new Date(Math.min(now.getTime() - 60_000, start.getTime() - 3_600_000 - rand() * 60 * 86_400_000));
      const roll = rand();
      let status: string;
      if (roll < 0.07) status = 'cancelled';
      else if (booking.location.doubleOptIn && booking.when === 'past' && roll < 0.1) status = 'released';
      else if (booking.location.doubleOptIn && booking.when === 'future' && roll < 0.2) status = 'pending';
      else status = 'confirmed';
      statuses[status] = (statuses[status] ?? 0) + 1;
      const firstName = pick(FIRST_NAMES);
      const lastName = pick(LAST_NAMES);
      const email = `${firstName}.${lastName}.${index}@example.org`.toLowerCase();
      const person = status === 'released' ? null : {
        firstName, lastName, email, ...(rand() < 0.6 ? { phone: `0123 ${100000 + index}` } : {}),
      };
      const pending = status === 'pending';
      rows.push({
        code,
        code_key: codeKey(code),
        status,
        location_id: booking.location.id,
        services: booking.services,
        start_at: start.toISOString(),
        end_at: end.toISOString(),
        locale: rand() < 0.85 ? 'de' : 'en',
        person,
        email_key: person ? email : null,
        created_at: (pending ? now : created).toISOString(),
        // A pending booking is released when unconfirmed by then: keep it well after the benchmark.
        confirm_by: pending ? new Date(Math.min(now.getTime() + town.rules.pendingConfirmMinutes * 60_000, start.getTime())).toISOString() : null,
        confirmed_at: status === 'confirmed' ? created.toISOString() : null,
        cancelled_at: status === 'cancelled' ? new Date(Math.min(now.getTime(), created.getTime() + 86_400_000)).toISOString() : null,
      });
      reservations.push(status === 'pending' || status === 'confirmed'
        ? {
            id: newHoldId(), location_id: booking.location.id, counter: booking.counter,
            start_at: start.toISOString(), end_at: end.toISOString(), services: booking.services,
          }
        : null);
    });

    for (let offset = 0; offset < rows.length; offset += CHUNK) {
      await db.transaction((tx) => insertChunk(tx, rows.slice(offset, offset + CHUNK), reservations.slice(offset, offset + CHUNK), now));
    }
    // What autovacuum would do on a server a little later; PGlite has no autovacuum at all.
    await db.exec('ANALYZE');
    const [counts] = await db.query<{ bookings: number; reservations: number; tokens: number }>(
      `SELECT (SELECT count(*) FROM bookings) AS bookings, (SELECT count(*) FROM reservations) AS reservations,
         (SELECT count(*) FROM booking_tokens) AS tokens`,
    );
    const liveFuture = future.length - rows.slice(0, future.length).filter((row) => row.status === 'cancelled').length;
    console.log(JSON.stringify({
      bookings: rows.length,
      future: future.length,
      past: past.length,
      liveFutureReservations: liveFuture,
      window: { first, last },
      pastFrom: pastFirst,
      statuses,
      table: counts,
      openMs: Math.round(opened - started),
      placeMs: Math.round(placedAt - opened),
      seedMs: Math.round(performance.now() - opened),
    }));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
