/**
 * Checks a request body the way a careful backend does: the contract's schema first, then the catalog's
 * form rules. Field names are paths into the body, e.g. `person.email` or `notes`. Shared by the mock
 * backend and the reference server, so both answer `invalid_input` with the same field codes; the widget
 * does not import it.
 */
import type * as z from 'zod/mini';
import { BookingRequest, UpdateBookingRequest, type FormRules, type Problem } from './schemas.js';

export type FieldError = NonNullable<Problem['errors']>[number];

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

/** One error per offending field of a schema check: `required` when it is missing or blank, else `invalid`. */
export function schemaErrors(schema: z.ZodMiniType, body: unknown): FieldError[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  const fields = new Set(result.error.issues.map((issue) => issue.path.join('.')));
  return [...fields].map((field) => ({ field, code: isBlank(valueAt(body, field)) ? 'required' : 'invalid' }));
}

/** `smsReminders`: whether the catalog offers SMS reminders (`reminders.sms`). */
export function bookingRequestErrors(body: unknown, form: FormRules, smsReminders = false): FieldError[] {
  return formErrors(BookingRequest, body, form, smsReminders && valueAt(body, 'reminders.sms') === true, !smsReminders && valueAt(body, 'reminders.sms') === true);
}

/**
 * `PATCH /bookings/{code}`: the same rules for the person as the booking form. `smsOptedIn`: the booking has
 * an SMS reminder, which needs a number to go to. Notes are not part of it (they are not contact details).
 */
export function updateRequestErrors(body: unknown, form: FormRules, smsOptedIn: boolean): FieldError[] {
  return formErrors(UpdateBookingRequest, body, { ...form, notes: 'optional' }, smsOptedIn, false);
}

function formErrors(schema: z.ZodMiniType, body: unknown, form: FormRules, needsPhone: boolean, smsRefused: boolean): FieldError[] {
  const errors = new Map<string, string>();
  for (const { field, code } of schemaErrors(schema, body)) errors.set(field, code);
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
  // An SMS reminder is sent only when asked for, only where offered, and needs a number to go to.
  if (smsRefused) errors.set('reminders.sms', 'not_allowed');
  else if (needsPhone && isBlank(valueAt(body, 'person.phone'))) errors.set('person.phone', 'required');
  return [...errors].map(([field, code]) => ({ field, code }));
}
