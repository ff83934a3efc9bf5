/**
 * Messages to the citizen when the office changes a booking: a staff cancellation queues the same
 * cancellation email as the citizen's own (the outbox of issue 12), in the same transaction, and drops
 * reminders not yet sent. The outbox has no free-text message, so the clerk cannot add one.
 */
import type { Queryable } from '../store/db.js';
import { deleteUnsentReminders, enqueue } from '../store/outbox.js';
import type { StaffBooking } from '../store/staff-bookings.js';

/** Whether staff cancellations reach the citizen by email; the pages tell the clerk when they do not. */
export const CANCELLATION_EMAIL_AVAILABLE = true;

export const NO_EMAIL_NOTE = 'Hinweis: Absagen werden noch nicht per E-Mail verschickt. Bitte informieren Sie die Person selbst, '
  + 'zum Beispiel telefonisch.';

export const EMAIL_NOTE = 'Die Person erhält die übliche Absage per E-Mail (ohne persönliche Nachricht). Bei Bedarf bitte zusätzlich anrufen.';

export async function notifyCancellation(tx: Queryable, booking: StaffBooking, now: Date): Promise<void> {
  await deleteUnsentReminders(tx, booking.id);
  await enqueue(tx, booking.id, [{ kind: 'cancelled', channel: 'email', dueAt: now }], now);
}
