/**
 * Checks a booking request the way a careful backend would: the contract's schema first, then the
 * catalog's form rules. Field names are paths into the request body, e.g. `person.email` or `notes`.
 */
import type * as z from 'zod/mini';
import { BookingRequest, type FormRules, type Problem } from '../api/schemas.js';
import { MockProblem } from './problems.js';

type FieldError = NonNullable<Problem['errors']>[number];

/** Which request fields each form rule governs. */
const FIELDS_BY_RULE: Record<keyof FormRules, string[]> = {
  phone: ['person.phone'],
  address: ['person.street', 'person.postalCode', 'person.city'],
  birthDate: ['person.birthDate'],
  notes: ['notes'],
};

const REQUIRED_PERSON_FIELDS = ['person.firstName', 'person.lastName', 'person.email'];

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function bookingRequestErrors(body: unknown, form: FormRules): FieldError[] {
  const errors = new Map<string, string>();
  const parsed = BookingRequest.safeParse(body);
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path.join('.');
    errors.set(field, isBlank(valueAt(body, field)) ? 'required' : 'invalid');
  }
  for (const field of REQUIRED_PERSON_FIELDS) {
    if (isBlank(valueAt(body, field))) errors.set(field, 'required');
  }
  for (const [rule, fields] of Object.entries(FIELDS_BY_RULE) as [keyof FormRules, string[]][]) {
    for (const field of fields) {
      const value = valueAt(body, field);
      if (form[rule] === 'required' && isBlank(value)) errors.set(field, 'required');
      if (form[rule] === 'hidden' && value !== undefined) errors.set(field, 'not_allowed');
    }
  }
  return [...errors].map(([field, code]) => ({ field, code }));
}

/** The body parsed by the schema, or `invalid_input` naming each offending field. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = new Set(result.error.issues.map((issue) => issue.path.join('.')));
  throw new MockProblem('invalid_input', [...fields].map((field) => ({ field, code: isBlank(valueAt(body, field)) ? 'required' : 'invalid' })));
}
