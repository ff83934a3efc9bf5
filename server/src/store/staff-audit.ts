/**
 * The audit log: who saw or changed what, when, to which booking. It names bookings by id and never holds
 * their personal data; the table refuses UPDATE and DELETE (migration 003).
 */
import type { Queryable } from './db.js';

export type AuditAction =
  | 'login' | 'logout' | 'viewed' | 'arrived' | 'missed' | 'undone' | 'cancelled' | 'booked'
  | 'closure_added' | 'closure_removed' | 'feed_renewed';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'login', 'logout', 'viewed', 'arrived', 'missed', 'undone', 'cancelled', 'booked', 'closure_added', 'closure_removed', 'feed_renewed',
];

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: AuditAction;
  bookingId: number | null;
  /** The booking's code, for reading; not stored in the log, joined when read. */
  bookingCode: string | null;
  locationId: string | null;
  detail: string;
}

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  bookingId?: number;
  locationId?: string;
  detail?: string;
}

export async function recordAudit(db: Queryable, event: AuditEvent, now: Date): Promise<void> {
  await db.query(
    'INSERT INTO staff_audit (at, actor, action, booking_id, location_id, detail) VALUES ($1, $2, $3, $4, $5, $6)',
    [now, event.actor, event.action, event.bookingId ?? null, event.locationId ?? null, event.detail ?? ''],
  );
}

/** One `viewed` entry per booking whose personal data a page showed, in one statement. */
export async function recordViews(
  db: Queryable,
  actor: string,
  bookings: readonly { id: number; locationId: string }[],
  where: string,
  now: Date,
): Promise<void> {
  if (bookings.length === 0) return;
  await db.query(
    `INSERT INTO staff_audit (at, actor, action, booking_id, location_id, detail)
     SELECT $1, $2, 'viewed', booking_id, location_id, $3 FROM unnest($4::bigint[], $5::text[]) AS shown (booking_id, location_id)`,
    [now, actor, where, bookings.map((booking) => booking.id), bookings.map((booking) => booking.locationId)],
  );
}

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  bookingId?: number;
  from?: Date;
  to?: Date;
}

/** The newest entries matching every given filter, at most `limit`. */
export async function readAudit(db: Queryable, filter: AuditFilter, limit = 500): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(
    `SELECT l.id::int AS id, l.at, l.actor, l.action, l.booking_id::int AS "bookingId", b.code AS "bookingCode",
       l.location_id AS "locationId", l.detail
     FROM staff_audit l LEFT JOIN bookings b ON b.id = l.booking_id
     WHERE ($1::text IS NULL OR l.actor = $1) AND ($2::text IS NULL OR l.action = $2) AND ($3::bigint IS NULL OR l.booking_id = $3)
       AND ($4::timestamptz IS NULL OR l.at >= $4) AND ($5::timestamptz IS NULL OR l.at < $5)
     ORDER BY l.id DESC LIMIT $6`,
    [filter.actor ?? null, filter.action ?? null, filter.bookingId ?? null, filter.from ?? null, filter.to ?? null, limit],
  );
}
