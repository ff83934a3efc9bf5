/**
 * What can go wrong in the domain, in the contract's words. The HTTP layer maps each code to a status and
 * a problem+json body in one place (`http/problems.ts`); nothing below it knows about HTTP.
 */
import type { FieldError } from '../../../src/api/request-errors.js';

export type DomainErrorCode =
  | 'slot_unavailable'
  | 'hold_expired'
  | 'invalid_input'
  | 'limit_reached'
  | 'not_found'
  /** The booking's personal data is erased: its manage link says it is over. */
  | 'gone'
  | 'too_late'
  | 'unauthorized'
  | 'rate_limited'
  /** `rules.proofOfWork`: a hold without a solved challenge, or with one that is wrong, expired or spent. */
  | 'proof_required'
  | 'proof_invalid';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly fieldErrors?: FieldError[],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const invalidInput = (field: string, code: string): DomainError =>
  new DomainError('invalid_input', [{ field, code }]);
