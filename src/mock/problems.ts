/** RFC 9457 problem responses, as every endpoint of the contract answers its errors. */
import { HttpResponse } from 'msw';
import type { KnownErrorCode, Problem } from '../api/schemas.js';

/** The contract's codes plus generic ones a real backend might send, which the widget must survive. */
export type ProblemCode = KnownErrorCode | 'server_error' | 'unavailable' | 'bad_request' | 'forbidden' | 'conflict';
type FieldError = NonNullable<Problem['errors']>[number];

export const STATUS_BY_CODE: Record<ProblemCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  slot_unavailable: 409,
  hold_expired: 409,
  too_late: 409,
  invalid_input: 422,
  limit_reached: 429,
  rate_limited: 429,
  server_error: 500,
  unavailable: 503,
};

const TITLE_BY_CODE: Record<ProblemCode, string> = {
  bad_request: 'The request is malformed.',
  unauthorized: 'A valid booking token is required.',
  forbidden: 'This request is not allowed.',
  not_found: 'Nothing was found.',
  gone: 'This booking is over; its personal data has been erased.',
  conflict: 'The request conflicts with the current state.',
  slot_unavailable: 'The slot is no longer available.',
  hold_expired: 'The hold has expired.',
  too_late: 'The appointment can no longer be changed.',
  invalid_input: 'Some fields are invalid.',
  limit_reached: 'This e-mail address has reached the limit of active bookings.',
  rate_limited: 'Too many requests.',
  server_error: 'The server failed to answer.',
  unavailable: 'The service is temporarily unavailable.',
};

/** Thrown by the mock's domain logic; the handler turns it into a problem response. */
export class MockProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly errors?: FieldError[],
    readonly status: number = STATUS_BY_CODE[code],
  ) {
    super(code);
  }
}

export function problemResponse({ code, errors, status }: MockProblem): Response {
  const body: Problem = {
    type: `https://termin-buchen.invalid/problems/${code.replaceAll('_', '-')}`,
    title: TITLE_BY_CODE[code],
    status,
    code,
    ...(errors ? { errors } : {}),
  };
  const headers = new Headers({ 'Content-Type': 'application/problem+json' });
  if (status === 429 || status === 503) headers.set('Retry-After', '30');
  return HttpResponse.json(body, { status, headers });
}
