/**
 * The HTTP surface: contract v1 under `/api/v1`, `/healthz` for load balancers, and problem+json for
 * everything that goes wrong, including unknown routes and methods.
 */
import { Hono } from 'hono';
import { accessLog } from './access-log.js';
import { availabilityRoutes } from './availability.js';
import { bookingRoutes } from './bookings.js';
import { cors } from './cors.js';
import type { AppDeps } from './deps.js';
import { holdRoutes } from './holds.js';
import { requestLocale } from './locale.js';
import { manageRoutes } from './manage.js';
import { problemFor, problemResponse } from './problems.js';
import { STAFF_BASE, staffRoutes } from '../staff/routes.js';

export const API_BASE = '/api/v1';

export function createApi(deps: AppDeps): Hono {
  const api = new Hono();
  api.use('*', cors([...deps.town.allowedOrigins]));
  api.use('*', async (c, next) => {
    await next();
    // Availability changes by the minute and bookings are personal: no cache may keep an answer.
    c.res.headers.set('Cache-Control', 'no-store');
  });
  api.route('/', availabilityRoutes(deps));
  api.route('/', holdRoutes(deps));
  api.route('/', bookingRoutes(deps));
  api.route('/', manageRoutes(deps));
  api.all('*', (c) => problemResponse(c, 'not_found', requestLocale(c)));
  return api;
}

/** The whole server; `extra` mounts further routers (the demo pages) beside the API. */
export function createApp(deps: AppDeps, extra?: (app: Hono) => void): Hono {
  const app = new Hono();
  app.use('*', accessLog(deps.log));
  app.get('/healthz', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ status: 'ok', database: deps.db.kind });
  });
  app.route(API_BASE, createApi(deps));
  // The Bürgerbüro's pages: their own path, the only place with cookies (docs/staff.md).
  app.route(STAFF_BASE, staffRoutes(deps));
  extra?.(app);
  app.notFound((c) => problemResponse(c, 'not_found', requestLocale(c)));
  app.onError((error, c) => {
    const { code, fieldErrors } = problemFor(error);
    if (code === 'server_error') {
      // The error's name and SQLSTATE only: messages can quote values, and values can be personal.
      deps.log({ time: new Date().toISOString(), event: 'error', kind: errorKind(error) });
    }
    return problemResponse(c, code, requestLocale(c), fieldErrors);
  });
  return app;
}

function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const sqlState = (error as { code?: unknown }).code;
    return typeof sqlState === 'string' ? `${error.name} ${sqlState}` : error.name;
  }
  return typeof error;
}
