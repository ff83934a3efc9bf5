/**
 * Housekeeping that no request triggers: releasing pending bookings nobody confirmed, deleting spent holds
 * and idempotency records older than 24 hours. Runs at start and every minute; with several processes on
 * one database each runs it, which is harmless since every step is one idempotent statement.
 */
import type { Logger } from './http/access-log.js';
import { releaseUnconfirmed } from './store/bookings.js';
import type { Db } from './store/db.js';
import { deleteOldIdempotencyKeys } from './store/idempotency.js';
import { deleteExpiredHolds } from './store/reservations.js';
import { deleteExpiredSessions } from './store/staff-accounts.js';

export async function runHousekeeping(db: Db, now: Date): Promise<Record<string, number>> {
  return {
    releasedUnconfirmed: await releaseUnconfirmed(db, now),
    deletedHolds: await deleteExpiredHolds(db, now),
    deletedIdempotencyKeys: await deleteOldIdempotencyKeys(db, now),
    // Expired staff sessions already open nothing; this only keeps the table small.
    deletedStaffSessions: await deleteExpiredSessions(db, now),
  };
}

export function startHousekeeping(db: Db, now: () => Date, log: Logger, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runHousekeeping(db, now())
      .then((counts) => {
        if (Object.values(counts).some((count) => count > 0)) log({ time: new Date().toISOString(), event: 'housekeeping', ...counts });
      })
      .catch((error: unknown) => log({ time: new Date().toISOString(), event: 'housekeeping-failed', kind: (error as Error).name }));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
