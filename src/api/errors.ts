import type { Problem } from './schemas.js';

/**
 * - `network`: no response (offline, DNS, CORS).
 * - `timeout`: no complete response in time.
 * - `invalid_response`: the backend answered outside the contract (a bug to fix in the backend).
 * - `problem`: the backend answered with an error status; `code` says which.
 * - `aborted`: a newer call of the same kind replaced this one; callers ignore it.
 */
export type ApiErrorKind = 'network' | 'timeout' | 'invalid_response' | 'problem' | 'aborted';

export type FieldError = NonNullable<Problem['errors']>[number];

export interface ApiErrorInit {
  kind: ApiErrorKind;
  /** Method and path template, like `POST /holds/{id}/extend`: safe to log, it never holds ids or personal data. */
  endpoint: string;
  message: string;
  code?: string;
  status?: number;
  fieldErrors?: FieldError[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** The problem `code` for kind `problem` (`http_<status>` when the body was no problem+json); otherwise the kind. */
  readonly code: string;
  readonly status?: number;
  readonly endpoint: string;
  readonly fieldErrors: FieldError[];

  constructor(init: ApiErrorInit) {
    super(`${init.endpoint}: ${init.message}`);
    this.kind = init.kind;
    this.code = init.code ?? init.kind;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.fieldErrors = init.fieldErrors ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
