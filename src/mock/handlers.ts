/** The contract's HTTP surface: msw handlers that translate requests into MockState operations. */
import { delay, http, HttpResponse, type PathParams, type RequestHandler } from 'msw';
import { LocalDate, LookupRequest, RescheduleRequest, type Booking, type ServiceSelection } from '../api/schemas.js';
import { englishBooking, englishCatalog, wantsEnglish } from './english.js';
import type { Endpoint } from './faults.js';
import { MockProblem, problemResponse } from './problems.js';
import type { MockBooking, MockState } from './state.js';
import { parseRequest } from './validation.js';

export interface HandlerOptions {
  baseUrl: string;
  latencyMs: number;
  injectFault: (endpoint: Endpoint) => Response | undefined;
}

type Resolve = (request: Request, params: PathParams) => Response | Promise<Response>;

/** `services=personalausweis:2,meldebescheinigung:1` → selections; anything else is invalid input. */
function parseServices(value: string | null): ServiceSelection[] {
  const selections = (value ?? '').split(',').filter(Boolean).map((pair) => {
    const [id, quantity] = pair.split(':');
    return { id, quantity: /^\d+$/.test(quantity ?? '') ? Number(quantity) : Number.NaN };
  });
  if (selections.length === 0) throw new MockProblem('invalid_input', [{ field: 'services', code: 'required' }]);
  return selections;
}

function queryDay(url: URL, name: string): string {
  const value = url.searchParams.get(name) ?? '';
  if (!LocalDate.safeParse(value).success) throw new MockProblem('invalid_input', [{ field: name, code: 'invalid' }]);
  return value;
}

function queryLocation(url: URL): string {
  const value = url.searchParams.get('location');
  if (!value) throw new MockProblem('invalid_input', [{ field: 'location', code: 'required' }]);
  return value;
}

/** A booking answer in the language the widget asked for. */
function bookingJson(request: Request, booking: Booking, status = 200): Response {
  return HttpResponse.json({ booking: wantsEnglish(request) ? englishBooking(booking) : booking }, { status });
}

/** The body as JSON, or `undefined` when it is not JSON: schema validation then reports it. */
async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

export function createHandlers(state: MockState, { baseUrl, latencyMs, injectFault }: HandlerOptions): RequestHandler[] {
  const base = baseUrl.replace(/\/$/, '');
  const param = (params: PathParams, name: string) => String(params[name]);

  const route = (endpoint: Endpoint, resolve: Resolve) =>
    async ({ request, params }: { request: Request; params: PathParams }): Promise<Response> => {
      state.logRequest(request);
      if (latencyMs > 0) await delay(latencyMs);
      const fault = injectFault(endpoint);
      if (fault) return fault;
      try {
        return await resolve(request, params);
      } catch (error) {
        if (error instanceof MockProblem) return problemResponse(error);
        throw error;
      }
    };

  const manageRoute = (endpoint: Endpoint, resolve: (stored: MockBooking, request: Request) => Response | Promise<Response>) =>
    route(endpoint, (request, params) =>
      resolve(state.authorizedBooking(param(params, 'code'), request.headers.get('Authorization')), request));

  return [
    http.get(`${base}/catalog`, route('catalog', (request) =>
      HttpResponse.json(wantsEnglish(request) ? englishCatalog(state.catalog) : state.catalog))),
    http.get(`${base}/days`, route('days', (request) => {
      const url = new URL(request.url);
      const services = parseServices(url.searchParams.get('services'));
      return HttpResponse.json(state.days(queryLocation(url), services, queryDay(url, 'from'), queryDay(url, 'to')));
    })),
    http.get(`${base}/slots`, route('slots', (request) => {
      const url = new URL(request.url);
      const services = parseServices(url.searchParams.get('services'));
      return HttpResponse.json({ slots: state.slots(queryLocation(url), services, queryDay(url, 'date')) });
    })),
    http.post(`${base}/holds`, route('holds', async (request) =>
      HttpResponse.json(state.createHold(await jsonBody(request)), { status: 201 }))),
    http.post(`${base}/holds/:id/extend`, route('extend', (_request, params) =>
      HttpResponse.json(state.extendHold(param(params, 'id'))))),
    http.delete(`${base}/holds/:id`, route('release', (_request, params) => {
      state.releaseHold(param(params, 'id'));
      return new HttpResponse(null, { status: 204 });
    })),
    http.post(`${base}/bookings`, route('bookings', async (request) => {
      const booking = state.createBooking(request.headers.get('Idempotency-Key'), await jsonBody(request));
      return bookingJson(request, booking, 201);
    })),
    http.post(`${base}/bookings/lookup`, route('lookup', async (request) => {
      const { code, email } = parseRequest(LookupRequest, await jsonBody(request));
      return bookingJson(request, state.lookup(code, email));
    })),
    http.get(`${base}/bookings/:code`, manageRoute('booking', (stored, request) =>
      bookingJson(request, state.liveBooking(stored).booking))),
    http.post(`${base}/bookings/:code/confirm`, manageRoute('confirm', (stored, request) =>
      bookingJson(request, state.confirm(state.liveBooking(stored))))),
    http.delete(`${base}/bookings/:code`, manageRoute('cancel', (stored, request) => {
      const erase = new URL(request.url).searchParams.get('erase');
      if (erase !== null && erase !== 'true' && erase !== 'false') throw new MockProblem('invalid_input', [{ field: 'erase', code: 'invalid' }]);
      state.cancel(stored, erase === 'true');
      return new HttpResponse(null, { status: 204 });
    })),
    http.get(`${base}/bookings/:code/data`, manageRoute('data', (stored) => HttpResponse.json(state.personalData(stored)))),
    http.patch(`${base}/bookings/:code`, manageRoute('update', async (stored, request) =>
      bookingJson(request, state.updatePerson(state.liveBooking(stored), await jsonBody(request))))),
    http.post(`${base}/bookings/:code/reschedule`, manageRoute('reschedule', async (stored, request) => {
      const { holdId } = parseRequest(RescheduleRequest, await jsonBody(request));
      return bookingJson(request, state.reschedule(state.liveBooking(stored), holdId));
    })),
    // Anything else under the base is an unknown route, answered as the contract answers every error.
    http.all(`${base}/*`, () => problemResponse(new MockProblem('not_found'))),
  ];
}
