/**
 * Erasing personal data, by rule (the retention job) or at the citizen's request. Erasure is one UPDATE of
 * `bookings` (person, email_key, the SMS opt-in) plus deleting what only served that booking's citizen:
 * manage-link tokens, idempotency records, outbox rows and copies in the development mailbox. What stays is
 * the row's facts (location, services, times, status, attendance) for statistics.
 */
import type { Retention } from '../config/town-schema.js';
import { retentionCutoff } from '../domain/retention.js';
import type { Db, Queryable } from './db.js';

/** Erases the personal data of these bookings, inside the caller's transaction. */
export async function eraseBookings(tx: Queryable, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE bookings SET person = NULL, email_key = NULL, sms_reminder = false, erased_at = $2
     WHERE id = ANY($1::bigint[])`,
    [ids, now],
  );
  for (const table of ['booking_tokens', 'idempotency_keys', 'outbox', 'dev_mail']) {
    await tx.query(`DELETE FROM ${table} WHERE booking_id = ANY($1::bigint[])`, [ids]);
  }
}

export interface RetentionCounts {
  /** Bookings whose appointment ended `afterAppointmentDays` ago. */
  afterAppointment: number;
  /** Cancelled bookings whose cancellation notice is out (sent or given up). */
  cancelled: number;
}

/**
 * The bookings that hold personal data and are due for erasure, with the rule that makes them due. A
 * cancelled booking waits while a message of it is still open: the cancellation notice is written from
 * `person` when it is sent (store/outbox.ts), and erasing first would swallow it.
 */
async function dueForErasure(db: Queryable, now: Date, rules: Retention, onlyCancelled: boolean): Promise<{ id: number; rule: keyof RetentionCounts }[]> {
  return db.query<{ id: number; rule: keyof RetentionCounts }>(
    `SELECT id::int AS id, CASE WHEN end_at <= $1 THEN 'afterAppointment' ELSE 'cancelled' END AS rule
     FROM bookings b
     WHERE person IS NOT NULL AND (
       (NOT $3 AND end_at <= $1)
       OR ($2 AND status = 'cancelled' AND NOT EXISTS (
         SELECT 1 FROM outbox o WHERE o.booking_id = b.id AND o.sent_at IS NULL AND o.given_up_at IS NULL)))`,
    [retentionCutoff(now, rules), rules.cancelledImmediately, onlyCancelled],
  );
}

function count(rows: { rule: keyof RetentionCounts }[]): RetentionCounts {
  return {
    afterAppointment: rows.filter((row) => row.rule === 'afterAppointment').length,
    cancelled: rows.filter((row) => row.rule === 'cancelled').length,
  };
}

/** Applies every retention rule now; `dryRun` only counts. One transaction, so it is safe in several processes. */
export async function runRetention(db: Db, now: Date, rules: Retention, { dryRun = false } = {}): Promise<RetentionCounts> {
  return db.transaction(async (tx) => {
    const due = await dueForErasure(tx, now, rules, false);
    if (!dryRun) await eraseBookings(tx, due.map((row) => row.id), now);
    return count(due);
  });
}

/** Only the cancelled bookings: cheap, so housekeeping runs it every minute and "at once" means within one. */
export async function eraseCancelled(db: Db, now: Date, rules: Retention): Promise<number> {
  if (!rules.cancelledImmediately) return 0;
  return db.transaction(async (tx) => {
    const due = await dueForErasure(tx, now, rules, true);
    await eraseBookings(tx, due.map((row) => row.id), now);
    return due.length;
  });
}
