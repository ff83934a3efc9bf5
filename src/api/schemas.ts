/**
 * The termin-buchen backend contract v1, as zod schemas. Every type the widget uses for backend data is
 * inferred from here; docs/api.yaml describes the same contract for backend implementers, and
 * test/api-contract.test.ts keeps the two in agreement.
 *
 * Objects are non-strict: unknown extra fields are dropped, so the contract can grow without breaking
 * old widgets; a missing required field is an error.
 */
import * as z from 'zod/mini';

// Dates, instants and e-mail addresses are checked with the very patterns of zod's `z.iso.*` and
// `z.email()` (`z.regexes`), so they accept exactly what those accept (2026-02-31 is no date); the
// format schemas themselves would add about 0.4 KB gzip to the bundle.

/** Only web links: a backend-sent `javascript:` URL in an `href` would run script on the town's page. */
function isWebUrl(text: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Opaque, URL-safe ids; `,` and `:` are reserved for the `services=ID:QTY,…` query parameter. */
export const Id = z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9._~-]+$/));
/** A calendar day in the backend's time zone. */
export const LocalDate = z.string().check(z.regex(z.regexes.date));
/**
 * An instant, RFC 3339 with offset: exactly what `z.iso.datetime({ offset: true })` accepts (test/schemas.test.ts
 * holds them side by side), built on zod's own date pattern; zod's pattern builder would cost 0.1 KB gzip.
 */
export const DateTime = z.string().check(z.regex(new RegExp(`${z.regexes.date.source.slice(0, -1)}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`)));
/** An e-mail address; the form checks what citizens type with this same rule. */
export const Email = z.string().check(z.regex(z.regexes.email));
/** An absolute http(s) URL; leading and trailing spaces are dropped, as a link would drop them. */
const WebUrl = z.string().check(z.trim(), z.refine(isWebUrl));
const Count = z.int().check(z.nonnegative());
const PositiveCount = z.int().check(z.positive());
const Text = z.string().check(z.minLength(1));
/** Added in v1: what to bring, a short line each ("Aktuelles biometrisches Passfoto"). */
const Requirements = z.optional(z.array(Text));

export const FieldRule = z.enum(['required', 'optional', 'hidden']);

export const Service = z.object({
  id: Id,
  name: Text,
  description: z.optional(z.string()),
  durationMinutes: PositiveCount,
  maxQuantity: PositiveCount,
  requirements: Requirements,
});

export const Address = z.object({ street: z.string(), postalCode: z.string(), city: z.string() });

export const Location = z.object({
  id: Id,
  name: Text,
  address: Address,
  hint: z.optional(z.string()),
  /** Added in v1: bookings here stay `pending` until the citizen opens the e-mail's link; absent means unknown. */
  doubleOptIn: z.optional(z.boolean()),
  /** Added in v1: the office's phone, its opening hours as one text, and a map link; any other link becomes "". */
  phone: z.optional(Text),
  openingHoursText: z.optional(Text),
  mapUrl: z.optional(z.string().check(z.overwrite((text) => (isWebUrl(text) ? text.trim() : '')))),
});

export const Offer = z.object({ serviceId: Id, locationId: Id });

export const FormRules = z.object({
  phone: FieldRule,
  address: FieldRule,
  birthDate: FieldRule,
  notes: FieldRule,
});

export const Catalog = z.object({
  timeZone: Text,
  privacyPolicyUrl: WebUrl,
  services: z.array(Service),
  locations: z.array(Location),
  offers: z.array(Offer),
  form: FormRules,
  bookingHorizonDays: PositiveCount,
  /** Added in v1: `sms: true` when the town sends text message reminders to citizens who ask for one. */
  reminders: z.optional(z.object({ sms: z.boolean() })),
  /** Added in v1: whom citizens call when online booking cannot go on. */
  contact: z.optional(z.object({ phone: Text, email: z.optional(Email) })),
  /** Added in v1: `true` when `POST /holds` needs a solved `GET /challenge` in its `proof` field. */
  proofOfWork: z.optional(z.boolean()),
});

export const DaysResponse = z.object({
  days: z.array(z.object({ date: LocalDate, free: PositiveCount })),
  nextAvailable: z.nullable(LocalDate),
});

export const Slot = z.object({ start: DateTime, end: DateTime });
export const SlotsResponse = z.object({ slots: z.array(Slot) });

export const ServiceSelection = z.object({ id: Id, quantity: PositiveCount });

export const HoldRequest = z.object({
  locationId: Id,
  services: z.array(ServiceSelection).check(z.minLength(1)),
  start: DateTime,
  /** Added in v1: the solved challenge, `base64(JSON {challenge, solution})`, when the catalog says `proofOfWork`. */
  proof: z.optional(z.string()),
});

export const Hold = z.object({ id: Id, expiresAt: DateTime, expiresInSeconds: Count });

export const Person = z.object({
  firstName: Text,
  lastName: Text,
  email: Email,
  phone: z.optional(z.string()),
  street: z.optional(z.string()),
  postalCode: z.optional(z.string()),
  city: z.optional(z.string()),
  birthDate: z.optional(LocalDate),
});

export const Locale = z.enum(['de', 'en']);

export const BookingRequest = z.object({
  holdId: Id,
  person: Person,
  notes: z.optional(z.string()),
  locale: Locale,
  /** Added in v1: the citizen ticked "Erinnerung per SMS"; needs `person.phone` and the catalog's `reminders.sms`. */
  reminders: z.optional(z.object({ sms: z.boolean() })),
});

export const BookingStatus = z.enum(['confirmed', 'pending']);

export const Booking = z.object({
  code: Text,
  token: Text,
  status: BookingStatus,
  start: DateTime,
  end: DateTime,
  location: Location,
  /** `requirements` added in v1, as in the catalog's service. */
  services: z.array(z.object({ id: Id, name: Text, quantity: PositiveCount, requirements: Requirements })),
  /** Added in v1: the last instant it can be cancelled or moved online. */
  changeableUntil: z.optional(DateTime),
  /** Added in v1, `pending` only: the e-mail's link must be opened by then, or the time is freed. */
  confirmBy: z.optional(DateTime),
  /** Added in v1: when the backend erases this booking's personal data by its retention rule. */
  erasesAt: z.optional(DateTime),
});

export const BookingResponse = z.object({ booking: Booking });

export const LookupRequest = z.object({ code: Text, email: Email });

export const RescheduleRequest = z.object({ holdId: Id });

/** Added in v1, `PATCH /bookings/{code}`: the citizen's corrected details, as complete as in the booking form. */
export const UpdateBookingRequest = z.object({ person: Person });

/** Added in v1, `GET /bookings/{code}/data`: every personal datum held for the booking, and when it goes. */
export const PersonalData = z.object({
  person: Person,
  notes: z.optional(z.string()),
  reminders: z.optional(z.object({ sms: z.boolean() })),
  locale: Locale,
  createdAt: DateTime,
  erasesAt: DateTime,
});

/** RFC 9457 problem details; `code` is open-ended so that newer backends can add codes. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  code: z.string(),
  errors: z.optional(z.array(z.object({ field: z.string(), code: z.string() }))),
});

/** The error codes the contract names; the widget has a message for each and a generic one for others. */
export const KNOWN_ERROR_CODES = [
  'slot_unavailable',
  'hold_expired',
  'invalid_input',
  'limit_reached',
  'not_found',
  'gone',
  'too_late',
  'unauthorized',
  'rate_limited',
] as const;

export type FieldRule = z.infer<typeof FieldRule>;
export type Service = z.infer<typeof Service>;
export type Address = z.infer<typeof Address>;
export type Location = z.infer<typeof Location>;
export type Offer = z.infer<typeof Offer>;
export type FormRules = z.infer<typeof FormRules>;
export type Catalog = z.infer<typeof Catalog>;
export type DaysResponse = z.infer<typeof DaysResponse>;
export type Slot = z.infer<typeof Slot>;
export type SlotsResponse = z.infer<typeof SlotsResponse>;
export type ServiceSelection = z.infer<typeof ServiceSelection>;
export type HoldRequest = z.infer<typeof HoldRequest>;
export type Hold = z.infer<typeof Hold>;
export type Person = z.infer<typeof Person>;
export type Locale = z.infer<typeof Locale>;
export type BookingRequest = z.infer<typeof BookingRequest>;
export type BookingStatus = z.infer<typeof BookingStatus>;
export type Booking = z.infer<typeof Booking>;
export type BookingResponse = z.infer<typeof BookingResponse>;
export type LookupRequest = z.infer<typeof LookupRequest>;
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;
export type UpdateBookingRequest = z.infer<typeof UpdateBookingRequest>;
export type PersonalData = z.infer<typeof PersonalData>;
export type Problem = z.infer<typeof Problem>;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];
