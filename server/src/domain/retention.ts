/**
 * When a booking's personal data is erased (town file `retention`, docs/privacy.md). Pure: the store's
 * retention query (store/retention.ts) selects by the same rule, and the answers of GET …/data and the
 * booking's `erasesAt` announce it with this function, so what the citizen is told is what happens.
 */
import type { Retention } from '../config/town-schema.js';

const DAY_MS = 86_400_000;

export interface RetentionFacts {
  status: 'pending' | 'confirmed' | 'cancelled' | 'released';
  end: Date;
  cancelledAt?: Date | null;
}

/**
 * The instant from which the data may be erased. A cancelled booking's, with `cancelledImmediately`, at
 * its cancellation (the job waits only for the cancellation notice to be sent, which needs the address);
 * every other's `afterAppointmentDays` after the appointment ended. Pending bookings nobody confirms are
 * erased earlier, when they are released (store/bookings.ts `releaseUnconfirmed`).
 */
export function erasureDue(facts: RetentionFacts, rules: Retention): Date {
  if (facts.status === 'cancelled' && rules.cancelledImmediately && facts.cancelledAt) return facts.cancelledAt;
  return new Date(facts.end.getTime() + rules.afterAppointmentDays * DAY_MS);
}

export function retentionCutoff(now: Date, rules: Retention): Date {
  return new Date(now.getTime() - rules.afterAppointmentDays * DAY_MS);
}
