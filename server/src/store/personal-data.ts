/**
 * The citizen's own rights on their booking, through the manage link: reading everything held about them
 * (Art. 15/20 GDPR) and correcting their details (Art. 16). Erasure (Art. 17) is in store/retention.ts.
 */
import { DomainError } from '../domain/errors.js';
import { emailKey } from '../domain/secrets.js';
import type { Db } from './db.js';
import { authorizedBooking, assertLive, type PersonalData, type StoredBooking } from './bookings.js';
import { enqueue } from './outbox.js';

export interface HeldData {
  booking: StoredBooking;
  person: PersonalData;
  createdAt: Date;
  cancelledAt: Date | null;
}

/** Everything personal the database holds for the booking behind the manage link; `gone` once erased. */
export async function heldData(db: Db, code: string, token: string): Promise<HeldData> {
  return db.transaction(async (tx) => {
    const booking = await authorizedBooking(tx, code, token);
    const [row] = await tx.query<{ person: PersonalData | null; createdAt: Date; cancelledAt: Date | null }>(
      'SELECT person, created_at AS "createdAt", cancelled_at AS "cancelledAt" FROM bookings WHERE id = $1',
      [booking.id],
    );
    if (!row?.person) throw new DomainError('gone');
    return { booking, person: row.person, createdAt: row.createdAt, cancelledAt: row.cancelledAt };
  });
}

/**
 * Replaces the citizen's details (notes stay: they are not contact details). A new email address gets the
 * confirmation again, so that the citizen sees the change reached the office and the new address works.
 */
export async function updatePerson(db: Db, code: string, token: string, person: Omit<PersonalData, 'notes'>, now: Date): Promise<StoredBooking> {
  return db.transaction(async (tx) => {
    const booking = await authorizedBooking(tx, code, token, true);
    assertLive(booking);
    const [before] = await tx.query<{ emailKey: string | null }>('SELECT email_key AS "emailKey" FROM bookings WHERE id = $1', [booking.id]);
    const newKey = emailKey(person.email);
    await tx.query(
      `UPDATE bookings SET person = jsonb_strip_nulls($2::text::jsonb || jsonb_build_object('notes', person->'notes')), email_key = $3
       WHERE id = $1`,
      [booking.id, JSON.stringify(person), newKey],
    );
    // The reminders already queued are rendered at send time, so they reach the new address by themselves.
    if (before?.emailKey !== newKey && booking.status === 'confirmed') {
      await enqueue(tx, booking.id, [{ kind: 'booked', channel: 'email', dueAt: now }], now);
    }
    return booking;
  });
}
