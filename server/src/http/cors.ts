/**
 * CORS exactly as docs/backend.md asks: the allowed Origin echoed on every answer (errors included) with
 * `Vary: Origin`, a 204 preflight, no credentials. Set after the handler ran, so error answers get it too.
 */
import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET, POST, PATCH, DELETE';
const ALLOW_HEADERS = 'Content-Type, Accept-Language, Authorization, Idempotency-Key';

export function cors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const allowedOrigin = origin !== undefined && allowed.has(origin) ? origin : undefined;
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
      const headers: Record<string, string> = { Vary: 'Origin', 'Cache-Control': 'no-store' };
      if (allowedOrigin) {
        Object.assign(headers, {
          'Access-Control-Allow-Origin': allowedOrigin,
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
        });
      }
      return c.body(null, 204, headers);
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowedOrigin) c.res.headers.set('Access-Control-Allow-Origin', allowedOrigin);
  };
}
