/**
 * The staff side's promises about access: no page or export without a session, a clerk only at their own
 * locations, CSRF on every POST, the cookie's flags, the login limit, logout and the 8-hour end, and no
 * cookie anywhere on the citizens' API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holdAndBook } from '../support/booking-client.js';
import { startTestServer, TestClock, type StartedServer } from '../support/contract-targets.js';
import { testDatabaseTargets } from '../support/databases.js';
import { readAudit } from '../../src/store/staff-audit.js';
import { addAccount, PASSWORD, StaffClient } from './support.js';

const MONDAY_MORNING = '2030-03-04T06:00:00Z';

for (const database of testDatabaseTargets()) {
  describe(`staff access on ${database.name}`, () => {
    const clock = new TestClock(MONDAY_MORNING);
    let server: StartedServer;
    let base: string;
    let nordBookingId: number;

    before(async () => {
      server = await startTestServer(database, clock);
      base = server.running.url;
      await addAccount(server.running.db, 'clerk@musterstadt.example', 'clerk', ['rathaus']);
      await addAccount(server.running.db, 'admin@musterstadt.example', 'admin');
      const booked = await holdAndBook(base, 'nord', '2030-03-05T08:00:00+01:00', 'nord@example.org');
      assert.ok(booked);
      const [row] = await server.running.db.query<{ id: number }>('SELECT id::int AS id FROM bookings WHERE code = $1', [booked.code]);
      nordBookingId = row.id;
    });
    after(async () => {
      await server?.running.stop();
      await server?.database.dispose();
    });

    it('answers no page or export without a session', async () => {
      const anonymous = new StaffClient(base);
      for (const path of ['/staff', '/staff/day', '/staff/print', '/staff/day.csv', '/staff/search?q=a', '/staff/book', '/staff/closures',
        '/staff/audit', '/staff/feeds', `/staff/bookings/${nordBookingId}`, '/staff/nothing-here']) {
        const response = await anonymous.get(path);
        assert.equal(response.status, 303, path);
        assert.equal(response.headers.get('Location'), '/staff/login', path);
        assert.doesNotMatch(await response.text(), /nord@example|Test Person/, path);
      }
      const post = await anonymous.post(`/staff/bookings/${nordBookingId}/cancel`, { csrf: 'x' });
      assert.equal(post.status, 401);
      const feed = await anonymous.get(`/staff/feed/${'A'.repeat(43)}.ics`);
      assert.equal(feed.status, 404);
    });

    it('sets the session cookie with __Host-, HttpOnly, Secure, SameSite=Strict and 8 hours', async () => {
      const client = new StaffClient(base);
      const login = await client.login('CLERK@musterstadt.example ');
      assert.equal(login.status, 303);
      const cookie = login.headers.getSetCookie().find((line) => line.startsWith('__Host-tb-staff='));
      assert.ok(cookie);
      assert.match(cookie, /; Path=\/;/);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /; SameSite=Strict/);
      assert.match(cookie, /; Max-Age=28800/);
      assert.doesNotMatch(cookie, /Domain=/i);
      const page = await client.get('/staff/day');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('Cache-Control'), 'no-store');
      assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
    });

    it('keeps a clerk to their own locations (403)', async () => {
      const client = new StaffClient(base);
      await client.login('clerk@musterstadt.example');
      assert.equal((await client.get('/staff/day?location=rathaus')).status, 200);
      for (const path of ['/staff/day?location=nord', '/staff/print?location=nord', '/staff/day.csv?location=nord', `/staff/bookings/${nordBookingId}`,
        '/staff/closures?location=nord', '/staff/book?location=nord', '/staff/audit', '/staff/feeds']) {
        assert.equal((await client.get(path)).status, 403, path);
      }
      const csrf = await client.csrf();
      for (const action of ['arrived', 'missed', 'undo', 'cancel']) {
        assert.equal((await client.post(`/staff/bookings/${nordBookingId}/${action}`, { csrf })).status, 403, action);
      }
      assert.equal((await client.post('/staff/closures', { csrf, location: 'nord', from: '2030-03-05' })).status, 403);
      const search = await (await client.get('/staff/search?q=Person')).text();
      assert.doesNotMatch(search, /nord@example/, 'search finds nothing at other locations');
      const [row] = await server.running.db.query<{ status: string; attendance: string | null }>(
        'SELECT status, attendance FROM bookings WHERE id = $1', [nordBookingId]);
      assert.deepEqual({ ...row }, { status: 'pending', attendance: null }, 'nothing changed');
    });

    it('refuses a POST without a valid CSRF token (403)', async () => {
      const client = new StaffClient(base);
      await client.login('admin@musterstadt.example');
      assert.equal((await client.post(`/staff/bookings/${nordBookingId}/arrived`, {})).status, 403);
      assert.equal((await client.post(`/staff/bookings/${nordBookingId}/arrived`, { csrf: 'forged' })).status, 403);
      assert.equal((await client.post('/staff/logout', {})).status, 403);
      const other = new StaffClient(base);
      await other.login('clerk@musterstadt.example');
      assert.equal((await client.post(`/staff/bookings/${nordBookingId}/arrived`, { csrf: await other.csrf() })).status, 403,
        'another session\'s token is no good');
      const anonymous = new StaffClient(base);
      assert.equal((await anonymous.post('/staff/login', { email: 'admin@musterstadt.example', password: PASSWORD })).status, 403,
        'the login form needs its token too');
    });

    it('ends the session at logout and after 8 hours', async () => {
      const client = new StaffClient(base);
      await client.login('clerk@musterstadt.example');
      const kept = new Map(client.cookies);
      const logout = await client.post('/staff/logout', { csrf: await client.csrf() });
      assert.equal(logout.status, 303);
      assert.match(logout.headers.getSetCookie().join('\n'), /__Host-tb-staff=; Path=\/; Max-Age=0/);
      client.cookies = kept;
      assert.equal((await client.get('/staff/day')).status, 303, 'the old cookie opens nothing after logout');

      const later = new StaffClient(base);
      await later.login('clerk@musterstadt.example');
      assert.equal((await later.get('/staff/day')).status, 200);
      clock.advance(8 * 3_600_000 - 1000);
      assert.equal((await later.get('/staff/day')).status, 200);
      clock.advance(2000);
      assert.equal((await later.get('/staff/day')).status, 303);
      clock.set(MONDAY_MORNING);
    });

    it('never sets a cookie on the citizens\' API', async () => {
      const responses = [
        await fetch(`${base}/api/v1/catalog`),
        await fetch(`${base}/api/v1/slots?location=rathaus&services=personalausweis:1&date=2030-03-05`),
        await fetch(`${base}/api/v1/days?location=rathaus&services=personalausweis:1&from=2030-03-04&to=2030-03-31`),
        await fetch(`${base}/api/v1/holds`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
        await fetch(`${base}/api/v1/bookings/ABC-DEF`),
        await fetch(`${base}/api/v1/nothing`),
        await fetch(`${base}/healthz`),
      ];
      for (const response of responses) assert.deepEqual(response.headers.getSetCookie(), [], response.url);
    });

    it('records logins and the refused clerk saw nothing', async () => {
      const entries = await readAudit(server.running.db, {});
      assert.ok(entries.some((entry) => entry.action === 'login' && entry.actor === 'clerk@musterstadt.example'));
      assert.ok(!entries.some((entry) => entry.actor === 'clerk@musterstadt.example' && entry.bookingId === nordBookingId));
      await assert.rejects(server.running.db.query('DELETE FROM staff_audit'), /append-only/);
      await assert.rejects(server.running.db.query(`UPDATE staff_audit SET actor = 'x'`), /append-only/);
    });

    it('answers a wrong email exactly like a wrong password, and limits after 10 failures (last: it locks this client out)', async () => {
      const client = new StaffClient(base);
      const unknown = await client.login('nobody@musterstadt.example', PASSWORD);
      const wrong = await client.login('admin@musterstadt.example', 'falsches-passwort');
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      const text = (body: string) => body.replace(/value="[^"]*"/g, '');
      assert.equal(text(await unknown.text()), text(await wrong.text()));
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 20; attempt++) statuses.push((await client.login('admin@musterstadt.example', `falsch-${attempt}`)).status);
      assert.ok(statuses.includes(429), `20 wrong passwords end in 429, got ${statuses.join(' ')}`);
      const right = await client.login('admin@musterstadt.example', PASSWORD);
      assert.equal(right.status, 429, 'even the right password waits, or guessing would go on');
      assert.ok(Number(right.headers.get('Retry-After')) > 0);
    });
  });
}
