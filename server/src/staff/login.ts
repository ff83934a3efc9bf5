/** GET/POST /staff/login and POST /staff/logout. A wrong email and a wrong password get the same answer. */
import type { Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';
import { clientAddress } from '../http/rate-limit.js';
import { recordAudit } from '../store/staff-audit.js';
import { accountForLogin, createSession, endSession, MAX_STAFF_EMAIL_LENGTH, sessionAccount } from '../store/staff-accounts.js';
import { html } from './html.js';
import { page } from './layout.js';
import { LoginLimiter } from './login-limit.js';
import { verifyPassword, decoyHash, MAX_PASSWORD_LENGTH } from './passwords.js';
import {
  cookie, CSRF_FIELD, LOGIN_CSRF_COOKIE, newLoginCsrf, readCookie, sameToken, SESSION_COOKIE, SESSION_LIFETIME_MS, type StaffEnv,
} from './session.js';

const LOGIN_CSRF_SECONDS = 3600;

function loginPage(deps: AppDeps, csrf: string, message?: { kind: 'error' | 'success'; text: string }, email = ''): string {
  const notice = message
    ? html`<div class="notice ${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}"><p>${message.text}</p></div>`
    : '';
  return page({
    town: deps.town,
    title: message?.kind === 'error' ? 'Fehler: Anmelden' : 'Anmelden',
    section: 'login',
    body: html`${notice}<form method="post" action="/staff/login" class="login">
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
<div class="field"><label for="email">E-Mail-Adresse</label><input id="email" name="email" type="email" autocomplete="username" value="${email}" spellcheck="false"></div>
<div class="field"><label for="password">Passwort</label><input id="password" name="password" type="password" autocomplete="current-password"></div>
<button type="submit">Anmelden</button>
</form>
<p class="hint">Zugänge richtet die Administration auf dem Server ein. Passwort vergessen? Wenden Sie sich an die Administration.</p>`,
  });
}

export function loginRoutes(app: Hono<StaffEnv>, deps: AppDeps, limiter = new LoginLimiter()): void {
  const { db, now } = deps;

  app.get('/login', async (c) => {
    const sessionId = readCookie(c, SESSION_COOKIE);
    if (sessionId && (await sessionAccount(db, sessionId, now()))) return c.redirect('/staff/day', 303);
    const csrf = newLoginCsrf();
    c.header('Set-Cookie', cookie(LOGIN_CSRF_COOKIE, csrf, LOGIN_CSRF_SECONDS));
    const message = c.req.query('out') === '1' ? { kind: 'success' as const, text: 'Sie sind abgemeldet.' } : undefined;
    return c.html(loginPage(deps, csrf, message), 200);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const csrf = readCookie(c, LOGIN_CSRF_COOKIE);
    if (!sameToken(typeof form[CSRF_FIELD] === 'string' ? form[CSRF_FIELD] : undefined, csrf)) {
      return c.text('Ungültiges Formular (CSRF). Bitte laden Sie die Anmeldeseite neu.', 403);
    }
    const email = typeof form.email === 'string' ? form.email.slice(0, MAX_STAFF_EMAIL_LENGTH) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, MAX_PASSWORD_LENGTH) : '';
    const client = clientAddress(c, deps.clientIdentity);
    const wait = limiter.blocked(client, email);
    if (wait !== undefined) {
      c.header('Retry-After', String(wait));
      return c.html(loginPage(deps, csrf ?? '', {
        kind: 'error', text: `Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in ${Math.ceil(wait / 60)} Minuten wieder.`,
      }, email), 429);
    }
    const account = await accountForLogin(db, email);
    const valid = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    if (!account || !valid) {
      limiter.failed(client, email);
      return c.html(loginPage(deps, csrf ?? '', { kind: 'error', text: 'E-Mail-Adresse oder Passwort ist falsch.' }, email), 401);
    }
    const moment = now();
    const sessionId = await createSession(db, account.id, moment, SESSION_LIFETIME_MS);
    await recordAudit(db, { actor: account.email, action: 'login' }, moment);
    c.header('Set-Cookie', cookie(SESSION_COOKIE, sessionId, SESSION_LIFETIME_MS / 1000));
    c.header('Set-Cookie', cookie(LOGIN_CSRF_COOKIE, '', 0), { append: true });
    return c.redirect('/staff/day', 303);
  });
}

/** Registered behind the session and CSRF checks. */
export function logoutRoute(app: Hono<StaffEnv>, deps: AppDeps): void {
  app.post('/logout', async (c) => {
    await endSession(deps.db, c.get('sessionId'));
    await recordAudit(deps.db, { actor: c.get('staff').email, action: 'logout' }, deps.now());
    c.header('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
    return c.redirect('/staff/login?out=1', 303);
  });
}
