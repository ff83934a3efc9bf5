/**
 * Housekeeping that no request triggers: releasing pending bookings nobody confirmed, deleting spent holds,
 * idempotency records older than 24 hours and the spent nonces of expired proof-of-work challenges, erasing
 * cancelled bookings' data once their notice is out.
 * Runs at start and every minute; the full retention rules (store/retention.ts) run at start and hourly.
 * With several processes on one database each runs them, which is harmless: every step is one idempotent
 * transaction.
 */
import type { Retention } from './config/town-schema.js';
import type { Logger } from './http/access-log.js';
import { releaseUnconfirmed } from './store/bookings.js';
import type { Db } from './store/db.js';
import { deleteOldIdempotencyKeys } from './store/idempotency.js';
import { deleteExpiredProofs } from './store/proofs.js';
import { deleteExpiredHolds } from './store/reservations.js';
import { deleteExpiredSessions } from './store/staff-accounts.js';
import { eraseCancelled, runRetention } from './store/retention.js';

export async function runHousekeeping(db: Db, now: Date, retention?: Retention): Promise<Record<string, number>> {
  return {
    erasedCancelled: retention ? await eraseCancelled(db, now, retention) : 0,
    releasedUnconfirmed: await releaseUnconfirmed(db, now),
    deletedHolds: await deleteExpiredHolds(db, now),
    deletedIdempotencyKeys: await deleteOldIdempotencyKeys(db, now),
    // Challenges expire by the wall clock (domain/proof-of-work.ts), not by the movable `now`.
    deletedProofs: await deleteExpiredProofs(db, new Date()),
    // Expired staff sessions already open nothing; this only keeps the table small.
    deletedStaffSessions: await deleteExpiredSessions(db, now),
  };
}

/** Runs `job` now and every `intervalMs`, logging its counts when any is non-zero; returns a stop function. */
function every(name: string, intervalMs: number, job: () => Promise<Record<string, number>>, log: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = job()
      .then((counts) => {
        if (Object.values(counts).some((count) => count > 0)) log({ time: new Date().toISOString(), event: name, ...counts });
      })
      .catch((error: unknown) => log({ time: new Date().toISOString(), event: `${name}-failed`, kind: (error as Error).name }));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export function startHousekeeping(db: Db, now: () => Date, log: Logger, intervalMs = 60_000, retention?: Retention): () => Promise<void> {
  return every('housekeeping', intervalMs, () => runHousekeeping(db, now(), retention), log);
}

/** The retention rules, at start and hourly; the log line holds counts only (`{"event":"retention",…}`). */
export function startRetention(db: Db, now: () => Date, rules: Retention, log: Logger, intervalMs = 3_600_000): () => Promise<void> {
  return every('retention', intervalMs, async () => ({ ...(await runRetention(db, now(), rules)) }), log);
}
