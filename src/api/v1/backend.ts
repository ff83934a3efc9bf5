/**
 * The widget's only door to the backend: every `fetch` in the code base happens here, and every answer is
 * checked against the contract in schemas.ts before anyone else sees it.
 */
import * as z from 'zod/mini';
import { ApiError } from './errors.js';
import {
  BookingResponse,
  Catalog,
  DaysResponse,
  Hold,
  PersonalData,
  Problem,
  SlotsResponse,
  type Booking,
  type BookingRequest,
  type HoldRequest,
  type LookupRequest,
  type RescheduleRequest,
  type ServiceSelection,
  type UpdateBookingRequest,
} from './schemas.js';

export { ApiError, isApiError, type ApiErrorKind, type FieldError } from './errors.js';

interface EndpointSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `{name}` marks a path segment. */
  readonly path: string;
  /** The success body; absent for 204 No Content. */
  readonly response?: z.ZodMiniType;
}

/** Every backend operation; docs/api.yaml must describe exactly these (test/api-contract.test.ts checks). */
export const ENDPOINTS = {
  getCatalog: { method: 'GET', path: '/catalog', response: Catalog },
  getDays: { method: 'GET', path: '/days', response: DaysResponse },
  getSlots: { method: 'GET', path: '/slots', response: SlotsResponse },
  createHold: { method: 'POST', path: '/holds', response: Hold },
  extendHold: { method: 'POST', path: '/holds/{id}/extend', response: Hold },
  releaseHold: { method: 'DELETE', path: '/holds/{id}' },
  createBooking: { method: 'POST', path: '/bookings', response: BookingResponse },
  lookupBooking: { method: 'POST', path: '/bookings/lookup', response: BookingResponse },
  getBooking: { method: 'GET', path: '/bookings/{code}', response: BookingResponse },
  confirmBooking: { method: 'POST', path: '/bookings/{code}/confirm', response: BookingResponse },
  cancelBooking: { method: 'DELETE', path: '/bookings/{code}' },
  rescheduleBooking: { method: 'POST', path: '/bookings/{code}/reschedule', response: BookingResponse },
  getBookingData: { method: 'GET', path: '/bookings/{code}/data', response: PersonalData },
  updateBooking: { method: 'PATCH', path: '/bookings/{code}', response: BookingResponse },
} as const satisfies Record<string, EndpointSpec>;

export interface ApiClientOptions {
  /** The backend's base URL, as given in the element's `api` attribute. */
  baseUrl: string;
  lang: () => 'de' | 'en';
  /** Per attempt. */
  timeoutMs?: number;
  /** One entry per retry of a request that is safe to repeat. */
  retryDelaysMs?: number[];
}

export interface DaysQuery {
  locationId: string;
  services: ServiceSelection[];
  from: string;
  to: string;
}

export interface SlotsQuery {
  locationId: string;
  services: ServiceSelection[];
  date: string;
}

interface CallOptions {
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  body?: HoldRequest | BookingRequest | LookupRequest | RescheduleRequest | UpdateBookingRequest;
  token?: string;
  idempotencyKey?: string;
  /** Abort the previous unfinished call to the same endpoint, so that an older answer never wins. */
  supersede?: boolean;
  keepalive?: boolean;
}

interface Reply {
  status: number;
  ok: boolean;
  text: string;
}

/** Gateway failures that a repeated request may get past. */
const TRANSIENT_STATUSES = [502, 503, 504];

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export class ApiClient {
  readonly #baseUrl: string;
  readonly #lang: () => 'de' | 'en';
  readonly #timeoutMs: number;
  readonly #retryDelaysMs: number[];
  readonly #inFlight = new Map<EndpointSpec, AbortController>();

  constructor(options: ApiClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#lang = options.lang;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retryDelaysMs = options.retryDelaysMs ?? [300, 900];
  }

  getCatalog(): Promise<Catalog> {
    return this.#receive(ENDPOINTS.getCatalog, {});
  }

  getDays(q: DaysQuery): Promise<DaysResponse> {
    const query = { location: q.locationId, services: servicesParam(q.services), from: q.from, to: q.to };
    return this.#receive(ENDPOINTS.getDays, { query, supersede: true });
  }

  getSlots(q: SlotsQuery): Promise<SlotsResponse> {
    const query = { location: q.locationId, services: servicesParam(q.services), date: q.date };
    return this.#receive(ENDPOINTS.getSlots, { query, supersede: true });
  }

  createHold(body: HoldRequest): Promise<Hold> {
    return this.#receive(ENDPOINTS.createHold, { body });
  }

  extendHold(holdId: string): Promise<Hold> {
    return this.#receive(ENDPOINTS.extendHold, { pathParams: { id: holdId } });
  }

  /** `keepalive` lets the request outlive the page, for a citizen who closes the tab while holding a slot. */
  async releaseHold(holdId: string, { keepalive = false } = {}): Promise<void> {
    await this.#send(ENDPOINTS.releaseHold, { pathParams: { id: holdId }, keepalive });
  }

  async createBooking(body: BookingRequest, idempotencyKey: string): Promise<Booking> {
    return (await this.#receive(ENDPOINTS.createBooking, { body, idempotencyKey })).booking;
  }

  async lookupBooking(body: LookupRequest): Promise<Booking> {
    return (await this.#receive(ENDPOINTS.lookupBooking, { body })).booking;
  }

  async getBooking(code: string, token: string): Promise<Booking> {
    return (await this.#receive(ENDPOINTS.getBooking, { pathParams: { code }, token })).booking;
  }

  async confirmBooking(code: string, token: string): Promise<Booking> {
    return (await this.#receive(ENDPOINTS.confirmBooking, { pathParams: { code }, token })).booking;
  }

  /** `erase`: the personal data goes at once too; a flag in the query, never data. */
  async cancelBooking(code: string, token: string, erase?: boolean): Promise<void> {
    await this.#send(ENDPOINTS.cancelBooking, { pathParams: { code }, token, query: erase ? { erase: 'true' } : undefined });
  }

  getBookingData(code: string, token: string): Promise<PersonalData> {
    return this.#receive(ENDPOINTS.getBookingData, { pathParams: { code }, token });
  }

  async updateBooking(code: string, token: string, body: UpdateBookingRequest): Promise<Booking> {
    return (await this.#receive(ENDPOINTS.updateBooking, { pathParams: { code }, token, body })).booking;
  }

  async rescheduleBooking(code: string, token: string, holdId: string): Promise<Booking> {
    const options = { pathParams: { code }, token, body: { holdId } };
    return (await this.#receive(ENDPOINTS.rescheduleBooking, options)).booking;
  }

  async #receive<S extends z.ZodMiniType>(spec: EndpointSpec & { response: S }, options: CallOptions): Promise<z.output<S>> {
    const text = await this.#send(spec, options);
    const endpoint = endpointName(spec);
    const result = spec.response.safeParse(parseJson(text, endpoint));
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    throw new ApiError({ kind: 'invalid_response', endpoint, message: `${issuePath(issue.path)}: ${describeIssue(issue)}` });
  }

  /** Resolves with the body of a 2xx answer. */
  async #send(spec: EndpointSpec, options: CallOptions): Promise<string> {
    const endpoint = endpointName(spec);
    const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.pathParams?.[name] ?? ''));
    const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
    const headers: Record<string, string> = { 'Accept-Language': this.#lang() };
    if (options.body) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const init: RequestInit = {
      method: spec.method,
      headers,
      body: options.body && JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
      keepalive: options.keepalive,
    };
    // Repeating is harmless for reads, and for writes the backend deduplicates by Idempotency-Key.
    const repeatable = spec.method === 'GET' || options.idempotencyKey !== undefined;
    const cancel = new AbortController();
    if (options.supersede) {
      this.#inFlight.get(spec)?.abort();
      this.#inFlight.set(spec, cancel);
    }
    try {
      const reply = await this.#attemptWithRetries(`${this.#baseUrl}${path}${query}`, init, endpoint, repeatable, cancel.signal);
      if (cancel.signal.aborted) throw abortedError(endpoint);
      if (!reply.ok) throw problemError(reply, endpoint);
      return reply.text;
    } finally {
      if (this.#inFlight.get(spec) === cancel) this.#inFlight.delete(spec);
    }
  }

  async #attemptWithRetries(url: string, init: RequestInit, endpoint: string, repeatable: boolean, cancel: AbortSignal): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      const mayRetry = repeatable && attempt < this.#retryDelaysMs.length;
      try {
        const reply = await this.#attempt(url, init, endpoint, cancel);
        if (!mayRetry || !TRANSIENT_STATUSES.includes(reply.status)) return reply;
      } catch (error) {
        const transient = error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout');
        if (!mayRetry || !transient) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, this.#retryDelaysMs[attempt]));
    }
  }

  async #attempt(url: string, init: RequestInit, endpoint: string, cancel: AbortSignal): Promise<Reply> {
    if (cancel.aborted) throw abortedError(endpoint);
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, this.#timeoutMs);
    cancel.addEventListener('abort', abort);
    try {
      const response = await globalThis.fetch(url, { ...init, signal: controller.signal });
      // Reading the body inside the timeout too: a stalled body is as bad as a stalled header.
      return { status: response.status, ok: response.ok, text: await response.text() };
    } catch {
      if (cancel.aborted) throw abortedError(endpoint);
      if (controller.signal.aborted) {
        throw new ApiError({ kind: 'timeout', endpoint, message: `no response within ${this.#timeoutMs} ms` });
      }
      throw new ApiError({ kind: 'network', endpoint, message: 'network error (offline, or blocked by CORS?)' });
    } finally {
      clearTimeout(timer);
      cancel.removeEventListener('abort', abort);
    }
  }
}

function endpointName(spec: EndpointSpec): string {
  return `${spec.method} ${spec.path}`;
}

function servicesParam(services: ServiceSelection[]): string {
  return services.map((service) => `${service.id}:${service.quantity}`).join(',');
}

function parseJson(text: string, endpoint: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ kind: 'invalid_response', endpoint, message: 'response body is not JSON' });
  }
}

function abortedError(endpoint: string): ApiError {
  return new ApiError({ kind: 'aborted', endpoint, message: 'superseded by a newer request' });
}

function problemError(reply: Reply, endpoint: string): ApiError {
  const status = reply.status;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    // Not JSON (a proxy's HTML error page, say): reported by status below.
  }
  const problem = Problem.safeParse(body);
  if (!problem.success) return new ApiError({ kind: 'problem', endpoint, status, code: `http_${status}`, message: `HTTP ${status}` });
  const { code, errors } = problem.data;
  return new ApiError({ kind: 'problem', endpoint, status, code, fieldErrors: errors, message: `HTTP ${status} ${code}` });
}

function issuePath(path: PropertyKey[]): string {
  const text = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return text.replace(/^\./, '') || '(body)';
}

/** zod/mini ships no message texts, so the developer message is built from the issue itself. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_format':
      return `invalid ${issue.format}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.code.replace(/_/g, ' ');
  }
}
