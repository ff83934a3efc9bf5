/**
 * Holds and the counter-time that holds and bookings take. The exclusion constraint on `reservations`
 * settles every race: this module only tries counters one by one inside savepoints.
 */
import type { ServiceSelection } from '../../../src/api/schemas.js';
import type { Interval } from '../domain/calendar.js';
import type { Occupied } from '../domain/availability.js';
import { DomainError } from '../domain/errors.js';
import { newHoldId } from '../domain/secrets.js';
import { hasSqlState, retryTransient, SqlState, withSavepoint, type Db, type Queryable } from './db.js';

export interface StoredHold {
  id: string;
  locationId: string;
  services: ServiceSelection[];
  start: Date;
  end: Date;
  expiresAt: Date;
}

const HOLD_COLUMNS = `id, location_id AS "locationId", services, lower(during) AS start, upper(during) AS "end",
  expires_at AS "expiresAt"`;

/** Live holds and bookings at a location that overlap `range`. */
export async function occupiedRanges(db: Queryable, locationId: string, range: Interval, now: Date): Promise<Occupied[]> {
  // Epoch milliseconds as float8, which both drivers hand over as numbers: a month view reads thousands of
  // rows, and parsing each timestamptz text into a Date was half of its remaining CPU time.
  const rows = await db.query<{ counter: number; start: number; end: number }>(
    `SELECT counter, (extract(epoch FROM lower(during)) * 1000)::float8 AS start,
       (extract(epoch FROM upper(during)) * 1000)::float8 AS "end" FROM reservations
     WHERE location_id = $1 AND during && tstzrange($2, $3) AND (expires_at IS NULL OR expires_at > $4)`,
    [locationId, new Date(range.start), new Date(range.end), now],
  );
  return rows.map((row) => ({ counter: row.counter, start: row.start, end: row.end }));
}

/**
 * Takes one counter of `location` for `slot` until `expiresAt`, or throws `slot_unavailable` when every
 * counter is taken. Expired holds in the way are deleted first, in the same transaction.
 */
export async function createHold(
  db: Db,
  request: { locationId: string; counters: number; services: ServiceSelection[]; slot: Interval },
  now: Date,
  expiresAt: Date,
): Promise<StoredHold> {
  const id = newHoldId();
  const start = new Date(request.slot.start);
  const end = new Date(request.slot.end);
  return retryTransient(() => db.transaction(async (tx) => {
    // Racers queue here instead of deadlocking inside the exclusion constraint, which stays the guard;
    // the lock only orders them (and costs nothing on PGlite's one connection).
    await lockLocation(tx, request.locationId);
    await tx.query(
      `DELETE FROM reservations WHERE location_id = $1 AND during && tstzrange($2, $3) AND expires_at <= $4`,
      [request.locationId, start, end, now],
    );
    for (let counter = 1; counter <= request.counters; counter++) {
      try {
        await withSavepoint(tx, () => tx.query(
          `INSERT INTO reservations (id, location_id, counter, during, services, expires_at)
           VALUES ($1, $2, $3, tstzrange($4, $5), $6::text::jsonb, $7)`,
          [id, request.locationId, counter, start, end, JSON.stringify(request.services), expiresAt],
        ));
        return { id, locationId: request.locationId, services: request.services, start, end, expiresAt };
      } catch (error) {
        if (!hasSqlState(error, SqlState.exclusionViolation)) throw error;
      }
    }
    throw new DomainError('slot_unavailable');
  }));
}

/** Restarts a live hold's lifetime; `hold_expired` when it ran out, `not_found` when there is none. */
export async function extendHold(db: Db, id: string, now: Date, expiresAt: Date): Promise<StoredHold> {
  return db.transaction(async (tx) => {
    const [hold] = await tx.query<StoredHold>(
      `UPDATE reservations SET expires_at = $3 WHERE id = $1 AND booking_id IS NULL AND expires_at > $2
       RETURNING ${HOLD_COLUMNS}`,
      [id, now, expiresAt],
    );
    if (hold) return hold;
    const [expired] = await tx.query('SELECT 1 FROM reservations WHERE id = $1 AND booking_id IS NULL', [id]);
    throw new DomainError(expired ? 'hold_expired' : 'not_found');
  });
}

export async function releaseHold(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM reservations WHERE id = $1 AND booking_id IS NULL', [id]);
}

/**
 * Every transaction that writes reservation rows at a location takes this lock first, in the same order
 * (location, then rows), so that writers queue instead of deadlocking inside the exclusion constraint: an
 * insert and an update of overlapping rows each wait for the other's uncommitted index entry there.
 */
async function lockLocation(tx: Queryable, locationId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('termin-buchen holds ' || $1))`, [locationId]);
}

/** A live hold, locked for the rest of the transaction so that it is consumed once; else `hold_expired`. */
export async function takeLiveHold(tx: Queryable, id: string, now: Date): Promise<StoredHold> {
  const [where] = await tx.query<{ locationId: string }>('SELECT location_id AS "locationId" FROM reservations WHERE id = $1', [id]);
  if (!where) throw new DomainError('hold_expired');
  await lockLocation(tx, where.locationId);
  const [hold] = await tx.query<StoredHold>(
    `SELECT ${HOLD_COLUMNS} FROM reservations WHERE id = $1 AND booking_id IS NULL AND expires_at > $2 FOR UPDATE`,
    [id, now],
  );
  if (!hold) throw new DomainError('hold_expired');
  return hold;
}

/** Turns a hold into a booking's reservation: same counter, same time, no expiry. */
export async function attachHoldToBooking(tx: Queryable, holdId: string, bookingId: number): Promise<void> {
  await tx.query('UPDATE reservations SET booking_id = $2, expires_at = NULL WHERE id = $1', [holdId, bookingId]);
}

/** Frees the counter-time of a booking (cancelled, released or moved). */
export async function freeBookingReservation(tx: Queryable, bookingId: number): Promise<void> {
  await tx.query('DELETE FROM reservations WHERE booking_id = $1', [bookingId]);
}

const HOLD_GRACE_MS = 60 * 60_000;

/** Deletes holds that ran out; they already block nothing, this only keeps the table small. */
export async function deleteExpiredHolds(db: Db, now: Date): Promise<number> {
  // An hour's grace, so that a late extend or booking with a hold that just ran out still hears
  // `hold_expired` rather than `not_found`.
  const rows = await db.query('DELETE FROM reservations WHERE expires_at <= $1 RETURNING 1', [new Date(now.getTime() - HOLD_GRACE_MS)]);
  return rows.length;
}
