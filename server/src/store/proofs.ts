/** The shared key behind proof-of-work challenges, and the challenges already spent on a hold. */
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';

/**
 * The random key called `name`, made on first use. Two processes asking at once both insert; the primary
 * key keeps the first, and both read it back.
 */
export async function serverKey(db: Queryable, name: string): Promise<Buffer> {
  await db.query('INSERT INTO server_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32)]);
  const [row] = await db.query<{ secret: Uint8Array }>('SELECT secret FROM server_keys WHERE name = $1', [name]);
  return Buffer.from(row.secret);
}

/** Records the challenge's nonce as spent; false when it already was (a replay). Atomic across processes. */
export async function spendProof(db: Queryable, nonce: string, expiresAt: Date): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO used_proofs (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING 1',
    [nonce, expiresAt],
  );
  return rows.length > 0;
}

/** Gives a spent nonce back: the hold it was spent on was refused, so the citizen may try another time with it. */
export async function unspendProof(db: Queryable, nonce: string): Promise<void> {
  await db.query('DELETE FROM used_proofs WHERE nonce = $1', [nonce]);
}

/** Spent nonces of expired challenges: no server accepts those anyway. */
export async function deleteExpiredProofs(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query('DELETE FROM used_proofs WHERE expires_at < $1 RETURNING 1', [now]);
  return rows.length;
}
