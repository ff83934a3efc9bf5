/**
 * Which messages a change of a booking causes, and when a failed send is tried again. Pure: the store writes
 * what these functions return in the transaction of the change itself.
 */

export const MESSAGE_KINDS = ['confirm_request', 'booked', 'reminder', 'cancelled', 'rescheduled'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type Channel = 'email' | 'sms';

export interface PlannedMessage {
  kind: MessageKind;
  channel: Channel;
  dueAt: Date;
}

export interface ReminderPolicy {
  hoursBefore: number;
  /** Whether the town sends SMS reminders at all; the booking's own opt-in is asked separately. */
  smsOffered: boolean;
}

/** What the plan needs of a booking: its state after the change. */
export interface PlannedBooking {
  status: 'pending' | 'confirmed';
  start: Date;
  smsReminder: boolean;
}

/**
 * Reminders for a confirmed booking: an email, and an SMS where the town offers it and the citizen ticked it.
 * None when the reminder time has already passed: the confirmation that goes out now says the same.
 */
export function reminders(booking: PlannedBooking, policy: ReminderPolicy, now: Date): PlannedMessage[] {
  if (booking.status !== 'confirmed') return [];
  const dueAt = new Date(booking.start.getTime() - policy.hoursBefore * 3_600_000);
  if (dueAt.getTime() <= now.getTime()) return [];
  const planned: PlannedMessage[] = [{ kind: 'reminder', channel: 'email', dueAt }];
  if (policy.smsOffered && booking.smsReminder) planned.push({ kind: 'reminder', channel: 'sms', dueAt });
  return planned;
}

/** A new booking: only the request to confirm while it is pending; the confirmation and reminders otherwise. */
export function onCreate(booking: PlannedBooking, policy: ReminderPolicy, now: Date): PlannedMessage[] {
  if (booking.status === 'pending') return [{ kind: 'confirm_request', channel: 'email', dueAt: now }];
  return [{ kind: 'booked', channel: 'email', dueAt: now }, ...reminders(booking, policy, now)];
}

/** A pending booking the citizen has just confirmed. */
export function onConfirm(booking: PlannedBooking, policy: ReminderPolicy, now: Date): PlannedMessage[] {
  return [{ kind: 'booked', channel: 'email', dueAt: now }, ...reminders({ ...booking, status: 'confirmed' }, policy, now)];
}

/** A moved booking; the store deletes its unsent reminders before writing these. */
export function onReschedule(booking: PlannedBooking, policy: ReminderPolicy, now: Date): PlannedMessage[] {
  return [{ kind: 'rescheduled', channel: 'email', dueAt: now }, ...reminders(booking, policy, now)];
}

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function retryAt(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/**
 * Whether a queued message still fits the booking as it is when it is sent: no request to confirm a booking
 * that is confirmed or released, no reminder of one that was cancelled or has begun, no "booked" for one
 * cancelled before the email left.
 */
export function stillApplies(kind: MessageKind, booking: { status: string; start: Date }, now: Date): boolean {
  switch (kind) {
    case 'confirm_request':
      return booking.status === 'pending';
    case 'booked':
      return booking.status === 'confirmed';
    case 'reminder':
      return booking.status === 'confirmed' && booking.start.getTime() > now.getTime();
    case 'cancelled':
      return booking.status === 'cancelled';
    case 'rescheduled':
      return booking.status === 'pending' || booking.status === 'confirmed';
  }
}

/** The town file's reminder settings as the plan needs them. */
export function reminderPolicy(town: { rules: { reminderHoursBefore: number }; reminders: { sms: boolean } }): ReminderPolicy {
  return { hoursBefore: town.rules.reminderHoursBefore, smsOffered: town.reminders.sms };
}
