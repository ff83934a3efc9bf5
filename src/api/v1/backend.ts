/**
 * Contract v1 (docs/api.yaml) as the first adapter behind the backend port: every `fetch` of a v1
 * backend happens here, every answer is checked against schemas.ts before anyone else sees it, and v1's
 * status codes and error codes become the port's domain errors.
 */
import * as z from 'zod/mini';
import { BackendError, registerBackend, type Backend, type BackendOptions, type BookingRef, type Capabilities, type DaysQuery, type ErrorReason, type SlotsQuery } from '../port.js';
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
} from '../schemas.js';
import { ProofOfWorkChallenge, solveProofOfWork } from '../proof-of-work.js';
import { v1Links } from './link.js';

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
  getChallenge: { method: 'GET', path: '/challenge', response: ProofOfWorkChallenge },
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

export interface V1Options extends BackendOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** One entry per retry of a request that is safe to repeat. */
  retryDelaysMs?: number[];
}

interface CallOptions {
  /** The booking the path names (`{code}`); its token authorises the call. */
  ref?: BookingRef;
  /** The hold the path names (`{id}`). */
  holdId?: string;
  query?: Record<string, string>;
  body?: HoldRequest | BookingRequest | LookupRequest | RescheduleRequest | UpdateBookingRequest;
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

/** 502, 503, 504: gateway failures that a repeated request may get past. */
const isTransient = (status: number) => status > 501 && status < 505;

/** v1's error codes that name a port reason of their own; codes not here and not in REASONS mean the backend failed (`unavailable`). */
const SAME_REASONS: readonly string[] = ['hold_expired', 'invalid_input', 'limit_reached', 'not_found', 'gone', 'too_late', 'rate_limited'] satisfies ErrorReason[];

/** v1's error codes in the port's words, where the words differ. */
const REASONS: Record<string, ErrorReason> = {
  slot_unavailable: 'slot_taken',
  unauthorized: 'not_allowed',
  proof_required: 'proof_failed',
  proof_invalid: 'proof_failed',
};

/** Every v1 backend offers every action of the contract. */
const V1_CAPABILITIES: Capabilities = { canExtendHold: true, canReschedule: true, canLookup: true, canManageData: true, canErase: true };

export class V1Backend implements Backend {
  readonly capabilities = V1_CAPABILITIES;
  readonly links = v1Links;
  readonly #baseUrl: string;
  readonly #options: V1Options;
  readonly #timeoutMs: number;
  readonly #retryDelaysMs: number[];
  readonly #inFlight = new Map<EndpointSpec, AbortController>();
  /** The catalog said `proofOfWork`: holds carry a solved challenge. */
  #proofOfWork = false;

  constructor(options: V1Options) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retryDelaysMs = options.retryDelaysMs ?? [300, 900];
  }

  async catalog(): Promise<Catalog> {
    const catalog = await this.#receive(ENDPOINTS.getCatalog, {});
    this.#proofOfWork = catalog.proofOfWork === true;
    return catalog;
  }

  days(q: DaysQuery): Promise<DaysResponse> {
    const query = { location: q.locationId, services: servicesParam(q.services), from: q.from, to: q.to };
    return this.#receive(ENDPOINTS.getDays, { query, supersede: true });
  }

  slots(q: SlotsQuery): Promise<SlotsResponse> {
    const query = { location: q.locationId, services: servicesParam(q.services), date: q.date };
    return this.#receive(ENDPOINTS.getSlots, { query, supersede: true });
  }

  hold(body: HoldRequest): Promise<Hold> {
    return this.#hold(body, false);
  }

  /**
   * Where the catalog asks for it, a solved proof-of-work goes with the hold. A refused proof (expired,
   * say) gets one fresh try, and so does a backend that asks for one without announcing it.
   */
  async #hold(body: HoldRequest, retried: boolean): Promise<Hold> {
    try {
      return await this.#receive(ENDPOINTS.createHold, { body: this.#proofOfWork ? { ...body, proof: await this.#prove() } : body });
    } catch (error) {
      if (retried || !(error instanceof BackendError) || !['proof_required', 'proof_invalid'].includes(error.code)) throw error;
      this.#proofOfWork = true;
      return this.#hold(body, true);
    }
  }

  /** A fresh challenge from `GET /challenge`. */
  challenge(): Promise<ProofOfWorkChallenge> {
    return this.#receive(ENDPOINTS.getChallenge, {});
  }

  async #prove(): Promise<string> {
    const challenge = await this.challenge();
    try {
      return await solveProofOfWork(challenge, this.#options.onWork);
    } catch (error) {
      throw new BackendError({ reason: 'proof_failed', code: 'proof_unsolved', message: `GET /challenge: ${String(error)}` });
    }
  }

  extend(holdId: string): Promise<Hold> {
    return this.#receive(ENDPOINTS.extendHold, { holdId });
  }

  async release(holdId: string, { keepalive = false } = {}): Promise<void> {
    await this.#send(ENDPOINTS.releaseHold, { holdId, keepalive });
  }

  /** The attempt is v1's Idempotency-Key: a repeated POST returns the first answer instead of a second booking. */
  book(body: BookingRequest, attempt: string): Promise<Booking> {
    return this.#booking(ENDPOINTS.createBooking, { body, idempotencyKey: attempt });
  }

  find(code: string, email: string): Promise<Booking> {
    return this.#booking(ENDPOINTS.lookupBooking, { body: { code, email } });
  }

  get(ref: BookingRef): Promise<Booking> {
    return this.#booking(ENDPOINTS.getBooking, { ref });
  }

  confirm(ref: BookingRef): Promise<Booking> {
    return this.#booking(ENDPOINTS.confirmBooking, { ref });
  }

  /** `erase`: a flag in the query, never data. */
  async cancel(ref: BookingRef, erase?: boolean): Promise<void> {
    await this.#send(ENDPOINTS.cancelBooking, { ref, query: erase ? { erase: 'true' } : undefined });
  }

  personalData(ref: BookingRef): Promise<PersonalData> {
    return this.#receive(ENDPOINTS.getBookingData, { ref });
  }

  update(ref: BookingRef, body: UpdateBookingRequest): Promise<Booking> {
    return this.#booking(ENDPOINTS.updateBooking, { ref, body });
  }

  reschedule(ref: BookingRef, holdId: string): Promise<Booking> {
    return this.#booking(ENDPOINTS.rescheduleBooking, { ref, body: { holdId } });
  }

  /** The booking of a `BookingResponse`. */
  async #booking(spec: EndpointSpec & { response: typeof BookingResponse }, options: CallOptions): Promise<Booking> {
    return (await this.#receive(spec, options)).booking;
  }

  async #receive<S extends z.ZodMiniType>(spec: EndpointSpec & { response: S }, options: CallOptions): Promise<z.output<S>> {
    const text = await this.#send(spec, options);
    const endpoint = endpointName(spec);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw failure('invalid_response', endpoint, 'not JSON');
    }
    const result = spec.response.safeParse(body);
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    throw failure('invalid_response', endpoint, describeIssue(issue));
  }

  /** Resolves with the body of a 2xx answer. */
  async #send(spec: EndpointSpec, options: CallOptions): Promise<string> {
    const endpoint = endpointName(spec);
    // Every path names one thing at most: a booking or a hold.
    const path = spec.path.replace(/\{\w+\}/, () => encodeURIComponent(options.ref?.code ?? options.holdId ?? ''));
    const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
    const headers: Record<string, string> = { 'Accept-Language': this.#options.lang() };
    if (options.body) headers['Content-Type'] = 'application/json';
    if (options.ref?.token) headers.Authorization = `Bearer ${options.ref.token}`;
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
        if (!mayRetry || !isTransient(reply.status)) return reply;
      } catch (error) {
        const transient = error instanceof BackendError && (error.reason === 'network' || error.reason === 'timeout');
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
        throw failure('timeout', endpoint, `timed out (${this.#timeoutMs} ms)`);
      }
      throw failure('network', endpoint, 'offline or CORS');
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

/** A failure without an answer to read: the reason is its own code. */
function failure(reason: 'network' | 'timeout' | 'invalid_response' | 'aborted', endpoint: string, message: string): BackendError {
  return new BackendError({ reason, code: reason, message: `${endpoint}: ${message}` });
}

function abortedError(endpoint: string): BackendError {
  return failure('aborted', endpoint, 'superseded');
}

function problemError(reply: Reply, endpoint: string): BackendError {
  const { status } = reply;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    // Not JSON (a proxy's HTML error page, say): reported by status below.
  }
  const problem = Problem.safeParse(body);
  // Not problem+json: a proxy's error page, say. The status alone still tells a crowded backend from a broken one.
  const code = problem.data?.code ?? `http_${status}`;
  const reason = SAME_REASONS.includes(code) ? (code as ErrorReason) : Object.hasOwn(REASONS, code) ? REASONS[code] : status === 429 ? 'rate_limited' : 'unavailable';
  return new BackendError({ reason, code, fields: problem.data?.errors, message: `${endpoint}: HTTP ${status} ${code}` });
}

/**
 * Where the issue is (`slots[1].start`) and what it is: zod/mini ships no message texts, so the issue's
 * code, and the type or format it expected where it says.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const expected = issue.code === 'invalid_type' ? issue.expected : issue.code === 'invalid_format' ? issue.format : '';
  return `${path.replace(/^\./, '') || '(body)'}: ${issue.code} ${expected}`.trim();
}

registerBackend('v1', (options) => new V1Backend(options));
