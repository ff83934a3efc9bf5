/**
 * What a ZMS (eappointment) citizen API answers, as far as the adapter reads it. Shapes follow the
 * fixtures and schemas in eappointment's zmscitizenapi tests (test/zms/fixtures), including where the
 * real answers drift from eappointment's own JSON schemas: those drifts are accepted here on purpose,
 * because that is what a town's ZMS sends.
 *
 * Objects are non-strict: keys the adapter does not read are dropped, so fields ZMS adds later break
 * nothing. Success bodies are bare objects (no `meta`/`data` wrapper), except the captcha endpoints'.
 */
import * as z from 'zod/mini';

const Int = z.int();
/** ZMS sends ids as ints in most places and as strings in some (`availableDays[].offices[].officeId`). */
const NumericId = z.union([Int, z.string().check(z.regex(/^\d+$/))]);
/** PHP leaves a flag unset as `null` (e.g. every scope flag of a preconfirmed process): null means "not set". */
const Flag = z.nullable(z.boolean());
const OptionalText = z.optional(z.nullable(z.string()));
/** Unix seconds as a decimal string, as ThinnedProcess sends `timestamp`. */
export const UnixSecondsText = z.string().check(z.regex(/^\d{1,12}$/));

export const Contact = z.object({
  street: OptionalText,
  streetNumber: OptionalText,
  postalCode: OptionalText,
  city: OptionalText,
});

export const Provider = z.object({
  /** An int in every answer, though eappointment's schema says string. */
  id: z.optional(z.nullable(NumericId)),
  name: OptionalText,
  displayName: OptionalText,
  contact: z.optional(z.nullable(Contact)),
});

/** A scope's flags decide which contact fields the office asks for, and whether it wants a captcha token. */
export const Scope = z.object({
  provider: z.optional(z.nullable(Provider)),
  telephoneActivated: z.optional(Flag),
  telephoneRequired: z.optional(Flag),
  customTextfieldActivated: z.optional(Flag),
  customTextfieldRequired: z.optional(Flag),
  customTextfield2Activated: z.optional(Flag),
  customTextfield2Required: z.optional(Flag),
  captchaActivatedRequired: z.optional(Flag),
  /** Minutes a reservation is held; null when the office did not set it. */
  reservationDuration: z.optional(z.nullable(Int)),
  /** Minutes the activation link of a preconfirmed appointment stays valid. */
  activationDuration: z.optional(z.nullable(Int)),
  hint: OptionalText,
});
export type Scope = z.infer<typeof Scope>;

export const Office = z.object({
  id: Int,
  name: OptionalText,
  /** Minutes per slot; a service takes `relation.slots` of them. */
  slotTimeInMinutes: z.optional(z.nullable(Int)),
  /** Services for which this office is not bookable although a relation exists. */
  disabledByServices: z.optional(z.nullable(z.array(NumericId))),
  scope: z.optional(z.nullable(Scope)),
});
export type Office = z.infer<typeof Office>;

/**
 * Which services a service may be booked together with, and where: `{ <key>: { <serviceId>: [officeId…] } }`.
 * PHP encodes an empty map as `[]`.
 */
export const Combinable = z.union([z.array(z.unknown()), z.record(z.string(), z.record(z.string(), z.array(NumericId)))]);
export type Combinable = z.infer<typeof Combinable>;

export const Service = z.object({
  id: Int,
  name: z.string().check(z.minLength(1)),
  maxQuantity: z.optional(z.nullable(Int)),
  combinable: z.optional(z.nullable(Combinable)),
});
export type Service = z.infer<typeof Service>;

export const Relation = z.object({
  officeId: Int,
  serviceId: Int,
  /** Slots the service takes at this office. */
  slots: z.optional(z.nullable(Int)),
  public: z.optional(Flag),
  maxQuantity: z.optional(z.nullable(Int)),
});
export type Relation = z.infer<typeof Relation>;

export const OfficesAndServices = z.object({
  offices: z.array(Office),
  services: z.array(Service),
  relations: z.array(Relation),
});
export type OfficesAndServices = z.infer<typeof OfficesAndServices>;

const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const AvailableCalendar = z.object({
  nextBookableDate: z.optional(z.nullable(LocalDate)),
  availableDays: z.array(
    z.object({
      offices: z.optional(z.nullable(z.array(z.object({
        officeId: NumericId,
        /** Unix seconds (ints), unlike ThinnedProcess's string `timestamp`. */
        appointments: z.optional(z.nullable(z.array(Int.check(z.nonnegative())))),
      })))),
    }),
  ),
});
export type AvailableCalendar = z.infer<typeof AvailableCalendar>;

/** eappointment's schema says integers; real answers carry `{id, name, count}` per further service. */
const SubRequestCount = z.object({ id: NumericId, name: OptionalText, count: Int });

/** The 20-key process every appointment endpoint answers with. */
export const ThinnedProcess = z.object({
  processId: Int,
  authKey: z.string(),
  timestamp: UnixSecondsText,
  officeId: z.optional(z.nullable(Int)),
  officeName: OptionalText,
  status: z.optional(z.nullable(z.string())),
  scope: z.optional(z.nullable(Scope)),
  serviceId: z.optional(z.nullable(Int)),
  serviceName: OptionalText,
  serviceCount: z.optional(z.nullable(Int)),
  subRequestCounts: z.optional(z.nullable(z.array(SubRequestCount))),
  slotCount: z.optional(z.nullable(Int)),
});
export type ThinnedProcess = z.infer<typeof ThinnedProcess>;

export const ZmsErrorItem = z.object({
  errorCode: z.string(),
  errorMessage: z.optional(z.string()),
  statusCode: Int,
  errorType: z.optional(z.string()),
});
export type ZmsErrorItem = z.infer<typeof ZmsErrorItem>;

export const ErrorEnvelope = z.object({ errors: z.array(ZmsErrorItem).check(z.minLength(1)) });

/** The captcha endpoints report failure as HTTP 200 with `meta.success: false`, not with the error envelope. */
export const CaptchaFailure = z.object({ meta: z.object({ success: z.literal(false), error: z.optional(z.string()) }) });

export const CaptchaVerified = z.object({
  meta: z.object({ success: z.literal(true) }),
  data: z.object({ valid: z.literal(true) }),
  token: z.string().check(z.minLength(1)),
});
