/**
 * What staff read and change about bookings: the day list with personal data, search, attendance and
 * cancellation by the office. Access rules (which locations an account may see) live in `staff/access.ts`;
 * these functions take the allowed locations as data.
 */
import { codeKey } from '../domain/secrets.js';
import { DomainError } from '../domain/errors.js';
import type { PersonalData, StoredStatus } from './bookings.js';
import type { Queryable, Db } from './db.js';
import { freeBookingReservation } from './reservations.js';

export type Attendance = 'arrived' | 'missed';

export interface StaffBooking {
  id: number;
  code: string;
  status: StoredStatus;
  attendance: Attendance | null;
  locationId: string;
  services: { id: string; quantity: number }[];
  start: Date;
  end: Date;
  locale: 'de' | 'en';
  /** NULL once erased (released bookings). */
  person: PersonalData | null;
}

const COLUMNS = `id::int AS id, code, status, attendance, location_id AS "locationId", services, start_at AS start,
  end_at AS "end", locale, person`;

/** Every booking of a location starting in `[from, to)`, cancelled ones included, by start time. */
export async function bookingsBetween(db: Queryable, locationId: string, from: Date, to: Date): Promise<StaffBooking[]> {
  return db.query<StaffBooking>(
    `SELECT ${COLUMNS} FROM bookings WHERE location_id = $1 AND start_at >= $2 AND start_at < $3 AND status <> 'released'
     ORDER BY start_at, id`,
    [locationId, from, to],
  );
}

/** Live bookings of a location overlapping `[from, to)`: the ones a new closure leaves to be moved or cancelled. */
export async function liveBookingsOverlapping(db: Queryable, locationId: string, from: Date, to: Date): Promise<StaffBooking[]> {
  return db.query<StaffBooking>(
    `SELECT ${COLUMNS} FROM bookings WHERE location_id = $1 AND status IN ('pending', 'confirmed')
       AND tstzrange(start_at, end_at) && tstzrange($2, $3) ORDER BY start_at, id`,
    [locationId, from, to],
  );
}

export async function staffBookingById(db: Queryable, id: number): Promise<StaffBooking | undefined> {
  const [row] = await db.query<StaffBooking>(`SELECT ${COLUMNS} FROM bookings WHERE id = $1`, [id]);
  return row;
}

/**
 * Bookings at the given locations whose code matches (with or without dash, any case) or whose first or
 * last name contains `query`; newest appointments first, at most 50.
 */
export async function searchBookings(db: Queryable, locationIds: readonly string[], query: string): Promise<StaffBooking[]> {
  const text = query.trim();
  if (!text) return [];
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db.query<StaffBooking>(
    `SELECT ${COLUMNS} FROM bookings
     WHERE location_id = ANY($1::text[]) AND status <> 'released'
       AND (code_key = $2 OR person->>'lastName' ILIKE $3 OR person->>'firstName' ILIKE $3
            OR (person->>'firstName') || ' ' || (person->>'lastName') ILIKE $3)
     ORDER BY start_at DESC LIMIT 50`,
    [locationIds, codeKey(text), pattern],
  );
}

/**
 * Records whether the citizen came (`null` undoes it). Only live bookings; a pending booking whose citizen
 * arrives counts as confirmed, since they plainly wanted the appointment.
 */
export async function setAttendance(db: Queryable, id: number, attendance: Attendance | null, now: Date): Promise<void> {
  const rows = await db.query(
    `UPDATE bookings SET attendance = $2, attendance_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::timestamptz END,
       status = CASE WHEN $2::text = 'arrived' AND status = 'pending' THEN 'confirmed' ELSE status END,
       confirmed_at = CASE WHEN $2::text = 'arrived' AND status = 'pending' THEN $3::timestamptz ELSE confirmed_at END,
       confirm_by = CASE WHEN $2::text = 'arrived' THEN NULL ELSE confirm_by END
     WHERE id = $1 AND status IN ('pending', 'confirmed') RETURNING 1`,
    [id, attendance, now],
  );
  if (rows.length === 0) throw new DomainError('not_found');
}

/**
 * Cancelled by the office: no deadline applies (the office may always cancel), the counter is free again
 * at once. `afterCancel` runs in the same transaction, for the message to the citizen.
 */
export async function cancelByStaff(
  db: Db,
  id: number,
  now: Date,
  afterCancel?: (tx: Queryable, booking: StaffBooking) => Promise<void>,
): Promise<StaffBooking> {
  return db.transaction(async (tx) => {
    const [booking] = await tx.query<StaffBooking>(`SELECT ${COLUMNS} FROM bookings WHERE id = $1 FOR UPDATE`, [id]);
    if (!booking || (booking.status !== 'pending' && booking.status !== 'confirmed')) throw new DomainError('not_found');
    await tx.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [id, now]);
    await freeBookingReservation(tx, id);
    await afterCancel?.(tx, booking);
    return { ...booking, status: 'cancelled' };
  });
}
