/** Staff accounts and their sessions. Session ids are stored only as SHA-256 hashes. */
import { randomBytes } from 'node:crypto';
import { sha256 } from '../domain/secrets.js';
import type { Queryable } from './db.js';

export type StaffRole = 'admin' | 'clerk';

export interface StaffAccount {
  id: number;
  email: string;
  role: StaffRole;
  /** A clerk's locations; empty for admins, who see every location. */
  locations: string[];
}

const ACCOUNT_COLUMNS = 'id::int AS id, email, role, locations';

/** The login form reads no more of the address than this (staff/login.ts), so no account may have a longer one. */
export const MAX_STAFF_EMAIL_LENGTH = 200;

export function normalizeStaffEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Adds an account; `false` when the email already has one. */
export async function addStaffAccount(
  db: Queryable,
  account: { email: string; role: StaffRole; locations: readonly string[]; passwordHash: string },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO staff_accounts (email, role, locations, password_hash, created_at) VALUES ($1, $2, $3::text[], $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING 1`,
    [normalizeStaffEmail(account.email), account.role, account.role === 'admin' ? [] : [...account.locations], account.passwordHash, now],
  );
  return rows.length > 0;
}

export async function listStaffAccounts(db: Queryable): Promise<StaffAccount[]> {
  return db.query<StaffAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY email`);
}

/** Removes the account and, through the foreign key, its sessions. */
export async function removeStaffAccount(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM staff_accounts WHERE email = $1 RETURNING 1', [normalizeStaffEmail(email)]);
  return rows.length > 0;
}

/** Sets a new password and ends every session of the account, so that a leaked session dies with the old password. */
export async function setStaffPassword(db: Queryable, email: string, passwordHash: string): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    'UPDATE staff_accounts SET password_hash = $2 WHERE email = $1 RETURNING id::int AS id',
    [normalizeStaffEmail(email), passwordHash],
  );
  if (rows.length === 0) return false;
  await db.query('DELETE FROM staff_sessions WHERE account_id = $1', [rows[0].id]);
  return true;
}

export async function accountForLogin(db: Queryable, email: string): Promise<(StaffAccount & { passwordHash: string }) | undefined> {
  const [row] = await db.query<StaffAccount & { passwordHash: string }>(
    `SELECT ${ACCOUNT_COLUMNS}, password_hash AS "passwordHash" FROM staff_accounts WHERE email = $1`,
    [normalizeStaffEmail(email)],
  );
  return row;
}

/** Starts a session; returns the id for the cookie, which is stored nowhere else. */
export async function createSession(db: Queryable, accountId: number, now: Date, lifetimeMs: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.query(
    'INSERT INTO staff_sessions (id_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [sha256(id), accountId, now, new Date(now.getTime() + lifetimeMs)],
  );
  return id;
}

export async function sessionAccount(db: Queryable, sessionId: string, now: Date): Promise<StaffAccount | undefined> {
  const [row] = await db.query<StaffAccount>(
    `SELECT a.id::int AS id, a.email, a.role, a.locations FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id
     WHERE s.id_hash = $1 AND s.expires_at > $2`,
    [sha256(sessionId), now],
  );
  return row;
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE id_hash = $1', [sha256(sessionId)]);
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  return (await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1 RETURNING 1', [now])).length;
}
