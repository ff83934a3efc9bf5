/**
 * The checks the booking form makes, made again on the server (a request need not come from the widget),
 * plus limits the form does not need to state: lengths, and a birth date in the past.
 */
import type { FieldError } from '../../../src/api/request-errors.js';
import type { BookingRequest } from '../../../src/api/schemas.js';
import { dayOf } from '../../../src/format/zoned-day.js';
import { PERSON_FIELDS, validatePerson, type PersonDraft } from '../../../src/flow/person.js';
import type { TownConfig } from '../config/town-schema.js';

const MAX_LENGTH: Record<string, number> = { notes: 2000 };
const DEFAULT_MAX_LENGTH = 200;

export function personErrors(request: Pick<BookingRequest, 'person' | 'notes'> & Partial<BookingRequest>, town: TownConfig, now: Date): FieldError[] {
  const values: Record<string, string | undefined> = { ...request.person, notes: request.notes };
  const draft = Object.fromEntries(PERSON_FIELDS.map((field) => [field, values[field] ?? ''])) as PersonDraft;
  const errors: FieldError[] = [];
  const problems = validatePerson(draft, town.form, dayOf(now.getTime(), town.timeZone));
  for (const [field, problem] of Object.entries(problems)) {
    errors.push({ field: field === 'notes' ? 'notes' : `person.${field}`, code: problem === 'required' ? 'required' : 'invalid' });
  }
  for (const field of PERSON_FIELDS) {
    if ((values[field]?.length ?? 0) > (MAX_LENGTH[field] ?? DEFAULT_MAX_LENGTH)) {
      errors.push({ field: field === 'notes' ? 'notes' : `person.${field}`, code: 'too_long' });
    }
  }
  return errors;
}

/** One error per field, the first named; a client shows one message per field. */
export function uniqueByField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const error of errors) if (!seen.has(error.field)) seen.set(error.field, error);
  return [...seen.values()];
}

/**
 * With double opt-in, the booking must be confirmed within `pendingConfirmMinutes`, and at the latest
 * when the appointment starts; without it, there is no deadline.
 */
export function confirmationDeadline(town: TownConfig, hold: { locationId: string; start: Date }, now: Date): Date | null {
  const location = town.locations.find((candidate) => candidate.id === hold.locationId);
  if (!location?.doubleOptIn) return null;
  return new Date(Math.min(now.getTime() + town.rules.pendingConfirmMinutes * 60_000, hold.start.getTime()));
}
