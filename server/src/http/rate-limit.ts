/**
 * A per-client rate limit that stores no IP address: clients are told apart by an HMAC of their address
 * under a key that exists only in this process's memory and changes at every start, and counters live
 * for one short window. Several server processes each count on their own.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { requestLocale } from './locale.js';
import { problemResponse } from './problems.js';

export interface RateLimit {
  /** Requests allowed per client and window. */
  limit: number;
  windowSeconds: number;
}

export interface ClientIdentity {
  /** Take the client address from the last X-Forwarded-For hop (behind a trusted reverse proxy). */
  trustProxy: boolean;
}

const secret = randomBytes(32);

export function clientAddress(c: Context, { trustProxy }: ClientIdentity): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').map((hop) => hop.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function rateLimit(name: string, { limit, windowSeconds }: RateLimit, identity: ClientIdentity): MiddlewareHandler {
  let windowStarted = Date.now();
  let counts = new Map<string, number>();
  return async (c, next) => {
    const now = Date.now();
    if (now - windowStarted >= windowSeconds * 1000) {
      windowStarted = now;
      counts = new Map();
    }
    const client = createHmac('sha256', secret).update(`${name}\n${clientAddress(c, identity)}`).digest('base64url');
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStarted + windowSeconds * 1000 - now) / 1000));
      return problemResponse(c, 'rate_limited', requestLocale(c), undefined, retryAfter);
    }
    await next();
  };
}
