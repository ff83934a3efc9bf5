/**
 * The town file's shape: one YAML document per town, validated at start. Every field is documented in
 * docs/server-town-file.md; defaults live here and nowhere else.
 */
import * as z from 'zod';
import { Id } from '../../../src/api/schemas.js';

const Day = z.iso.date();
const Text = z.string().trim().min(1);

/**
 * The contract's id rule, restated with a message a town's IT can act on: the contract's own regex says only
 * "must match pattern", and the contract stays the single source of which characters are allowed.
 */
const TownId = z
  .string()
  .min(1)
  .refine((text) => Id.safeParse(text).success, 'an id may contain only letters A-Z a-z, digits and . _ ~ - (no spaces, no umlauts)');

/**
 * An origin as browsers send it in `Origin`: scheme, host and port. A path would be silently ignored by CORS,
 * so it is refused rather than dropped: whoever wrote one probably expected it to mean something.
 */
export const Origin = z
  .string()
  .trim()
  .refine(isHttpOrigin, 'expected an origin: http:// or https://, a host and an optional port, without a path, e.g. https://www.musterstadt.de')
  .transform((text) => new URL(text).origin);

/** A name or text in German, optionally in English; English pages fall back to German. */
export const LocalizedText = z.union([
  Text.transform((de) => ({ de, en: de })),
  z.strictObject({ de: Text, en: Text.optional() }).transform(({ de, en }) => ({ de, en: en ?? de })),
]);

const Clock = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `08:00-12:00`: a local opening interval; 24:00 is allowed as an end. */
export const OpeningInterval = z
  .string()
  .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'expected HH:MM-HH:MM, e.g. 08:00-12:00')
  .transform((text) => text.split('-') as [string, string])
  .refine(([from, to]) => Clock.test(from) && (Clock.test(to) || to === '24:00'), 'not a time of day')
  .refine(([from, to]) => from < to, 'the interval must end after it starts');

/** `2026-12-24` or an inclusive range `2027-02-15..2027-02-16`. */
export const ClosureDays = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d(\.\.\d{4}-\d\d-\d\d)?$/, 'expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD')
  .transform((text) => {
    const [first, last = first] = text.split('..');
    return { first, last };
  })
  .refine(({ first, last }) => Day.safeParse(first).success && Day.safeParse(last).success, 'not a calendar date')
  .refine(({ first, last }) => first <= last, 'the range must not end before it starts');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One weekday's intervals. They may touch (08:00-12:00, 12:00-16:00); an overlap would offer the shared time twice. */
const DayIntervals = z.array(OpeningInterval).superRefine((intervals, context) =>
  intervals.forEach(([from, to], index) => {
    const earlier = intervals.slice(0, index).find(([otherFrom, otherTo]) => from < otherTo && otherFrom < to);
    if (earlier) {
      context.addIssue({
        code: 'custom',
        path: [index],
        message: `overlaps the interval ${earlier.join('-')} of the same day`,
      });
    }
  }));
export const OpeningHours = z.partialRecord(z.enum(WEEKDAYS), DayIntervals);

const FieldRule = z.enum(['required', 'optional', 'hidden']);

/** Each field defaults on its own, so a town that only wants the phone number required writes just that. */
const Form = z.strictObject({
  phone: FieldRule.default('optional'),
  address: FieldRule.default('hidden'),
  birthDate: FieldRule.default('hidden'),
  notes: FieldRule.default('optional'),
});

export const ServiceConfig = z.strictObject({
  id: TownId,
  name: LocalizedText,
  /** What to bring; shown under the service in the widget and in the confirmation. */
  description: LocalizedText.optional(),
  durationMinutes: z.int().min(1).max(480),
  maxQuantity: z.int().min(1).max(20),
  /** What to bring, one short line each; shown on the review step, the confirmation and in the calendar file. */
  requirements: z.array(LocalizedText).default([]),
});

export const LocationConfig = z.strictObject({
  id: TownId,
  name: LocalizedText,
  address: z.strictObject({ street: Text, postalCode: Text, city: Text }),
  hint: LocalizedText.optional(),
  /** The office's own phone, its opening hours for people, and a map link; shown in the confirmation. */
  phone: Text.optional(),
  openingHoursText: LocalizedText.optional(),
  mapUrl: z.url({ protocol: /^https?$/ }).optional(),
  counters: z.int().min(1).max(100),
  doubleOptIn: z.boolean().default(false),
  services: z.array(TownId).min(1).superRefine((ids, context) =>
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: [index], message: `service "${id}" is listed twice` });
    })),
  openingHours: OpeningHours,
  closures: z.array(ClosureDays).default([]),
});

export const Rules = z.strictObject({
  bookingHorizonDays: z.int().min(1).max(730).default(90),
  minimumNoticeMinutes: z.int().min(0).default(120),
  slotStepMinutes: z.int().min(5).max(120).default(15),
  holdMinutes: z.int().min(1).max(60).default(10),
  changeDeadlineHours: z.int().min(0).default(24),
  maxActiveBookingsPerEmail: z.int().min(1).default(3),
  pendingConfirmMinutes: z.int().min(5).default(120),
  reminderHoursBefore: z.int().min(1).max(336).default(24),
  /** A hold needs a solved proof-of-work challenge (GET /challenge), which the widget solves unseen. */
  proofOfWork: z.boolean().default(false),
});

/** Who the emails come from. Defaults to the town's name and contact address, which a town may want to change. */
export const MailSettings = z.strictObject({
  from: z.email().optional(),
  fromName: Text.optional(),
  replyTo: z.email().optional(),
});

/**
 * How long a booking's personal data is kept (docs/privacy.md). What stays afterwards holds nothing personal:
 * location, services, times and status, for the town's statistics.
 */
export const Retention = z.strictObject({
  /** Erased this many days after the appointment ended. */
  afterAppointmentDays: z.int().min(0).max(3650).default(30),
  /** A cancelled booking's data goes as soon as the cancellation notice is out, not after the appointment. */
  cancelledImmediately: z.boolean().default(true),
});

export const Reminders = z.strictObject({
  /** Offer "Erinnerung per SMS" in the form; the citizen must still tick it. */
  sms: z.boolean().default(false),
});

/**
 * How SMS reminders leave the server. `log` prints the text (never the number) for development; `http` calls
 * a gateway, so that a provider with an HTTP API can be configured without code. `{{to}}` and `{{text}}` in
 * `url` and `body` are replaced, escaped for where they stand.
 */
export const SmsSettings = z
  .strictObject({
    driver: z.enum(['log', 'http']).default('log'),
    url: z.url({ protocol: /^https?$/ }).optional(),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
    /** The whole `Authorization` header value; the environment variable SMS_AUTHORIZATION replaces it. */
    authorization: Text.optional(),
    contentType: z.enum(['application/json', 'application/x-www-form-urlencoded']).default('application/json'),
    body: z.string().optional(),
  })
  // A flat block rather than a union per driver: the loader's messages for unions assume texts in two languages.
  .superRefine((sms, context) => {
    if (sms.driver === 'http' && !sms.url) context.addIssue({ code: 'custom', path: ['url'], message: 'the http driver needs the gateway\'s url' });
  });

export const TownConfig = z
  .strictObject({
    town: Text,
    timeZone: Text.refine(isTimeZone, 'not an IANA time zone, e.g. Europe/Berlin'),
    state: z.enum(['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH']),
    bookingPageUrl: z.url({ protocol: /^https?$/ }),
    allowedOrigins: z.array(Origin).default([]),
    privacyPolicyUrl: z.url({ protocol: /^https?$/ }),
    contact: z.strictObject({ phone: Text, email: z.email() }),
    rules: Rules.default(Rules.parse({})),
    form: Form.default(Form.parse({})),
    mail: MailSettings.default({}),
    reminders: Reminders.default(Reminders.parse({})),
    sms: SmsSettings.default(SmsSettings.parse({})),
    retention: Retention.default(Retention.parse({})),
    services: z.array(ServiceConfig).min(1),
    locations: z.array(LocationConfig).min(1),
  })
  .superRefine((town, context) => {
    if (town.reminders.sms && town.form.phone === 'hidden') {
      context.addIssue({ code: 'custom', path: ['reminders', 'sms'], message: 'SMS reminders need the phone number: set form.phone to optional or required' });
    }
    const serviceIds = new Set(town.services.map((service) => service.id));
    // The issue points at the second occurrence: that is the entry the town most likely copied and forgot to rename.
    town.services.forEach(({ id }, index) => {
      const first = town.services.findIndex((service) => service.id === id);
      if (first !== index) {
        context.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `service id "${id}" is already used by services[${first}]` });
      }
    });
    town.locations.forEach(({ id }, index) => {
      const first = town.locations.findIndex((location) => location.id === id);
      if (first !== index) {
        context.addIssue({ code: 'custom', path: ['locations', index, 'id'], message: `location id "${id}" is already used by locations[${first}]` });
      }
    });
    town.locations.forEach((location, index) =>
      location.services.forEach((id, serviceIndex) => {
        if (!serviceIds.has(id)) {
          context.addIssue({
            code: 'custom',
            path: ['locations', index, 'services', serviceIndex],
            message: `unknown service "${id}": it is not listed under services`,
          });
        }
      }));
  });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isHttpOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    !text.includes('?') &&
    !text.includes('#')
  );
}

export type TownConfig = z.output<typeof TownConfig>;
export type LocationConfig = z.output<typeof LocationConfig>;
export type ServiceConfig = z.output<typeof ServiceConfig>;
export type Rules = z.output<typeof Rules>;
export type SmsSettings = z.output<typeof SmsSettings>;
export type Retention = z.output<typeof Retention>;
export type OpeningHours = z.output<typeof OpeningHours>;
export type Weekday = (typeof WEEKDAYS)[number];
