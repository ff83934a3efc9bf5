/**
 * Every `fetch` to a ZMS citizen API. Paths end in `/` as ZMS routes them; answers are checked against
 * the wire schemas before anyone reads them; failures become the port's domain errors.
 */
import type * as z from 'zod/mini';
import { BackendError } from '../port.js';
import { errorFromAnswer, type ZmsContext } from './errors.js';

export interface ZmsCall<S extends z.ZodMiniType> {
  method: 'GET' | 'POST';
  /** `/available-calendar/` */
  path: string;
  /** Only ids, dates, counts and ZMS's own keys: never a name or an address. */
  query?: Record<string, string>;
  body?: object;
  answer: S;
  context?: ZmsContext;
  signal?: AbortSignal;
  keepalive?: boolean;
}

const TIMEOUT_MS = 15_000;
/** Gateway failures a repeated read may get past; writes are not repeated, ZMS has no idempotency key. */
const TRANSIENT_STATUSES = [502, 503, 504];
const RETRY_DELAY_MS = 400;

const failure = (reason: 'network' | 'timeout' | 'invalid_response' | 'aborted', operation: string, message: string) =>
  new BackendError({ reason, code: reason, message: `${operation}: ${message}` });

export class ZmsHttp {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async call<S extends z.ZodMiniType>(call: ZmsCall<S>): Promise<z.output<S>> {
    const operation = `${call.method} ${call.path}`;
    const text = await this.#send(call, operation);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw failure('invalid_response', operation, 'response body is not JSON');
    }
    const result = call.answer.safeParse(json);
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    // The path into the answer and the kind of problem only: answers carry names and e-mail addresses.
    throw failure('invalid_response', operation, `${issue.path.join('.') || '(body)'}: ${issue.code}`);
  }

  async #send(call: ZmsCall<z.ZodMiniType>, operation: string): Promise<string> {
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const init: RequestInit = {
      method: call.method,
      headers: call.body ? { 'Content-Type': 'application/json' } : {},
      body: call.body && JSON.stringify(call.body),
      credentials: 'omit',
      cache: 'no-store',
      keepalive: call.keepalive,
    };
    for (let attempt = 0; ; attempt++) {
      const mayRetry = call.method === 'GET' && attempt === 0;
      try {
        const { status, ok, text } = await this.#attempt(`${this.#baseUrl}${call.path}${query}`, init, operation, call.signal);
        if (ok) return text;
        if (!mayRetry || !TRANSIENT_STATUSES.includes(status)) throw errorFromAnswer(status, text, operation, call.context ?? 'booking');
      } catch (error) {
        const transient = error instanceof BackendError && (error.reason === 'network' || error.reason === 'timeout');
        if (!mayRetry || !transient) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }

  async #attempt(url: string, init: RequestInit, operation: string, cancel?: AbortSignal): Promise<{ status: number; ok: boolean; text: string }> {
    if (cancel?.aborted) throw failure('aborted', operation, 'superseded by a newer request');
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, TIMEOUT_MS);
    cancel?.addEventListener('abort', abort);
    try {
      const response = await globalThis.fetch(url, { ...init, signal: controller.signal });
      return { status: response.status, ok: response.ok, text: await response.text() };
    } catch {
      if (cancel?.aborted) throw failure('aborted', operation, 'superseded by a newer request');
      if (controller.signal.aborted) throw failure('timeout', operation, `no response within ${TIMEOUT_MS} ms`);
      throw failure('network', operation, 'network error (offline, or blocked by CORS?)');
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', abort);
    }
  }
}
