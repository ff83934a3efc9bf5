/**
 * Staff sessions and CSRF protection.
 *
 * The session cookie is `__Host-tb-staff`: HttpOnly, Secure, SameSite=Strict, Path=/, 8 hours. It is
 * Secure on localhost too: browsers refuse a `__Host-` cookie without Secure, and treat http://localhost
 * and http://127.0.0.1 as secure contexts that may set one (tested in Chromium,
 * test/staff/security.test.ts). Everywhere else staff pages need HTTPS, which is right for personal data.
 *
 * CSRF: every form carries a token. With a session it is an HMAC of the session id (nothing to store, and
 * useless without the HttpOnly cookie); the login form, before any session, uses a double-submit cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { StaffAccount } from '../store/staff-accounts.js';
import { sessionAccount } from '../store/staff-accounts.js';
import type { Db } from '../store/db.js';

export const SESSION_COOKIE = '__Host-tb-staff';
export const LOGIN_CSRF_COOKIE = '__Host-tb-login';
export const SESSION_LIFETIME_MS = 8 * 3_600_000;
export const CSRF_FIELD = 'csrf';

export interface StaffEnv {
  Variables: { staff: StaffAccount; sessionId: string; csrf: string };
}

export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
}

export function readCookie(c: Context, name: string): string | undefined {
  for (const part of (c.req.header('Cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function csrfForSession(sessionId: string): string {
  return createHash('sha256').update(`termin-buchen staff csrf\n${sessionId}`).digest('base64url');
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newLoginCsrf(): string {
  return randomBytes(24).toString('base64url');
}

/** Sends who is not logged in to the login page; pages and exports alike answer nothing else. */
export function requireSession(db: Db, now: () => Date): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const sessionId = readCookie(c, SESSION_COOKIE);
    const staff = sessionId && /^[A-Za-z0-9_-]{43}$/.test(sessionId) ? await sessionAccount(db, sessionId, now()) : undefined;
    if (!sessionId || !staff) {
      if (c.req.method !== 'GET') return c.text('Nicht angemeldet.', 401);
      return c.redirect('/staff/login', 303);
    }
    c.set('staff', staff);
    c.set('sessionId', sessionId);
    c.set('csrf', csrfForSession(sessionId));
    await next();
  };
}

/** Refuses every POST whose form does not carry the session's CSRF token (403). */
export function requireCsrf(): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      const sent = form[CSRF_FIELD];
      if (typeof sent !== 'string' || !sameToken(sent, c.get('csrf'))) return c.text('Ungültiges Formular (CSRF). Bitte laden Sie die Seite neu.', 403);
    }
    await next();
  };
}
