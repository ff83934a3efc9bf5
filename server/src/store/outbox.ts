/**
 * The outbox: messages written in the transaction of the change that causes them, then claimed, sent and
 * closed by a sender in any server process. A claim is a short statement of its own, committed before the
 * sending starts, so no transaction stays open while a mail server is talking (on PGlite, with its single
 * connection, that would stall every request).
 */
import type { Lang } from '../../../src/i18n/messages.js';
import { retryAt, type Channel, type MessageKind, type PlannedMessage } from '../domain/outbox-plan.js';
import type { Queryable } from './db.js';
import type { PersonalData } from './bookings.js';

export async function enqueue(tx: Queryable, bookingId: number, planned: readonly PlannedMessage[], now: Date): Promise<void> {
  for (const message of planned) {
    await tx.query(
      'INSERT INTO outbox (booking_id, kind, channel, due_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [bookingId, message.kind, message.channel, message.dueAt, now],
    );
  }
}

/** Reminders of the booking that have not gone out yet (cancelled or moved: they would be wrong now). */
export async function deleteUnsentReminders(tx: Queryable, bookingId: number): Promise<void> {
  await tx.query(
    `DELETE FROM outbox WHERE booking_id = $1 AND kind = 'reminder' AND sent_at IS NULL AND given_up_at IS NULL`,
    [bookingId],
  );
}

export interface ClaimedMessage {
  id: number;
  bookingId: number;
  kind: MessageKind;
  channel: Channel;
  /** Including this one. */
  attempts: number;
}

/**
 * Takes up to `limit` due messages for this sender until `now + leaseMs`. `SKIP LOCKED` lets several processes
 * claim at once without waiting for or taking each other's rows; the lease keeps a claimed row from being
 * claimed again while it is being sent, and frees it when the process that claimed it died.
 */
export async function claimDue(db: Queryable, now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
  return db.query<ClaimedMessage>(
    `UPDATE outbox SET locked_until = $2, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox
       WHERE sent_at IS NULL AND given_up_at IS NULL AND due_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
       ORDER BY due_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id, booking_id AS "bookingId", kind, channel, attempts`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
}

export async function markSent(db: Queryable, id: number, now: Date): Promise<void> {
  await db.query('UPDATE outbox SET sent_at = $2, locked_until = NULL WHERE id = $1', [id, now]);
}

/** Closes the message unsent; `reason` is a kind of failure, never a message text. */
export async function markGivenUp(db: Queryable, id: number, reason: string, now: Date): Promise<void> {
  await db.query('UPDATE outbox SET given_up_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1', [id, now, reason]);
}

/** Schedules the next attempt after a failure, or gives up after the last; returns whether it gave up. */
export async function markFailed(db: Queryable, message: ClaimedMessage, reason: string, now: Date): Promise<boolean> {
  const next = retryAt(message.attempts, now);
  if (next === null) {
    await markGivenUp(db, message.id, reason, now);
    return true;
  }
  await db.query('UPDATE outbox SET due_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1', [message.id, next, reason]);
  return false;
}

/** Everything a message is rendered from, read when it is sent. `person` is null once erased. */
export interface MessageSource {
  id: number;
  code: string;
  status: 'pending' | 'confirmed' | 'cancelled' | 'released';
  locationId: string;
  services: { id: string; quantity: number }[];
  start: Date;
  end: Date;
  locale: Lang;
  confirmBy: Date | null;
  smsReminder: boolean;
  person: PersonalData | null;
}

export async function messageSource(db: Queryable, bookingId: number): Promise<MessageSource | undefined> {
  const [row] = await db.query<MessageSource>(
    `SELECT id, code, status, location_id AS "locationId", services, start_at AS start, end_at AS "end", locale,
       confirm_by AS "confirmBy", sms_reminder AS "smsReminder", person
     FROM bookings WHERE id = $1`,
    [bookingId],
  );
  return row;
}
