/**
 * The backend port: everything the booking and manage flows need from a booking system, in the
 * widget's own terms. Adapters (contract v1 in `v1/`, ZMS in `zms/`) translate to one backend's
 * endpoints, status codes and error codes; nothing outside `src/api/` knows any of those.
 *
 * The domain shapes are the ones contract v1 defines in schemas.ts: v1 was written as the widget's
 * model, so its adapter passes them through and every other adapter maps into them.
 */
import type {
  Booking,
  BookingRequest,
  Catalog,
  DaysResponse,
  Hold,
  HoldRequest,
  PersonalData,
  Problem,
  ServiceSelection,
  SlotsResponse,
  UpdateBookingRequest,
} from './schemas.js';

/** A field the backend refused, by its path in the request (`person.email`) and a reason code. */
export type FieldIssue = NonNullable<Problem['errors']>[number];

export type { Booking, BookingRequest, Catalog, DaysResponse, Hold, HoldRequest, PersonalData, SlotsResponse };

export interface DaysQuery {
  locationId: string;
  services: ServiceSelection[];
  from: string;
  to: string;
}

export interface SlotsQuery {
  locationId: string;
  services: ServiceSelection[];
  date: string;
}

/** Which booking a citizen may act on: its code and the secret that proves it is theirs. */
export interface BookingRef {
  code: string;
  token: string;
}

/** What a backend can do; the steps offer only these. */
export interface Capabilities {
  /** "Mehr Zeit" on the hold countdown. */
  canExtendHold: boolean;
  /** Moving a booking to another time in the manage view. */
  canReschedule: boolean;
  /** Finding a booking by code and e-mail address (otherwise only through the e-mail's link). */
  canLookup: boolean;
  /** Showing, downloading and changing the stored personal data (GDPR Art. 15, 16). */
  canManageData: boolean;
  /** Cancelling may erase the personal data at once (Art. 17). */
  canErase: boolean;
}

/**
 * Why a request failed, as the flow must react to it:
 * - `slot_taken`: the time is no longer free. `hold_expired`: the reservation ran out.
 * - `too_late`: too close to the appointment to change it online. `limit_reached`: too many bookings.
 * - `not_found`, `gone` (past and erased), `not_allowed` (the link or token no longer works).
 * - `invalid_input`: the citizen can mend it; `fields` says where. `rate_limited`: wait a moment.
 * - `proof_failed`: the anti-bot check was not accepted.
 * - `network`, `timeout`, `unavailable` (the backend failed), `invalid_response` (it broke its contract).
 * - `aborted`: a newer request of the same kind replaced this one; callers ignore it.
 */
export type ErrorReason =
  | 'slot_taken'
  | 'hold_expired'
  | 'too_late'
  | 'limit_reached'
  | 'not_found'
  | 'gone'
  | 'not_allowed'
  | 'invalid_input'
  | 'rate_limited'
  | 'proof_failed'
  | 'network'
  | 'timeout'
  | 'unavailable'
  | 'invalid_response'
  | 'aborted';

/** Texts an adapter brings for its backend's own error codes, when the reason's sentence says too little. */
export type ErrorText = Record<'de' | 'en', string>;

export interface BackendErrorInit {
  reason: ErrorReason;
  /** The backend's own code (`slot_unavailable`, `appointmentNotAvailable`, `http_502` …): for the `termin-error` event and support. */
  code: string;
  /** Safe to log: names the operation, never ids or personal data. */
  message: string;
  fields?: FieldIssue[];
  text?: ErrorText;
}

export class BackendError extends Error {
  override readonly name = 'BackendError';
  declare readonly reason: ErrorReason;
  declare readonly code: string;
  declare readonly fields: FieldIssue[];
  declare readonly text?: ErrorText;

  constructor(init: BackendErrorInit) {
    super(init.message);
    Object.assign(this, init, { fields: init.fields ?? [] });
  }
}

/** Anything thrown on the way (a bug, a browser quirk) reaches the flow as a backend error too. */
export const toBackendError = (error: unknown): BackendError =>
  error instanceof BackendError ? error : new BackendError({ reason: 'network', code: 'network', message: String(error) });

/** How a booking's link in the backend's e-mails looks on the page. */
export interface LinkFormat {
  /** The booking a page address fragment points to, or null. */
  parse(hash: string): BookingRef | null;
  /** The link to manage a booking on `pageUrl`. */
  url(pageUrl: string, ref: BookingRef): string;
}

export interface Backend {
  readonly capabilities: Capabilities;
  readonly links: LinkFormat;
  catalog(): Promise<Catalog>;
  /** Superseding: a newer call aborts an older one still running, so an older answer never wins. */
  days(query: DaysQuery): Promise<DaysResponse>;
  slots(query: SlotsQuery): Promise<SlotsResponse>;
  hold(request: HoldRequest): Promise<Hold>;
  extend(holdId: string): Promise<Hold>;
  /** `keepalive`: the request must outlive the page (the citizen closes the tab while holding a slot). */
  release(holdId: string, options?: { keepalive?: boolean }): Promise<void>;
  /** `attempt` is the same for every repetition of one booking, so that it is made once. */
  book(request: BookingRequest, attempt: string): Promise<Booking>;
  find(code: string, email: string): Promise<Booking>;
  get(ref: BookingRef): Promise<Booking>;
  /** Double opt-in: opening the e-mail's link confirms a pending booking. */
  confirm(ref: BookingRef): Promise<Booking>;
  cancel(ref: BookingRef, erase?: boolean): Promise<void>;
  reschedule(ref: BookingRef, holdId: string): Promise<Booking>;
  personalData(ref: BookingRef): Promise<PersonalData>;
  update(ref: BookingRef, request: UpdateBookingRequest): Promise<Booking>;
}

export interface BackendOptions {
  /** The element's `api` attribute. */
  baseUrl: string;
  lang: () => 'de' | 'en';
  /** Told when proof-of-work starts and ends, so the flow can say why it waits. */
  onWork?: (working: boolean) => void;
}

export type BackendFactory = (options: BackendOptions) => Backend;

const factories = new Map<string, BackendFactory>();

/** Each build registers the adapters it ships; `backend="…"` on the element picks one. */
export function registerBackend(name: string, factory: BackendFactory): void {
  factories.set(name, factory);
}

/** The element imports the v1 adapter itself, so every build has it to fall back on. */
export function createBackend(name: string, options: BackendOptions): Backend {
  const factory = factories.get(name);
  if (factory) return factory(options);
  console.warn(`termin-buchen: backend "${name}" is not in this build; using v1`);
  return factories.get('v1')!(options);
}
