/**
 * Hundreds of malformed and hostile requests: none gets a 500 or a stack trace, every refusal is
 * problem+json with a code, the server keeps answering, and no personal datum sent reaches the log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Problem } from '../../src/api/schemas.js';
import { TestClock, startTestServer, type StartedServer } from './support/contract-targets.js';
import { testDatabaseTargets } from './support/databases.js';

const NAME = 'Zyxwvuta';
const EMAIL = 'hostile.person@example.org';
const PHONE = '0171 9876543';
const PERSONAL = [NAME, EMAIL, PHONE, 'hostile.person', '9876543'];

interface Attack {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const person = { firstName: NAME, lastName: NAME, email: EMAIL, phone: PHONE };
const hold = { locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 }], start: '2026-12-10T09:00:00+01:00' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Values that have broken servers before: injection, traversal, huge and odd numbers, odd unicode. */
const NASTY_STRINGS = [
  "' OR 1=1 --", '"; DROP TABLE bookings; --', '../../../../etc/passwd', '%00', '\u0000', '\ud800', '🦄'.repeat(50),
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'a'.repeat(5000), ' ', '', 'null', 'undefined', '-1', '1e309',
  'NaN', '__proto__', 'constructor', '\r\nSet-Cookie: x=1', EMAIL, NAME,
];
const NASTY_VALUES: unknown[] = [
  ...NASTY_STRINGS, null, true, false, 0, -1, 1.5, 1e309, Number.MAX_SAFE_INTEGER + 2, [], {}, [[[[]]]], { $gt: '' },
];

function attacks(): Attack[] {
  const list: Attack[] = [];
  const post = (path: string, body: unknown, headers: Record<string, string> = JSON_TYPE) =>
    list.push({ method: 'POST', path, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const bookingHeaders = { ...JSON_TYPE, 'Idempotency-Key': '4b0d7f8e-8f0b-4a55-9a53-3c1d2b4e5f60' };

  for (const value of NASTY_VALUES) {
    post('/api/v1/holds', { ...hold, locationId: value });
    post('/api/v1/holds', { ...hold, services: value });
    post('/api/v1/holds', { ...hold, start: value });
    post('/api/v1/holds', { ...hold, services: [{ id: value, quantity: 1 }] });
    post('/api/v1/holds', { ...hold, services: [{ id: 'personalausweis', quantity: value }] });
    post('/api/v1/bookings', { holdId: value, person, locale: 'de' }, bookingHeaders);
    post('/api/v1/bookings', { holdId: 'h_x', person: { ...person, email: value }, locale: 'de' }, bookingHeaders);
    post('/api/v1/bookings', { holdId: 'h_x', person: { ...person, birthDate: value }, locale: value }, bookingHeaders);
    post('/api/v1/bookings/lookup', { code: value, email: EMAIL });
    post('/api/v1/bookings', { holdId: 'h_x', person: { ...person, lastName: value }, notes: value, locale: 'de' }, bookingHeaders);
  }
  for (const text of NASTY_STRINGS) {
    const encoded = encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + (text === '\ud800' ? '%ED%A0%80' : '');
    list.push({ method: 'GET', path: `/api/v1/days?location=${encoded}&services=personalausweis:1&from=2026-12-01&to=2026-12-31` });
    list.push({ method: 'GET', path: `/api/v1/days?location=rathaus&services=${encoded}&from=${encoded}&to=2026-12-31` });
    list.push({ method: 'GET', path: `/api/v1/slots?location=rathaus&services=personalausweis:1&date=${encoded}` });
    list.push({ method: 'GET', path: `/api/v1/bookings/${encoded}`, headers: { Authorization: `Bearer ${encoded}` } });
    list.push({ method: 'POST', path: `/api/v1/holds/${encoded}/extend` });
    list.push({ method: 'DELETE', path: `/api/v1/holds/${encoded}` });
    list.push({ method: 'POST', path: `/api/v1/bookings/${encoded}/reschedule`, headers: { ...JSON_TYPE, Authorization: 'Bearer x' }, body: '{}' });
  }
  // Bodies that are not what they claim to be.
  for (const body of ['', '{', '{"a":', 'null', '[]', '"text"', '42', '{"person":' + '['.repeat(5000), '\uFEFF{}', 'undefined']) {
    post('/api/v1/holds', body);
    post('/api/v1/bookings', body, bookingHeaders);
  }
  list.push({ method: 'POST', path: '/api/v1/holds', headers: JSON_TYPE, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
  list.push({ method: 'POST', path: '/api/v1/holds', headers: JSON_TYPE, body: JSON.stringify({ ...hold, padding: 'x'.repeat(20_000) }) });
  list.push({ method: 'POST', path: '/api/v1/holds', headers: JSON_TYPE, body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}' });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '']) {
    post('/api/v1/holds', JSON.stringify(hold), type ? { 'Content-Type': type } : {});
  }
  // Headers out of shape.
  for (const key of ['', 'not-a-uuid', 'x'.repeat(300), "'; DROP TABLE idempotency_keys; --"]) {
    post('/api/v1/bookings', { holdId: 'h_x', person, locale: 'de' }, { ...JSON_TYPE, 'Idempotency-Key': key });
  }
  for (const authorization of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${'A'.repeat(10_000)}`, 'Bearer a.b.c']) {
    list.push({ method: 'GET', path: '/api/v1/bookings/ABC-DEF', headers: { Authorization: authorization } });
    list.push({ method: 'DELETE', path: '/api/v1/bookings/ABC-DEF', headers: { Authorization: authorization } });
  }
  list.push({ method: 'GET', path: `/api/v1/days?${'x=1&'.repeat(2000)}` });
  list.push({ method: 'GET', path: '/api/v1/days?location=rathaus&services=personalausweis:1&from=0001-01-01&to=9999-12-31' });
  list.push({ method: 'GET', path: '/api/v1/days?location=rathaus&services=personalausweis:1&from=2026-12-01&to=2027-12-31' });
  list.push({ method: 'GET', path: '/api/v1/slots?location=rathaus&services=personalausweis:1,personalausweis:1&date=2026-12-10' });
  list.push({ method: 'GET', path: '/api/v1/slots?location=rathaus&services=personalausweis:999999999999&date=2026-12-10' });
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) list.push({ method, path: '/api/v1/catalog', headers: JSON_TYPE, body: method === 'DELETE' ? undefined : '{}' });
  for (const path of ['/api/v2/catalog', '/api/v1/', '/api/v1/../../etc/passwd', '/api/v1/bookings/lookup/extra', '/%2e%2e/%2e%2e', '/api/v1/holds/%00']) {
    list.push({ method: 'GET', path });
  }
  return list;
}

for (const databaseFactory of testDatabaseTargets()) {
  describe(`hostile requests, on ${databaseFactory.name}`, () => {
    let server: StartedServer;
    before(async () => {
      server = await startTestServer(databaseFactory, new TestClock('2026-12-02T09:00:00+01:00'));
    });
    after(async () => {
      await server.running.stop();
      await server.database.dispose();
    });

    it('answer with problem+json and a 4xx, never a 500, and the server keeps answering', { timeout: 120_000 }, async () => {
      const list = attacks();
      assert.ok(list.length >= 200, `${list.length} hostile requests`);
      const failures: string[] = [];
      for (const [index, attack] of list.entries()) {
        const response = await fetch(`${server.running.url}${attack.path}`, {
          method: attack.method,
          headers: attack.headers,
          body: attack.body,
        });
        const text = await response.text();
        const label = `#${index} ${attack.method} ${attack.path.slice(0, 60)} → ${response.status}`;
        if (response.status >= 500) failures.push(label);
        else if (response.status >= 400) {
          const problem = Problem.safeParse(JSON.parse(text));
          if (!response.headers.get('content-type')?.startsWith('application/problem+json') || !problem.success) failures.push(`${label}: not problem+json`);
          else if (problem.data.status !== response.status) failures.push(`${label}: status ${problem.data.status} in the body`);
          if (/\bat\s+\S+\.(ts|js):\d+/.test(text) || text.includes(NAME) || text.includes(EMAIL)) failures.push(`${label}: echoes input or a stack`);
        }
      }
      assert.deepEqual(failures, []);
      assert.equal((await fetch(`${server.running.url}/healthz`)).status, 200);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });

    it('leaves nothing personal in the log', () => {
      const log = server.logLines.map((line) => JSON.stringify(line)).join('\n');
      assert.ok(server.logLines.length >= 200, 'one line per request');
      for (const datum of PERSONAL) assert.ok(!log.includes(datum), `the log does not contain "${datum}"`);
      assert.ok(!log.includes('DROP TABLE') && !log.includes('etc/passwd'), 'no request value reaches the log');
    });
  });
}
