/**
 * Idempotency of POST /bookings. The key's row is inserted first, in the booking's own transaction: a
 * repeat that arrives meanwhile blocks on the primary key until the first commits, then finds its answer.
 * Rows live 24 hours.
 */
import { createHmac } from 'node:crypto';
import type { Booking } from '../../../src/api/schemas.js';
import { DomainError } from '../domain/errors.js';
import { openToken, sealToken, sha256 } from '../domain/secrets.js';
import type { Queryable } from './db.js';

export const IDEMPOTENCY_HOURS = 24;

/** The body's fingerprint, keyed by the Idempotency-Key so that it says nothing without the key. */
function requestHash(idempotencyKey: string, body: string): Buffer {
  return createHmac('sha256', idempotencyKey).update(body).digest();
}

/** The first answer without its token, which is kept sealed apart from it. */
export type StoredAnswer = Omit<Booking, 'token'>;

export type Claim = { kind: 'new' } | { kind: 'repeat'; answer: Booking };

/**
 * Claims the key for this request, or returns the booking an earlier request with the same key and body
 * made. The same key with another body is `invalid_input`.
 */
export async function claimIdempotencyKey(tx: Queryable, key: string, body: string, now: Date): Promise<Claim> {
  const keyHash = sha256(key);
  const fingerprint = requestHash(key, body);
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000);
  // A row older than 24 hours no longer counts; the sweeper deletes it, but do not rely on its timing.
  await tx.query('DELETE FROM idempotency_keys WHERE key_hash = $1 AND created_at < $2', [keyHash, cutoff]);
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (key_hash, request_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (key_hash) DO NOTHING RETURNING 1`,
    [keyHash, fingerprint, now],
  );
  if (inserted.length > 0) return { kind: 'new' };
  const [earlier] = await tx.query<{ requestHash: Uint8Array; answer: StoredAnswer | null; sealedToken: Uint8Array | null }>(
    `SELECT request_hash AS "requestHash", answer, sealed_token AS "sealedToken"
     FROM idempotency_keys WHERE key_hash = $1`,
    [keyHash],
  );
  if (!earlier || !Buffer.from(earlier.requestHash).equals(fingerprint)) {
    throw new DomainError('invalid_input', [{ field: 'Idempotency-Key', code: 'reused' }]);
  }
  if (earlier.answer === null || earlier.sealedToken === null) {
    // Written before answers were stored, or erased: nothing to repeat.
    throw new DomainError('invalid_input', [{ field: 'Idempotency-Key', code: 'reused' }]);
  }
  return { kind: 'repeat', answer: { ...earlier.answer, token: openToken(earlier.sealedToken, key) } };
}

export async function recordIdempotentAnswer(tx: Queryable, key: string, bookingId: number, answer: Booking): Promise<void> {
  const { token, ...rest } = answer;
  await tx.query('UPDATE idempotency_keys SET booking_id = $2, sealed_token = $3, answer = $4::text::jsonb WHERE key_hash = $1', [
    sha256(key), bookingId, sealToken(token, key), JSON.stringify(rest),
  ]);
}

export async function deleteOldIdempotencyKeys(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1', [
    new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000),
  ]);
  return rows.length;
}
