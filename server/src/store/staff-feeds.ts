/** The secret URLs of the per-location calendar feeds; only each secret's SHA-256 is stored. */
import { randomBytes } from 'node:crypto';
import { sha256 } from '../domain/secrets.js';
import type { Queryable } from './db.js';

/** Makes a new secret for the location, replacing (and so disabling) the old one; returns it once. */
export async function renewFeedSecret(db: Queryable, locationId: string, now: Date): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO calendar_feeds (location_id, secret_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (location_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = EXCLUDED.created_at`,
    [locationId, sha256(secret), now],
  );
  return secret;
}

/**
 * The location whose feed `secret` opens, if any. An index lookup by hash is fine here: timing can at most
 * reveal a prefix of a SHA-256, which an attacker cannot steer towards a 256-bit secret.
 */
export async function feedLocation(db: Queryable, secret: string): Promise<string | undefined> {
  const [row] = await db.query<{ locationId: string }>('SELECT location_id AS "locationId" FROM calendar_feeds WHERE secret_hash = $1', [sha256(secret)]);
  return row?.locationId;
}

export async function feedsCreated(db: Queryable): Promise<Map<string, Date>> {
  const rows = await db.query<{ locationId: string; createdAt: Date }>('SELECT location_id AS "locationId", created_at AS "createdAt" FROM calendar_feeds');
  return new Map(rows.map((row) => [row.locationId, row.createdAt]));
}
