/**
 * Every error answer, in one place: domain errors and HTTP-level refusals become RFC 9457 problem+json
 * with a machine-readable `code`. Texts never include what the client sent.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError } from '../../../src/api/request-errors.js';
import type { Locale, Problem } from '../../../src/api/schemas.js';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';

export type ProblemCode =
  | DomainErrorCode
  | 'bad_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'server_error';

const STATUS: Record<ProblemCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  proof_required: 403,
  proof_invalid: 403,
  not_found: 404,
  gone: 410,
  method_not_allowed: 405,
  slot_unavailable: 409,
  hold_expired: 409,
  too_late: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  limit_reached: 429,
  rate_limited: 429,
  server_error: 500,
};

const TITLE: Record<Locale, Record<ProblemCode, string>> = {
  en: {
    bad_request: 'The request is not valid JSON.',
    unauthorized: 'A valid booking token is required.',
    proof_required: 'A solved proof-of-work challenge (GET /challenge) is required.',
    proof_invalid: 'The proof of work is wrong, expired or already used.',
    not_found: 'Nothing was found.',
    gone: 'This booking is over; its personal data has been erased.',
    method_not_allowed: 'This method is not allowed here.',
    slot_unavailable: 'This time is no longer available.',
    hold_expired: 'The reservation of this time has expired.',
    too_late: 'The appointment can no longer be changed online.',
    payload_too_large: 'The request is too large.',
    unsupported_media_type: 'The request body must be application/json.',
    invalid_input: 'Some fields are invalid.',
    limit_reached: 'This e-mail address already has as many bookings as allowed.',
    rate_limited: 'Too many requests. Please try again shortly.',
    server_error: 'The server could not answer.',
  },
  de: {
    bad_request: 'Die Anfrage ist kein gültiges JSON.',
    unauthorized: 'Ein gültiger Buchungsschlüssel ist erforderlich.',
    proof_required: 'Eine gelöste Proof-of-Work-Aufgabe (GET /challenge) ist erforderlich.',
    proof_invalid: 'Der Proof of Work ist falsch, abgelaufen oder schon verbraucht.',
    not_found: 'Nichts gefunden.',
    gone: 'Dieser Termin ist vorbei; seine persönlichen Daten sind gelöscht.',
    method_not_allowed: 'Diese Methode ist hier nicht erlaubt.',
    slot_unavailable: 'Diese Uhrzeit ist nicht mehr frei.',
    hold_expired: 'Die Reservierung dieser Uhrzeit ist abgelaufen.',
    too_late: 'Der Termin kann online nicht mehr geändert werden.',
    payload_too_large: 'Die Anfrage ist zu groß.',
    unsupported_media_type: 'Der Inhalt der Anfrage muss application/json sein.',
    invalid_input: 'Einige Angaben sind ungültig.',
    limit_reached: 'Für diese E-Mail-Adresse bestehen bereits so viele Buchungen wie erlaubt.',
    rate_limited: 'Zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.',
    server_error: 'Der Server konnte nicht antworten.',
  },
};

/** Thrown by the HTTP layer for refusals that are not domain errors (bad JSON, wrong media type …). */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly fieldErrors?: FieldError[],
  ) {
    super(code);
  }
}

/** Seconds a client should wait after a 429 `rate_limited`. */
export const RETRY_AFTER_HEADER = 'Retry-After';

export function problemBody(code: ProblemCode, locale: Locale, fieldErrors?: FieldError[]): Problem {
  return {
    type: `https://termin-buchen.invalid/problems/${code.replaceAll('_', '-')}`,
    title: TITLE[locale][code],
    status: STATUS[code],
    code,
    ...(fieldErrors && fieldErrors.length > 0 ? { errors: fieldErrors } : {}),
  };
}

export function problemResponse(c: Context, code: ProblemCode, locale: Locale, fieldErrors?: FieldError[], retryAfterSeconds?: number): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (retryAfterSeconds !== undefined) headers[RETRY_AFTER_HEADER] = String(retryAfterSeconds);
  return c.body(JSON.stringify(problemBody(code, locale, fieldErrors)), STATUS[code], headers);
}

/** The problem for anything thrown while answering; unknown errors are a 500 without details. */
export function problemFor(error: unknown): { code: ProblemCode; fieldErrors?: FieldError[] } {
  if (error instanceof DomainError || error instanceof HttpProblem) return { code: error.code, fieldErrors: error.fieldErrors };
  return { code: 'server_error' };
}
