/**
 * A tiny client for contract v1 as the conformance suite needs it: every answer is kept raw (status,
 * headers, text) so tests can check the wire, and parsed with the contract's zod schemas
 * (src/api/schemas.ts) where a test expects success. Error answers go through `expectProblem`, which
 * checks what docs/backend.md demands of every 4xx/5xx.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import {
  BookingResponse,
  Catalog,
  DaysResponse,
  Hold,
  Problem,
  SlotsResponse,
  type Booking,
  type Locale,
  type Person,
  type ServiceSelection,
  type Slot,
} from '../../../../src/api/schemas.js';

export interface Answer {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`; a string is sent as it is. */
  body?: unknown;
}

/** `[{ id: 'perso', quantity: 2 }]` → `perso:2`, the `services` query parameter. */
export function servicesParameter(services: readonly ServiceSelection[]): string {
  return services.map(({ id, quantity }) => `${id}:${quantity}`).join(',');
}

export interface BookingBody {
  holdId: string;
  person: Person & Record<string, unknown>;
  notes?: string;
  locale: Locale;
}

export class ContractClient {
  /** Every answer this client received, in order (for header checks across a whole flow). */
  readonly answers: Answer[] = [];
  /** Personal data, codes and tokens this client sent or received: none of them may reach a log. */
  readonly secrets = new Set<string>();

  constructor(
    readonly base: string,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = { ...this.defaultHeaders, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const answer: Answer = { method, url: url.href, status: response.status, headers: response.headers, text, json };
    this.answers.push(answer);
    this.#collectSecrets(options.body, headers, json);
    return answer;
  }

  #collectSecrets(body: unknown, headers: Record<string, string>, json: unknown): void {
    const add = (value: unknown) => {
      if (typeof value === 'string' && value.trim().length >= 6) this.secrets.add(value.trim());
    };
    const record = (value: unknown): Record<string, unknown> =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const sent = record(body);
    Object.values(record(sent.person)).forEach(add);
    add(sent.notes);
    add(sent.code);
    add(sent.email);
    add(/^Bearer (.+)$/.exec(headers.Authorization ?? '')?.[1]);
    const booking = record(record(json).booking);
    add(booking.code);
    add(booking.token);
  }

  get(path: string, query?: RequestOptions['query'], headers?: Record<string, string>): Promise<Answer> {
    return this.request('GET', path, { query, headers });
  }

  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
    return this.request('POST', path, { body, headers });
  }

  delete(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.request('DELETE', path, { headers });
  }

  // --- the contract's operations -------------------------------------------------------------------

  async catalog(language: Locale = 'de'): Promise<Catalog> {
    return expectJson(await this.get('/catalog', undefined, { 'Accept-Language': language }), 200, Catalog);
  }

  daysAnswer(location: string | undefined, services: string | undefined, from: string | undefined, to: string | undefined): Promise<Answer> {
    return this.get('/days', { location, services, from, to });
  }

  async days(location: string, services: readonly ServiceSelection[], from: string, to: string): Promise<DaysResponse> {
    return expectJson(await this.daysAnswer(location, servicesParameter(services), from, to), 200, DaysResponse);
  }

  slotsAnswer(location: string | undefined, services: string | undefined, date: string | undefined): Promise<Answer> {
    return this.get('/slots', { location, services, date });
  }

  async slots(location: string, services: readonly ServiceSelection[], date: string): Promise<Slot[]> {
    return expectJson(await this.slotsAnswer(location, servicesParameter(services), date), 200, SlotsResponse).slots;
  }

  hold(locationId: string, services: readonly ServiceSelection[], start: string): Promise<Answer> {
    return this.post('/holds', { locationId, services, start });
  }

  async holdOk(locationId: string, services: readonly ServiceSelection[], start: string): Promise<Hold> {
    return expectJson(await this.hold(locationId, services, start), 201, Hold);
  }

  extend(holdId: string): Promise<Answer> {
    return this.post(`/holds/${encodeURIComponent(holdId)}/extend`);
  }

  release(holdId: string): Promise<Answer> {
    return this.delete(`/holds/${encodeURIComponent(holdId)}`);
  }

  /** `POST /bookings`; `key: null` leaves the Idempotency-Key header out. */
  book(body: BookingBody | Record<string, unknown>, key: string | null = randomUUID(), headers: Record<string, string> = {}): Promise<Answer> {
    return this.post('/bookings', body, key === null ? headers : { 'Idempotency-Key': key, ...headers });
  }

  async bookOk(body: BookingBody, key: string = randomUUID()): Promise<Booking> {
    return expectJson(await this.book(body, key), 201, BookingResponse).booking;
  }

  lookup(code: string, email: string): Promise<Answer> {
    return this.post('/bookings/lookup', { code, email });
  }

  getBooking(code: string, token: string | null, headers: Record<string, string> = {}): Promise<Answer> {
    return this.get(`/bookings/${encodeURIComponent(code)}`, undefined, { ...bearer(token), ...headers });
  }

  confirm(code: string, token: string | null): Promise<Answer> {
    return this.request('POST', `/bookings/${encodeURIComponent(code)}/confirm`, { headers: bearer(token) });
  }

  cancel(code: string, token: string | null): Promise<Answer> {
    return this.delete(`/bookings/${encodeURIComponent(code)}`, bearer(token));
  }

  reschedule(code: string, token: string | null, holdId: string): Promise<Answer> {
    return this.request('POST', `/bookings/${encodeURIComponent(code)}/reschedule`, { headers: bearer(token), body: { holdId } });
  }
}

function bearer(token: string | null): Record<string, string> {
  return token === null ? {} : { Authorization: `Bearer ${token}` };
}

function describeAnswer(answer: Answer): string {
  return `${answer.method} ${answer.url} → ${answer.status} ${answer.text.slice(0, 400)}`;
}

/** Asserts the status and parses the body with a contract schema. */
export function expectJson<T>(answer: Answer, status: number, schema: z.ZodMiniType<T>): T {
  assert.equal(answer.status, status, describeAnswer(answer));
  const contentType = answer.headers.get('Content-Type') ?? '';
  assert.match(contentType, /^application\/json\b/i, `Content-Type of ${describeAnswer(answer)}`);
  const parsed = schema.safeParse(answer.json);
  assert.ok(parsed.success, `The answer does not match the contract: ${parsed.error?.message}\n${describeAnswer(answer)}`);
  return parsed.data;
}

/** Asserts a bodiless answer such as 204. */
export function expectEmpty(answer: Answer, status: number): void {
  assert.equal(answer.status, status, describeAnswer(answer));
  assert.equal(answer.text, '', `body of ${describeAnswer(answer)}`);
}

/**
 * Asserts an error answer as docs/backend.md wants every one: `application/problem+json`, the `Problem`
 * schema, `status` repeating the HTTP status, and the expected `code`. Returns the problem.
 */
export function expectProblem(answer: Answer, status: number, code?: string): Problem {
  assert.equal(answer.status, status, describeAnswer(answer));
  const contentType = answer.headers.get('Content-Type') ?? '';
  assert.match(contentType, /^application\/problem\+json\b/i, `Content-Type of ${describeAnswer(answer)}`);
  const parsed = Problem.safeParse(answer.json);
  assert.ok(parsed.success, `Not a Problem: ${parsed.error?.message}\n${describeAnswer(answer)}`);
  assert.equal(parsed.data.status, status, `problem.status of ${describeAnswer(answer)}`);
  assert.ok(URL.canParse(parsed.data.type), `problem.type should be a URI: ${describeAnswer(answer)}`);
  assert.ok(parsed.data.title.trim() !== '', `problem.title should say something: ${describeAnswer(answer)}`);
  if (code !== undefined) assert.equal(parsed.data.code, code, `problem.code of ${describeAnswer(answer)}`);
  return parsed.data;
}

/** Asserts `invalid_input` naming `field` (and, when given, with that field code). */
export function expectInvalid(answer: Answer, field?: string, fieldCode?: string): Problem {
  const problem = expectProblem(answer, 422, 'invalid_input');
  if (field !== undefined) {
    const entry = problem.errors?.find((error) => error.field === field);
    assert.ok(entry, `errors should name ${field}: ${JSON.stringify(problem.errors)}`);
    if (fieldCode !== undefined) assert.equal(entry.code, fieldCode, `code of ${field}: ${JSON.stringify(problem.errors)}`);
  }
  return problem;
}
