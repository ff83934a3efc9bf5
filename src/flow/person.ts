import { Email, type FormRules, type Person } from '../api/schemas.js';

/** Every person field the form can show, in the order of the form. */
export const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'birthDate',
  'notes',
] as const;

export type PersonField = (typeof PERSON_FIELDS)[number];

/** What the citizen typed, exactly as typed: nothing is lost or reformatted while they edit. */
export type PersonDraft = Record<PersonField, string>;

/** Always required, so always sent as typed: the form has checked them by the time they are sent. */
const NAME_AND_EMAIL: readonly PersonField[] = ['firstName', 'lastName', 'email'];

export type FieldProblem = 'required' | 'email' | 'birthDate' | 'postalCode' | 'phone';
export type FieldErrors = Partial<Record<PersonField, FieldProblem>>;

export const emptyPerson = (): PersonDraft =>
  Object.fromEntries(PERSON_FIELDS.map((field) => [field, ''])) as PersonDraft;

/** The fields the catalog's one `address` rule governs. */
const ADDRESS_FIELDS: readonly PersonField[] = ['street', 'postalCode', 'city'];

/** Which catalog rule governs a field; name and email are always required. */
export function ruleFor(field: PersonField, rules: FormRules): FormRules[keyof FormRules] {
  if (NAME_AND_EMAIL.includes(field)) return 'required';
  // Phone, birth date and notes have a rule of their own name.
  return rules[ADDRESS_FIELDS.includes(field) ? 'address' : (field as keyof FormRules)];
}

export const visibleFields = (rules: FormRules): PersonField[] =>
  PERSON_FIELDS.filter((field) => ruleFor(field, rules) !== 'hidden');

/** An optional leading +, then at least 6 digits, which spaces, ( ) / and - may separate. */
const PHONE = /^\+?[ ()/-]*(\d[ ()/-]*){6,}$/;
const POSTAL_CODE = /^[0-9]{5}$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Reads "31.12.1980" (or ISO "1980-12-31") as an ISO date; undefined when it is no real past date. */
export function parseBirthDate(text: string, today: string): string | undefined {
  const trimmed = text.trim();
  const german = GERMAN_DATE.exec(trimmed);
  const iso = german
    ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`
    : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const [year, month, day] = iso.split('-').map(Number);
  // A day the month lacks (31.02.) rolls over into the next month, and so is not written the same way back.
  const real = new Date(Date.UTC(year, month - 1, day)).toISOString().startsWith(iso);
  return real && year >= 1900 && iso <= today ? iso : undefined;
}

export function validateField(field: PersonField, draft: PersonDraft, rules: FormRules, today: string): FieldProblem | undefined {
  const rule = ruleFor(field, rules);
  const text = draft[field].trim();
  if (rule === 'hidden') return undefined;
  if (!text) return rule === 'required' ? 'required' : undefined;
  // The contract's own email rule, so the form never accepts what the backend must reject.
  if (field === 'email' && !Email.safeParse(text).success) return 'email';
  if (field === 'phone' && !PHONE.test(text)) return 'phone';
  if (field === 'postalCode' && !POSTAL_CODE.test(text)) return 'postalCode';
  if (field === 'birthDate' && !parseBirthDate(text, today)) return 'birthDate';
  return undefined;
}

export function validatePerson(draft: PersonDraft, rules: FormRules, today: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of visibleFields(rules)) {
    const problem = validateField(field, draft, rules, today);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** The request's person: only fields the town asks for, only when filled in (data minimisation). */
export function toPerson(draft: PersonDraft, rules: FormRules, today: string): { person: Person; notes?: string } {
  const filled: Partial<Record<PersonField, string>> = {};
  for (const field of PERSON_FIELDS) {
    const value = draft[field].trim();
    if (NAME_AND_EMAIL.includes(field) || (value && ruleFor(field, rules) !== 'hidden')) {
      filled[field] = field === 'birthDate' ? parseBirthDate(value, today) : value;
    }
  }
  const { notes, ...person } = filled;
  return notes ? { person: person as Person, notes } : { person: person as Person };
}
