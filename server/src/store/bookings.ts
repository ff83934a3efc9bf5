/**
 * Bookings: made from a hold, found by code and token or by code and email, confirmed, cancelled, moved
 * and released. Each operation is one transaction; personal data goes only into `bookings.person`.
 */
import type { Locale, Person } from '../../../src/api/schemas.js';
import { DomainError } from '../domain/errors.js';
import { codeKey, emailKey, newBookingCode, newToken, sha256, tokenMatches } from '../domain/secrets.js';
import { onConfirm, onCreate, onReschedule, type ReminderPolicy } from '../domain/outbox-plan.js';
import type { BookingFacts } from '../domain/wire.js';
import { hasSqlState, SqlState, withSavepoint, type Db, type Queryable } from './db.js';
import { deleteUnsentReminders, enqueue } from './outbox.js';
import { attachHoldToBooking, freeBookingReservation, takeLiveHold } from './reservations.js';
import { eraseBookings } from './retention.js';

export type StoredStatus = 'pending' | 'confirmed' | 'cancelled' | 'released';

export interface StoredBooking extends Omit<BookingFacts, 'status'> {
  id: number;
  status: StoredStatus;
  locale: Locale;
  /** The citizen ticked "Erinnerung per SMS". */
  smsReminder: boolean;
}

const BOOKING_COLUMNS = `id, code, status, location_id AS "locationId", services, start_at AS start, end_at AS "end", locale,
  sms_reminder AS "smsReminder", confirm_by AS "confirmBy"`;

/** Everything the citizen entered: stored together in one column, so that erasing it is one statement. */
export interface PersonalData extends Person {
  notes?: string;
}

export interface NewBooking {
  holdId: string;
  person: PersonalData;
  locale: Locale;
  /** When the held location wants double opt-in: the deadline by which the booking must be confirmed. */
  confirmBy: (hold: { locationId: string; start: Date }) => Date | null;
  maxActivePerEmail: number;
  /** The citizen asked for an SMS reminder (sent only where `reminders.smsOffered`). */
  smsReminder: boolean;
  reminders: ReminderPolicy;
}

/** A booking made in the transaction `tx`, with its fresh token. */
export interface MadeBooking {
  booking: StoredBooking;
  token: string;
}

async function insertWithFreshCode(tx: Queryable, values: unknown[]): Promise<StoredBooking> {
  for (;;) {
    const code = newBookingCode();
    try {
      const [row] = await withSavepoint(tx, () => tx.query<StoredBooking>(
        `INSERT INTO bookings (code, code_key, status, location_id, services, start_at, end_at, locale, person,
           email_key, created_at, confirm_by, confirmed_at, sms_reminder)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9::text::jsonb, $10, $11, $12, $13, $14)
         RETURNING ${BOOKING_COLUMNS}`,
        [code, codeKey(code), ...values],
      ));
      return row;
    } catch (error) {
      if (!hasSqlState(error, SqlState.uniqueViolation)) throw error;
    }
  }
}

export async function addToken(tx: Queryable, bookingId: number, now: Date): Promise<string> {
  const token = newToken();
  await tx.query('INSERT INTO booking_tokens (token_hash, booking_id, created_at) VALUES ($1, $2, $3)', [sha256(token), bookingId, now]);
  return token;
}

/**
 * Consumes the hold and makes the booking, inside the caller's transaction. The per-email limit is
 * counted under an advisory lock on the address, so two racing requests cannot both pass it.
 */
export async function createBooking(tx: Queryable, request: NewBooking, now: Date): Promise<MadeBooking> {
  const email = emailKey(request.person.email);
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('termin-buchen email ' || $1))`, [email]);
  const hold = await takeLiveHold(tx, request.holdId, now);
  const [{ active }] = await tx.query<{ active: number }>(
    `SELECT count(*) AS active FROM bookings WHERE email_key = $1 AND status IN ('pending', 'confirmed') AND end_at > $2`,
    [email, now],
  );
  if (active >= request.maxActivePerEmail) throw new DomainError('limit_reached');
  const confirmBy = request.confirmBy(hold);
  const pending = confirmBy !== null;
  const booking = await insertWithFreshCode(tx, [
    pending ? 'pending' : 'confirmed', hold.locationId, JSON.stringify(hold.services), hold.start, hold.end,
    request.locale, JSON.stringify(request.person), email, now, confirmBy, pending ? null : now,
    request.reminders.smsOffered && request.smsReminder,
  ]);
  await attachHoldToBooking(tx, hold.id, booking.id);
  await enqueue(tx, booking.id, onCreate({ ...booking, status: pending ? 'pending' : 'confirmed' }, request.reminders, now), now);
  return { booking, token: await addToken(tx, booking.id, now) };
}

/**
 * The booking behind a manage link. An unknown code and a wrong token both answer `unauthorized`, so
 * that codes cannot be probed; a cancelled or released booking with the right token is `not_found`.
 * A booking whose personal data is erased has no tokens left and answers `gone` to any token: the link
 * in the citizen's email then says the booking is over. That tells a prober only that a code was used
 * once, with nothing personal attached (docs/privacy.md).
 * `forUpdate` locks the row for the rest of the transaction.
 */
export async function authorizedBooking(tx: Queryable, code: string, token: string, forUpdate = false): Promise<StoredBooking> {
  const [booking] = await tx.query<StoredBooking & { erased: boolean }>(
    `SELECT ${BOOKING_COLUMNS}, erased_at IS NOT NULL AS erased FROM bookings WHERE code_key = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [codeKey(code)],
  );
  if (booking?.erased) throw new DomainError('gone');
  const hashes = booking
    ? await tx.query<{ hash: Uint8Array }>('SELECT token_hash AS hash FROM booking_tokens WHERE booking_id = $1', [booking.id])
    : [];
  if (!booking || !tokenMatches(token, hashes.map((row) => row.hash))) throw new DomainError('unauthorized');
  const { erased: _erased, ...live } = booking;
  return live;
}

export function assertLive(booking: StoredBooking): void {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') throw new DomainError('not_found');
}

/** Code and email as the citizen typed them; a wrong email answers exactly like an unknown code. */
export async function lookupBooking(db: Db, code: string, email: string, now: Date): Promise<MadeBooking> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<StoredBooking & { emailKey: string | null }>(
      `SELECT ${BOOKING_COLUMNS}, email_key AS "emailKey" FROM bookings
       WHERE code_key = $1 AND status IN ('pending', 'confirmed')`,
      [codeKey(code)],
    );
    if (!row || row.emailKey !== emailKey(email)) throw new DomainError('not_found');
    const { emailKey: _emailKey, ...booking } = row;
    return { booking, token: await addToken(tx, booking.id, now) };
  });
}

export async function confirmBooking(db: Db, code: string, token: string, now: Date, reminders: ReminderPolicy): Promise<StoredBooking> {
  return db.transaction(async (tx) => {
    const booking = await authorizedBooking(tx, code, token, true);
    assertLive(booking);
    if (booking.status === 'confirmed') return booking;
    const [confirmed] = await tx.query<StoredBooking>(
      `UPDATE bookings SET status = 'confirmed', confirmed_at = $2, confirm_by = NULL WHERE id = $1 RETURNING ${BOOKING_COLUMNS}`,
      [booking.id, now],
    );
    await enqueue(tx, booking.id, onConfirm({ ...confirmed, status: 'confirmed' }, reminders, now), now);
    return confirmed;
  });
}

function assertChangeable(booking: StoredBooking, now: Date, deadlineHours: number): void {
  if (booking.start.getTime() - now.getTime() < deadlineHours * 3_600_000) throw new DomainError('too_late');
}

/**
 * Cancels and frees the counter at once; cancelling a cancelled booking again is fine. With `erase`, the
 * personal data goes in the same transaction (Art. 17), and with it the cancellation notice, which could
 * no longer be addressed: the citizen is looking at the widget's confirmation instead.
 */
export async function cancelBooking(db: Db, code: string, token: string, now: Date, deadlineHours: number, erase = false): Promise<void> {
  await db.transaction(async (tx) => {
    const booking = await authorizedBooking(tx, code, token, true);
    if (booking.status !== 'cancelled') {
      assertLive(booking);
      assertChangeable(booking, now, deadlineHours);
      await tx.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [booking.id, now]);
      await freeBookingReservation(tx, booking.id);
      await deleteUnsentReminders(tx, booking.id);
      await enqueue(tx, booking.id, [{ kind: 'cancelled', channel: 'email', dueAt: now }], now);
    }
    if (erase) await eraseBookings(tx, [booking.id], now);
  });
}

/**
 * Moves the booking onto a held slot in one transaction: the old time is freed and the hold's
 * counter-time becomes the booking's. Code, token and status stay.
 */
export async function rescheduleBooking(
  db: Db,
  code: string,
  token: string,
  holdId: string,
  now: Date,
  deadlineHours: number,
  reminders: ReminderPolicy,
): Promise<StoredBooking> {
  return db.transaction(async (tx) => {
    const booking = await authorizedBooking(tx, code, token, true);
    assertLive(booking);
    assertChangeable(booking, now, deadlineHours);
    const hold = await takeLiveHold(tx, holdId, now);
    await freeBookingReservation(tx, booking.id);
    await attachHoldToBooking(tx, hold.id, booking.id);
    const [moved] = await tx.query<StoredBooking>(
      `UPDATE bookings SET location_id = $2, services = $3::text::jsonb, start_at = $4, end_at = $5 WHERE id = $1
       RETURNING ${BOOKING_COLUMNS}`,
      [booking.id, hold.locationId, JSON.stringify(hold.services), hold.start, hold.end],
    );
    await deleteUnsentReminders(tx, booking.id);
    if (moved.status === 'pending' || moved.status === 'confirmed') {
      await enqueue(tx, booking.id, onReschedule({ ...moved, status: moved.status }, reminders, now), now);
    }
    return moved;
  });
}

/**
 * Releases pending bookings whose confirmation deadline passed: the counter is freed and the personal
 * data erased (store/retention.ts), since the citizen never confirmed wanting the appointment.
 */
export async function releaseUnconfirmed(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const released = await tx.query<{ id: number }>(
      `UPDATE bookings SET status = 'released' WHERE status = 'pending' AND confirm_by <= $1 RETURNING id`,
      [now],
    );
    if (released.length > 0) {
      const ids = released.map((row) => row.id);
      await tx.query('DELETE FROM reservations WHERE booking_id = ANY($1::bigint[])', [ids]);
      await eraseBookings(tx, ids, now);
    }
    return released.length;
  });
}
