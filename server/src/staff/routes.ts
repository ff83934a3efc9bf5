/**
 * Everything under /staff: server-rendered pages for the Bürgerbüro. Public here are only the login, the
 * stylesheet and the secret-URL calendar feeds; every other route needs a session, and every POST a CSRF
 * token. Pages send a strict Content-Security-Policy and are never cached.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../http/deps.js';
import { DomainError } from '../domain/errors.js';
import { Forbidden, NotFound } from './access.js';
import { adminRoutes } from './admin.js';
import { bookRoutes } from './book.js';
import { bookingRoutes } from './booking.js';
import { closureRoutes } from './closures.js';
import { dayRoutes } from './day.js';
import { feedRoute } from './feed.js';
import { html } from './html.js';
import { page } from './layout.js';
import { loginRoutes, logoutRoute } from './login.js';
import type { LoginLimiter } from './login-limit.js';
import { searchRoutes } from './search.js';
import { requireCsrf, requireSession, type StaffEnv } from './session.js';
import { STAFF_CSS } from './style.js';

export const STAFF_BASE = '/staff';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function staffRoutes(deps: AppDeps, options: { loginLimiter?: LoginLimiter } = {}): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Die Anfrage ist zu groß.', 413) }));
  app.get('/staff.css', (c) => c.body(STAFF_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  loginRoutes(app, deps, options.loginLimiter);
  feedRoute(app, deps);

  const inside = new Hono<StaffEnv>();
  inside.use('*', requireSession(deps.db, deps.now), requireCsrf());
  inside.get('/', (c) => c.redirect('/staff/day', 303));
  logoutRoute(inside, deps);
  dayRoutes(inside, deps);
  bookingRoutes(inside, deps);
  searchRoutes(inside, deps);
  bookRoutes(inside, deps);
  closureRoutes(inside, deps);
  adminRoutes(inside, deps);
  app.route('/', inside);

  app.onError((error, c) => {
    const forbidden = error instanceof Forbidden;
    const notFound = error instanceof NotFound || (error instanceof DomainError && error.code === 'not_found');
    if (!forbidden && !notFound) throw error;
    const staff = c.get('staff');
    return c.html(page({
      town: deps.town,
      title: forbidden ? 'Kein Zugriff' : 'Nicht gefunden',
      section: 'none',
      staff,
      csrf: c.get('csrf'),
      body: forbidden
        ? html`<p>Dieser Standort oder Termin gehört nicht zu Ihren Standorten.</p><p><a href="/staff/day">Zur Tagesliste</a></p>`
        : html`<p>Diesen Termin oder diese Seite gibt es nicht (mehr).</p><p><a href="/staff/day">Zur Tagesliste</a></p>`,
    }), forbidden ? 403 : 404);
  });
  return app;
}
