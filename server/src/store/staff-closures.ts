/**
 * Closures set by staff: time ranges in which a location takes no appointments. Availability and holds
 * read them together with the reservations, so that free times inside vanish at once.
 */
import type { Interval } from '../domain/calendar.js';
import { closedOnAllCounters, type Occupied } from '../domain/availability.js';
import type { Queryable } from './db.js';
import { occupiedRanges } from './reservations.js';

export interface Closure {
  id: number;
  locationId: string;
  start: Date;
  end: Date;
  reason: string;
  createdBy: string;
}

const CLOSURE_COLUMNS = `id::int AS id, location_id AS "locationId", lower(during) AS start, upper(during) AS "end", reason,
  created_by AS "createdBy"`;

export async function addClosure(
  db: Queryable,
  closure: { locationId: string; start: Date; end: Date; reason: string; createdBy: string },
  now: Date,
): Promise<Closure> {
  const [row] = await db.query<Closure>(
    `INSERT INTO closures (location_id, during, reason, created_by, created_at) VALUES ($1, tstzrange($2, $3), $4, $5, $6)
     RETURNING ${CLOSURE_COLUMNS}`,
    [closure.locationId, closure.start, closure.end, closure.reason, closure.createdBy, now],
  );
  return row;
}

/** Closures of the given locations that end after `from`, by start. */
export async function upcomingClosures(db: Queryable, locationIds: readonly string[], from: Date): Promise<Closure[]> {
  return db.query<Closure>(
    `SELECT ${CLOSURE_COLUMNS} FROM closures WHERE location_id = ANY($1::text[]) AND upper(during) > $2 ORDER BY lower(during), id`,
    [locationIds, from],
  );
}

export async function closureById(db: Queryable, id: number): Promise<Closure | undefined> {
  const [row] = await db.query<Closure>(`SELECT ${CLOSURE_COLUMNS} FROM closures WHERE id = $1`, [id]);
  return row;
}

export async function removeClosure(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM closures WHERE id = $1 RETURNING 1', [id]);
  return rows.length > 0;
}

/** The closures of a location that overlap `range`, as instants. */
export async function closedRanges(db: Queryable, locationId: string, range: Interval): Promise<Interval[]> {
  const rows = await db.query<{ start: Date; end: Date }>(
    `SELECT lower(during) AS start, upper(during) AS "end" FROM closures WHERE location_id = $1 AND during && tstzrange($2, $3)`,
    [locationId, new Date(range.start), new Date(range.end)],
  );
  return rows.map((row) => ({ start: row.start.getTime(), end: row.end.getTime() }));
}

/** Everything that keeps a slot from being free: live holds and bookings, and closures on every counter. */
export async function busyRanges(
  db: Queryable,
  location: { id: string; counters: number },
  range: Interval,
  now: Date,
): Promise<Occupied[]> {
  const [occupied, closed] = await Promise.all([occupiedRanges(db, location.id, range, now), closedRanges(db, location.id, range)]);
  return [...occupied, ...closedOnAllCounters(closed, location.counters)];
}
