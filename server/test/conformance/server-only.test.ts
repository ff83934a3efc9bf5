/**
 * The parts of docs/backend.md that only a real HTTP server can show, on every test database: CORS,
 * `Cache-Control: no-store`, problem+json for refusals below the contract (bad JSON, wrong media type),
 * and an access log without personal data. The msw mock runs inside the page, so none of this applies
 * to it; everything else is in contract.test.ts, against both.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { BookingResponse, Hold, type Booking } from '../../../src/api/schemas.js';
import { contractTargets } from '../support/contract-targets.js';
import { ContractClient, expectEmpty, expectInvalid, expectJson, expectProblem, servicesParameter, type Answer } from './support/client.js';
import { ONE_PERSO, useConformance, type Conformance } from './support/fixtures.js';
import { addDays, zonedDateTime } from './support/time.js';

/** In the demo town's `allowedOrigins` (server/town/musterstadt.yaml), which the harness's town keeps. */
const ALLOWED_ORIGIN = 'http://localhost:8080';
const OTHER_ORIGINS = ['https://evil.example', 'http://localhost:8081', 'http://localhost:8080.evil.example', 'null'];
const REQUESTED_HEADERS = ['content-type', 'accept-language', 'authorization', 'idempotency-key'];

function headerList(answer: Answer, name: string): string[] {
  return (answer.headers.get(name) ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
}

function describeAnswer(answer: Answer): string {
  return `${answer.method} ${answer.url} → ${answer.status}`;
}

function assertNoStore(answer: Answer): void {
  assert.ok(headerList(answer, 'Cache-Control').includes('no-store'), `Cache-Control: no-store on ${describeAnswer(answer)}, got ${answer.headers.get('Cache-Control')}`);
}

function assertAllowedOrigin(answer: Answer): void {
  assert.equal(answer.headers.get('Access-Control-Allow-Origin'), ALLOWED_ORIGIN, `Access-Control-Allow-Origin on ${describeAnswer(answer)}`);
  assert.ok(headerList(answer, 'Vary').includes('origin'), `Vary: Origin on ${describeAnswer(answer)}`);
  assert.equal(answer.headers.get('Access-Control-Allow-Credentials'), null, `no Access-Control-Allow-Credentials on ${describeAnswer(answer)}`);
}

function assertNoCors(answer: Answer): void {
  for (const name of ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers']) {
    assert.equal(answer.headers.get(name), null, `${name} on ${describeAnswer(answer)} for ${answer.url}`);
  }
}

/** Paths of every operation, with the method a browser would preflight. */
const OPERATIONS: [method: string, path: string][] = [
  ['GET', '/catalog'],
  ['GET', '/days'],
  ['GET', '/slots'],
  ['POST', '/holds'],
  ['POST', '/holds/h123/extend'],
  ['DELETE', '/holds/h123'],
  ['POST', '/bookings'],
  ['POST', '/bookings/lookup'],
  ['GET', '/bookings/ABC-DEF'],
  ['DELETE', '/bookings/ABC-DEF'],
  ['POST', '/bookings/ABC-DEF/confirm'],
  ['POST', '/bookings/ABC-DEF/reschedule'],
];

function preflight(api: ContractClient, origin: string, method: string, path: string): Promise<Answer> {
  return api.request('OPTIONS', path, {
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': REQUESTED_HEADERS.join(', ') },
  });
}

/** Answers of every kind: 200, 201, 204, 401, 404, 409 and 422, on one fresh client. */
async function answersOfEveryKind(c: Conformance, api: ContractClient): Promise<void> {
  const location = c.firstLocation;
  const services = servicesParameter(ONE_PERSO);
  const slot = await c.findSlot();
  await api.get('/catalog');
  await api.get('/days', { location, services, from: c.today(), to: addDays(c.today(), 13) });
  await api.get('/slots', { location, services, date: slot.day });
  const hold = expectJson(await api.hold(location, ONE_PERSO, slot.start), 201, Hold);
  await api.extend(hold.id);
  await api.hold(location, ONE_PERSO, slot.start);
  await api.get('/days', { location });
  await api.get('/unbekannt');
  await api.getBooking('ABC-DEF', null);
  await api.release(`h${randomBytes(8).toString('hex')}`);
}

for (const factory of contractTargets().filter((candidate) => candidate.name.startsWith('server'))) {
  describe(`server only: the HTTP rules of docs/backend.md on ${factory.name}`, () => {
    const use = useConformance(factory);

    it('answers a CORS preflight from an allowed origin with 204 and the headers docs/backend.md lists', async () => {
      const c = use();
      for (const [method, path] of OPERATIONS) {
        const answer = await preflight(c.api, ALLOWED_ORIGIN, method, path);
        expectEmpty(answer, 204);
        assertAllowedOrigin(answer);
        const methods = headerList(answer, 'Access-Control-Allow-Methods');
        for (const wanted of ['get', 'post', 'patch', 'delete']) assert.ok(methods.includes(wanted), `${wanted} in Allow-Methods of ${path}: ${methods}`);
        const allowed = headerList(answer, 'Access-Control-Allow-Headers');
        for (const wanted of REQUESTED_HEADERS) assert.ok(allowed.includes(wanted), `${wanted} in Allow-Headers of ${path}: ${allowed}`);
        const maxAge = answer.headers.get('Access-Control-Max-Age');
        if (maxAge !== null) assert.match(maxAge, /^[1-9][0-9]*$/, 'Access-Control-Max-Age in seconds');
        assertNoStore(answer);
      }
    });

    it('puts Access-Control-Allow-Origin on every answer to an allowed origin, errors included', async () => {
      const c = use();
      const api = new ContractClient(c.target.base, { 'Accept-Language': 'de', Origin: ALLOWED_ORIGIN });
      await answersOfEveryKind(c, api);
      const statuses = new Set(api.answers.map((answer) => answer.status));
      for (const status of [200, 201, 204, 401, 404, 409, 422]) assert.ok(statuses.has(status), `the flow includes a ${status}`);
      for (const answer of api.answers) assertAllowedOrigin(answer);
    });

    it('gives other origins no CORS headers, neither on preflight nor on answers', async () => {
      const c = use();
      for (const origin of OTHER_ORIGINS) {
        for (const [method, path] of OPERATIONS.slice(0, 4)) assertNoCors(await preflight(c.api, origin, method, path));
        const api = new ContractClient(c.target.base, { 'Accept-Language': 'de', Origin: origin });
        await api.get('/catalog');
        await api.get('/days', { location: c.firstLocation });
        await api.getBooking('ABC-DEF', null);
        for (const answer of api.answers) assertNoCors(answer);
      }
    });

    it('sends Cache-Control: no-store on every answer', async () => {
      const c = use();
      const api = new ContractClient(c.target.base, { 'Accept-Language': 'de' });
      await answersOfEveryKind(c, api);
      const person = c.person('nostore');
      const slot = await c.findSlot();
      const hold = expectJson(await api.hold(c.firstLocation, ONE_PERSO, slot.start), 201, Hold);
      const booking = expectJson(await api.book(c.bookingBody(hold, person)), 201, BookingResponse).booking;
      await api.lookup(booking.code, person.email);
      await api.getBooking(booking.code, booking.token);
      await api.cancel(booking.code, booking.token);
      for (const answer of [...api.answers, ...(await Promise.all(OPERATIONS.map(([method, path]) => preflight(c.api, ALLOWED_ORIGIN, method, path))))]) {
        assertNoStore(answer);
      }
    });

    it('answers malformed JSON, another media type and an oversized body with problem+json, never 500', async () => {
      const c = use();
      const slot = await c.findSlot();
      const valid = JSON.stringify({ locationId: c.firstLocation, services: ONE_PERSO, start: slot.start });
      const answers = [
        await c.api.request('POST', '/holds', { body: '{"locationId": "rathaus",', headers: { 'Content-Type': 'application/json' } }),
        await c.api.request('POST', '/holds', { body: valid, headers: { 'Content-Type': 'text/plain' } }),
        await c.api.request('POST', '/holds', { body: JSON.stringify({ padding: 'x'.repeat(40_000) }) }),
        await c.api.request('POST', '/bookings', { body: 'kein json', headers: { 'Idempotency-Key': randomUUID() } }),
        await c.api.request('POST', '/bookings/lookup', { body: '[' }),
      ];
      for (const answer of answers) {
        assert.ok(answer.status >= 400 && answer.status < 500, `${describeAnswer(answer)} should be a 4xx`);
        expectProblem(answer, answer.status);
      }
      assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'no refused request took the slot');
    });

    it('logs one line per request (method, route, status, ms) and no email, name, phone, notes, code or token', async () => {
      const c = use();
      const requestsBefore = c.api.answers.length;
      const linesBefore = c.target.logLines.length;
      const unique = randomBytes(5).toString('hex');
      const person = {
        firstName: `Logvorname${unique}`,
        lastName: `Lognachname${unique}`,
        email: `log.${unique}@example.org`,
        phone: `+49 171 ${parseInt(unique, 16) % 10_000_000}`,
        birthDate: '1980-05-17',
      };
      const notes = `Lognotiz ${unique}`;
      const secrets: string[] = [person.firstName, person.lastName, person.email, person.email.toUpperCase(), person.phone, notes];

      const slot = await c.findSlot();
      const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
      expectInvalid(await c.api.book({ ...c.bookingBody(hold, person, { notes }), person: { ...person, email: `${person.firstName}@@` } }));
      expectInvalid(await c.api.book({ ...c.bookingBody(hold, person, { notes }), person: { ...person, street: `Loggasse ${unique}` } }));
      secrets.push(`Loggasse ${unique}`, `${person.firstName}@@`);
      const booking: Booking = await c.api.bookOk(c.bookingBody(hold, person, { notes }));
      const found = expectJson(await c.api.lookup(booking.code.toLowerCase(), person.email.toUpperCase()), 200, BookingResponse).booking;
      expectProblem(await c.api.lookup(booking.code, `other.${person.email}`), 404, 'not_found');
      expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse);
      const wrongToken = randomBytes(32).toString('base64url');
      expectProblem(await c.api.getBooking(booking.code, wrongToken), 401, 'unauthorized');
      const target = await c.findSlot({ skip: [slot.day] });
      const newHold = await c.api.holdOk(c.firstLocation, ONE_PERSO, target.start);
      expectJson(await c.api.reschedule(booking.code, found.token, newHold.id), 200, BookingResponse);
      expectEmpty(await c.api.cancel(booking.code, booking.token), 204);
      await c.api.hold(c.firstLocation, ONE_PERSO, zonedDateTime(slot.day, '07:59', c.timeZone));
      secrets.push(booking.code, booking.code.replace(/-/g, ''), booking.code.toLowerCase(), booking.token, found.token, wrongToken);

      const requestLines = c.target.logLines.slice(linesBefore).filter((line) => 'method' in line);
      assert.equal(requestLines.length, c.api.answers.length - requestsBefore, 'one line per request');
      for (const line of requestLines) {
        assert.equal(typeof line.method, 'string');
        assert.equal(typeof line.route, 'string');
        assert.equal(typeof line.status, 'number');
        assert.equal(typeof line.ms, 'number');
      }
      const log = JSON.stringify(c.target.logLines).toLowerCase();
      for (const secret of secrets) assert.ok(!log.includes(secret.toLowerCase()), `the log contains ${secret}`);
    });
  });
}
