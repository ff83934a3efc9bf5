import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse, type HttpResponseResolver } from 'msw';
import { setupWorker } from 'msw/browser';
import { BackendError } from '../src/api/port.js';
import { V1Backend, type V1Options } from '../src/api/v1/backend.js';
import type { Booking, BookingRequest, Catalog, Hold, HoldRequest, Slot } from '../src/api/schemas.js';

const API = '/api';

const location = { id: 'rathaus', name: 'Bürgerbüro Rathaus', address: { street: 'Markt 1', postalCode: '12345', city: 'Musterstadt' } };

const catalog: Catalog = {
  timeZone: 'Europe/Berlin',
  privacyPolicyUrl: 'https://musterstadt.example/datenschutz',
  services: [{ id: 'perso', name: 'Personalausweis beantragen', durationMinutes: 15, maxQuantity: 4 }],
  locations: [location],
  offers: [{ serviceId: 'perso', locationId: 'rathaus' }],
  form: { phone: 'optional', address: 'hidden', birthDate: 'required', notes: 'optional' },
  bookingHorizonDays: 60,
};

const hold: Hold = { id: 'hold-1', expiresAt: '2030-03-04T09:10:00+01:00', expiresInSeconds: 600 };

const booking: Booking = {
  code: 'K7Q2-M9',
  token: 'secret-token',
  status: 'pending',
  start: '2030-03-04T09:00:00+01:00',
  end: '2030-03-04T09:15:00+01:00',
  location,
  services: [{ id: 'perso', name: 'Personalausweis beantragen', quantity: 1 }],
};

const person = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org' };
const holdRequest: HoldRequest = { locationId: 'rathaus', services: [{ id: 'perso', quantity: 2 }], start: '2030-03-04T09:00:00+01:00' };
const bookingRequest: BookingRequest = { holdId: 'hold-1', person, notes: 'Rollstuhl', locale: 'de' };
const services = [{ id: 'perso', quantity: 2 }, { id: 'pass', quantity: 1 }];

type Method = 'GET' | 'POST' | 'DELETE';

interface Endpoint {
  /** The label the client must use in errors: method and path template, no ids. */
  label: string;
  call: (client: V1Backend) => Promise<unknown>;
  /** A valid success answer; absent for 204. */
  ok?: { status: number; body: Record<string, unknown> };
}

const endpoints: Record<string, Endpoint> = {
  getCatalog: { label: 'GET /catalog', call: (c) => c.catalog(), ok: { status: 200, body: catalog } },
  getDays: {
    label: 'GET /days',
    call: (c) => c.days({ locationId: 'rathaus', services, from: '2030-03-01', to: '2030-03-31' }),
    ok: { status: 200, body: { days: [{ date: '2030-03-04', free: 3 }], nextAvailable: null } },
  },
  getSlots: {
    label: 'GET /slots',
    call: (c) => c.slots({ locationId: 'rathaus', services, date: '2030-03-04' }),
    ok: { status: 200, body: { slots: [{ start: '2030-03-04T09:00:00+01:00', end: '2030-03-04T09:15:00+01:00' }] } },
  },
  createHold: { label: 'POST /holds', call: (c) => c.hold(holdRequest), ok: { status: 201, body: hold } },
  extendHold: { label: 'POST /holds/{id}/extend', call: (c) => c.extend('hold-1'), ok: { status: 200, body: hold } },
  releaseHold: { label: 'DELETE /holds/{id}', call: (c) => c.release('hold-1') },
  createBooking: {
    label: 'POST /bookings',
    call: (c) => c.book(bookingRequest, 'key-1'),
    ok: { status: 201, body: { booking } },
  },
  lookupBooking: {
    label: 'POST /bookings/lookup',
    call: (c) => c.find(booking.code, person.email),
    ok: { status: 200, body: { booking } },
  },
  getBooking: { label: 'GET /bookings/{code}', call: (c) => c.get(booking), ok: { status: 200, body: { booking } } },
  confirmBooking: {
    label: 'POST /bookings/{code}/confirm',
    call: (c) => c.confirm(booking),
    ok: { status: 200, body: { booking } },
  },
  cancelBooking: { label: 'DELETE /bookings/{code}', call: (c) => c.cancel(booking) },
  rescheduleBooking: {
    label: 'POST /bookings/{code}/reschedule',
    call: (c) => c.reschedule(booking, 'hold-2'),
    ok: { status: 200, body: { booking } },
  },
};

interface Received {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

const worker = setupWorker();

/** Serves `resolver` for the label's method and path, and records every request it sees. */
function serve(label: string, resolver: HttpResponseResolver): Received[] {
  const [method, template] = label.split(' ') as [Method, string];
  const route = { GET: http.get, POST: http.post, DELETE: http.delete }[method];
  const received: Received[] = [];
  worker.use(
    route(`${API}${template.replace(/\{(\w+)\}/g, ':$1')}`, async (info) => {
      const text = await info.request.clone().text();
      received.push({ method: info.request.method, url: new URL(info.request.url), headers: info.request.headers, body: text ? JSON.parse(text) : undefined });
      return resolver(info);
    }),
  );
  return received;
}

function client(options: Partial<V1Options> = {}): V1Backend {
  return new V1Backend({ baseUrl: API, lang: () => 'de', retryDelaysMs: [1, 1], ...options });
}

async function apiErrorOf(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw new Error(`expected a BackendError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

const problem = (status: number, code: string, extra: object = {}) =>
  HttpResponse.json({ type: `https://termin.example/problems/${code}`, title: code, status, code, ...extra }, {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

describe('ApiClient', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('happy paths', () => {
    it('GET /catalog: strips a trailing slash from baseUrl and drops unknown fields', async () => {
      const received = serve('GET /catalog', () => HttpResponse.json({ ...catalog, addedInV2: true }));
      const result = await client({ baseUrl: `${API}/` }).catalog();
      expect(result).to.deep.equal(catalog);
      expect(received).to.have.length(1);
      expect(received[0].url.pathname).to.equal('/api/catalog');
      expect(received[0].headers.get('Accept-Language')).to.equal('de');
      expect(received[0].headers.has('Content-Type')).to.equal(false);
      expect(received[0].headers.has('Authorization')).to.equal(false);
    });

    it('GET /days sends location, services as ID:QTY list, from and to', async () => {
      const received = serve('GET /days', () => HttpResponse.json(endpoints.getDays.ok?.body));
      const result = await endpoints.getDays.call(client());
      expect(result).to.deep.equal(endpoints.getDays.ok?.body);
      expect(Object.fromEntries(received[0].url.searchParams)).to.deep.equal({
        location: 'rathaus',
        services: 'perso:2,pass:1',
        from: '2030-03-01',
        to: '2030-03-31',
      });
    });

    it('GET /slots sends location, services and date', async () => {
      const received = serve('GET /slots', () => HttpResponse.json(endpoints.getSlots.ok?.body));
      const result = await endpoints.getSlots.call(client());
      expect(result).to.deep.equal(endpoints.getSlots.ok?.body);
      expect(Object.fromEntries(received[0].url.searchParams)).to.deep.equal({
        location: 'rathaus',
        services: 'perso:2,pass:1',
        date: '2030-03-04',
      });
    });

    it('POST /holds sends the hold request as JSON and returns the hold', async () => {
      const received = serve('POST /holds', () => HttpResponse.json(hold, { status: 201 }));
      expect(await client().hold(holdRequest)).to.deep.equal(hold);
      expect(received[0].body).to.deep.equal(holdRequest);
      expect(received[0].headers.get('Content-Type')).to.equal('application/json');
    });

    it('POST /holds/{id}/extend returns the extended hold', async () => {
      const received = serve('POST /holds/{id}/extend', () => HttpResponse.json(hold));
      expect(await client().extend('hold-1')).to.deep.equal(hold);
      expect(received[0].url.pathname).to.equal('/api/holds/hold-1/extend');
      expect(received[0].body).to.equal(undefined);
    });

    it('DELETE /holds/{id} resolves on 204', async () => {
      const received = serve('DELETE /holds/{id}', () => new HttpResponse(null, { status: 204 }));
      expect(await client().release('hold-1')).to.equal(undefined);
      expect(received[0].url.pathname).to.equal('/api/holds/hold-1');
    });

    it('POST /bookings sends the Idempotency-Key and unwraps the booking', async () => {
      const received = serve('POST /bookings', () => HttpResponse.json({ booking }, { status: 201 }));
      const key = crypto.randomUUID();
      expect(await client().book(bookingRequest, key)).to.deep.equal(booking);
      expect(received[0].headers.get('Idempotency-Key')).to.equal(key);
      expect(received[0].headers.get('Content-Type')).to.equal('application/json');
      expect(received[0].body).to.deep.equal(bookingRequest);
    });

    it('POST /bookings/lookup sends code and email in the body', async () => {
      const received = serve('POST /bookings/lookup', () => HttpResponse.json({ booking }));
      expect(await endpoints.lookupBooking.call(client())).to.deep.equal(booking);
      expect(received[0].body).to.deep.equal({ code: booking.code, email: person.email });
      expect(received[0].url.search).to.equal('');
    });

    it('GET /bookings/{code} sends the bearer token and encodes the code as one path segment', async () => {
      const received = serve('GET /bookings/{code}', () => HttpResponse.json({ booking }));
      expect(await client().get({ code: 'AB/12?x', token: 'tok' })).to.deep.equal(booking);
      expect(received[0].url.pathname).to.equal('/api/bookings/AB%2F12%3Fx');
      expect(received[0].url.search).to.equal('');
      expect(received[0].headers.get('Authorization')).to.equal('Bearer tok');
    });

    it('POST /bookings/{code}/confirm sends the bearer token', async () => {
      const received = serve('POST /bookings/{code}/confirm', () => HttpResponse.json({ booking: { ...booking, status: 'confirmed' } }));
      expect((await endpoints.confirmBooking.call(client()) as Booking).status).to.equal('confirmed');
      expect(received[0].url.pathname).to.equal(`/api/bookings/${booking.code}/confirm`);
      expect(received[0].headers.get('Authorization')).to.equal(`Bearer ${booking.token}`);
    });

    it('DELETE /bookings/{code} sends the bearer token and resolves on 204', async () => {
      const received = serve('DELETE /bookings/{code}', () => new HttpResponse(null, { status: 204 }));
      expect(await endpoints.cancelBooking.call(client())).to.equal(undefined);
      expect(received[0].url.pathname).to.equal(`/api/bookings/${booking.code}`);
      expect(received[0].headers.get('Authorization')).to.equal(`Bearer ${booking.token}`);
    });

    it('POST /bookings/{code}/reschedule sends the new hold id and the bearer token', async () => {
      const received = serve('POST /bookings/{code}/reschedule', () => HttpResponse.json({ booking }));
      expect(await endpoints.rescheduleBooking.call(client())).to.deep.equal(booking);
      expect(received[0].body).to.deep.equal({ holdId: 'hold-2' });
      expect(received[0].headers.get('Authorization')).to.equal(`Bearer ${booking.token}`);
    });

    it('sends no cookies and bypasses the HTTP cache', async () => {
      serve('GET /catalog', () => HttpResponse.json(catalog));
      const realFetch = globalThis.fetch;
      const inits: (RequestInit | undefined)[] = [];
      globalThis.fetch = (input, init) => {
        inits.push(init);
        return realFetch(input, init);
      };
      try {
        await client().catalog();
      } finally {
        globalThis.fetch = realFetch;
      }
      expect(inits).to.have.length(1);
      expect(inits[0]?.credentials).to.equal('omit');
      expect(inits[0]?.cache).to.equal('no-store');
    });

  });

  describe('responses outside the contract', () => {
    for (const [name, endpoint] of Object.entries(endpoints)) {
      if (!endpoint.ok) continue;
      const status = endpoint.ok.status;

      it(`${name}: unparsable JSON and a schema-violating body become invalid_response naming ${endpoint.label}`, async () => {
        serve(endpoint.label, () => new HttpResponse('{"half', { status, headers: { 'Content-Type': 'application/json' } }));
        const unparsable = await apiErrorOf(endpoint.call(client()));
        worker.resetHandlers();
        serve(endpoint.label, () => HttpResponse.json({ unrelated: true }, { status }));
        const violating = await apiErrorOf(endpoint.call(client()));

        for (const error of [unparsable, violating]) {
          expect(error.reason).to.equal('invalid_response');
          expect(error.code).to.equal('invalid_response');
          expect(error.message).to.contain(endpoint.label);
        }
      });
    }

    it('names the path of the first offending field', async () => {
      const slots: Slot[] = [{ start: '2030-03-04T09:00:00+01:00', end: '2030-03-04T09:15:00+01:00' }];
      serve('GET /slots', () => HttpResponse.json({ slots: [...slots, { start: 'tomorrow at nine', end: slots[0].end }] }));
      const error = await apiErrorOf(endpoints.getSlots.call(client()));
      expect(error.message).to.match(/^GET \/slots: slots\[1\]\.start: /);
    });

    it('treats a missing required nested field as invalid', async () => {
      const { token: _dropped, ...withoutToken } = booking;
      serve('GET /bookings/{code}', () => HttpResponse.json({ booking: withoutToken }));
      const error = await apiErrorOf(endpoints.getBooking.call(client()));
      expect(error.reason).to.equal('invalid_response');
      expect(error.message).to.contain('booking.token');
    });

    it('refuses a privacy policy link that is not a web address', async () => {
      for (const privacyPolicyUrl of ['javascript:alert(1)', 'datenschutz.html', 'data:text/html,hi']) {
        serve('GET /catalog', () => HttpResponse.json({ ...catalog, privacyPolicyUrl }));
        const error = await apiErrorOf(client().catalog());
        expect(error.reason, privacyPolicyUrl).to.equal('invalid_response');
        expect(error.message).to.contain('privacyPolicyUrl');
      }
      serve('GET /catalog', () => HttpResponse.json({ ...catalog, privacyPolicyUrl: ' http://musterstadt.example/datenschutz ' }));
      expect((await client().catalog()).privacyPolicyUrl).to.equal('http://musterstadt.example/datenschutz');
    });
  });

  describe('problems', () => {
    it('maps each v1 problem code to the port\'s reason, keeping the code', async () => {
      const reasons = {
        slot_unavailable: 'slot_taken', hold_expired: 'hold_expired', invalid_input: 'invalid_input', limit_reached: 'limit_reached',
        not_found: 'not_found', gone: 'gone', too_late: 'too_late', unauthorized: 'not_allowed', rate_limited: 'rate_limited',
      };
      for (const [code, reason] of Object.entries(reasons)) {
        worker.resetHandlers();
        serve('POST /holds', () => problem(409, code));
        const error = await apiErrorOf(client().hold(holdRequest));
        expect(error, code).to.include({ reason, code });
        expect(error.message).to.include('POST /holds');
        expect(error.fields).to.deep.equal([]);
      }
    });

    it('passes field errors on', async () => {
      const errors = [{ field: 'person.email', code: 'invalid' }, { field: 'person.birthDate', code: 'required' }];
      serve('POST /bookings', () => problem(422, 'invalid_input', { errors }));
      const error = await apiErrorOf(client().book(bookingRequest, 'key-1'));
      expect(error).to.include({ reason: 'invalid_input', code: 'invalid_input' });
      expect(error.fields).to.deep.equal(errors);
    });

    it('keeps a code the widget does not know', async () => {
      serve('GET /bookings/{code}', () => problem(418, 'office_closed_for_carnival'));
      const error = await apiErrorOf(endpoints.getBooking.call(client()));
      expect(error).to.include({ reason: 'unavailable', code: 'office_closed_for_carnival' });
    });

    it('reports a non-problem error response as http_<status>', async () => {
      serve('POST /holds', () => new HttpResponse('<h1>Internal Server Error</h1>', { status: 500, headers: { 'Content-Type': 'text/html' } }));
      const htmlError = await apiErrorOf(client().hold(holdRequest));
      worker.resetHandlers();
      serve('POST /holds', () => HttpResponse.json({ error: 'boom' }, { status: 500 }));
      const jsonError = await apiErrorOf(client().hold(holdRequest));
      for (const error of [htmlError, jsonError]) expect(error).to.include({ reason: 'unavailable', code: 'http_500' });
    });
  });

  describe('retries and timeouts', () => {
    it('retries a GET after 503 and a network error, then succeeds', async () => {
      const answers = [() => new HttpResponse(null, { status: 503 }), () => HttpResponse.error(), () => HttpResponse.json(catalog)];
      const received = serve('GET /catalog', () => answers[received.length - 1]());
      expect(await client().catalog()).to.deep.equal(catalog);
      expect(received).to.have.length(3);
    });

    it('gives a GET up after two retries', async () => {
      const received = serve('GET /catalog', () => new HttpResponse(null, { status: 503 }));
      // The default delays: they also fix how many retries there are.
      const error = await apiErrorOf(client({ retryDelaysMs: undefined }).catalog());
      expect(error).to.include({ reason: 'unavailable', code: 'http_503' });
      expect(received).to.have.length(3);
    });

    it('does not retry a GET on a problem that repeating cannot fix', async () => {
      const received = serve('GET /bookings/{code}', () => problem(401, 'unauthorized'));
      expect((await apiErrorOf(endpoints.getBooking.call(client()))).code).to.equal('unauthorized');
      expect(received).to.have.length(1);
    });

    it('does not retry POST /holds on 503 or a network error', async () => {
      const unavailable = serve('POST /holds', () => new HttpResponse(null, { status: 503 }));
      expect((await apiErrorOf(client().hold(holdRequest))).code).to.equal('http_503');
      worker.resetHandlers();
      const failed = serve('POST /holds', () => HttpResponse.error());
      expect((await apiErrorOf(client().hold(holdRequest))).reason).to.equal('network');
      expect([unavailable.length, failed.length]).to.deep.equal([1, 1]);
    });

    it('retries POST /bookings with the same Idempotency-Key and body', async () => {
      const answers = [() => new HttpResponse(null, { status: 504 }), () => HttpResponse.error(), () => HttpResponse.json({ booking }, { status: 201 })];
      const received = serve('POST /bookings', () => answers[received.length - 1]());
      expect(await client().book(bookingRequest, 'the-key')).to.deep.equal(booking);
      expect(received.map((request) => request.headers.get('Idempotency-Key'))).to.deep.equal(['the-key', 'the-key', 'the-key']);
      for (const request of received) expect(request.body).to.deep.equal(bookingRequest);
    });

    it('times out an attempt that takes too long', async () => {
      const received = serve('POST /holds', async () => {
        await delay(1_000);
        return HttpResponse.json(hold, { status: 201 });
      });
      const error = await apiErrorOf(client({ timeoutMs: 250 }).hold(holdRequest));
      expect(error).to.include({ reason: 'timeout', code: 'timeout' });
      expect(error.message).to.include('POST /holds');
      // On a loaded machine the attempt may time out before the worker has even seen it; what matters
      // is that a timed-out POST is never sent a second time.
      expect(received.length).to.be.at.most(1);
    });

    it('retries a GET that timed out', async () => {
      const received = serve('GET /catalog', async () => {
        if (received.length === 1) await delay(5_000);
        return HttpResponse.json(catalog);
      });
      // Generous for the answered attempt, so a busy CI machine does not time it out as well.
      expect(await client({ timeoutMs: 600 }).catalog()).to.deep.equal(catalog);
      expect(received).to.have.length(2);
    });
  });

  describe('superseded requests', () => {
    const slotsFor = (date: string) => ({ slots: [{ start: `${date}T09:00:00+01:00`, end: `${date}T09:15:00+01:00` }] });

    it('aborts the older getSlots when a newer one starts', async () => {
      serve('GET /slots', async ({ request }) => {
        const date = new URL(request.url).searchParams.get('date') ?? '';
        if (date === '2030-03-04') await delay(100);
        return HttpResponse.json(slotsFor(date));
      });
      const api = client();
      const older = apiErrorOf(api.slots({ locationId: 'rathaus', services, date: '2030-03-04' }));
      const newer = api.slots({ locationId: 'rathaus', services, date: '2030-03-05' });
      expect(await newer).to.deep.equal(slotsFor('2030-03-05'));
      expect(await older).to.include({ reason: 'aborted', code: 'aborted' });
    });

    it('never lets an older getSlots resolve, even when its answer arrives first', async () => {
      serve('GET /slots', async ({ request }) => {
        const date = new URL(request.url).searchParams.get('date') ?? '';
        if (date === '2030-03-05') await delay(50);
        return HttpResponse.json(slotsFor(date));
      });
      const api = client();
      const older = apiErrorOf(api.slots({ locationId: 'rathaus', services, date: '2030-03-04' }));
      const newer = api.slots({ locationId: 'rathaus', services, date: '2030-03-05' });
      expect((await older).reason).to.equal('aborted');
      expect(await newer).to.deep.equal(slotsFor('2030-03-05'));
    });

    it('aborts the older getDays when a newer one starts, but leaves getSlots alone', async () => {
      const daysFor = (from: string) => ({ days: [{ date: from, free: 1 }], nextAvailable: null });
      serve('GET /days', async ({ request }) => {
        const from = new URL(request.url).searchParams.get('from') ?? '';
        await delay(from === '2030-03-01' ? 100 : 10);
        return HttpResponse.json(daysFor(from));
      });
      serve('GET /slots', () => HttpResponse.json(slotsFor('2030-03-04')));
      const api = client();
      const older = apiErrorOf(api.days({ locationId: 'rathaus', services, from: '2030-03-01', to: '2030-03-31' }));
      const slots = api.slots({ locationId: 'rathaus', services, date: '2030-03-04' });
      const newer = api.days({ locationId: 'rathaus', services, from: '2030-04-01', to: '2030-04-30' });
      expect(await newer).to.deep.equal(daysFor('2030-04-01'));
      expect(await slots).to.deep.equal(slotsFor('2030-03-04'));
      expect((await older).reason).to.equal('aborted');
    });
  });

  describe('privacy and language', () => {
    it('sends Accept-Language from lang() at call time', async () => {
      const received = serve('GET /catalog', () => HttpResponse.json(catalog));
      let language: 'de' | 'en' = 'de';
      const api = client({ lang: () => language });
      await api.catalog();
      language = 'en';
      await api.catalog();
      expect(received.map((request) => request.headers.get('Accept-Language'))).to.deep.equal(['de', 'en']);
    });

    it('puts no personal data or token into any request URL', async () => {
      const urls: string[] = [];
      worker.use(
        http.all(`${API}/*`, ({ request }) => {
          urls.push(decodeURIComponent(request.url));
          return problem(500, 'test_stop');
        }),
      );
      await Promise.allSettled(Object.values(endpoints).map((endpoint) => endpoint.call(client({ retryDelaysMs: [] }))));
      expect(urls).to.have.length(Object.keys(endpoints).length);
      const secrets = [person.email, person.firstName, person.lastName, booking.token, 'Rollstuhl'];
      for (const url of urls) for (const secret of secrets) expect(url).not.to.contain(secret);
    });
  });

  it('reports a 429 without problem body as rate_limited', async () => {
    serve('POST /holds', () => new HttpResponse('slow down', { status: 429 }));
    expect(await apiErrorOf(client().hold(holdRequest))).to.include({ reason: 'rate_limited', code: 'http_429' });
  });
});
