/**
 * The mock backend's in-memory state and the contract's operations on it. Handlers translate HTTP to
 * these methods; tests use the public members to arrange situations and to inspect what happened.
 */
import {
  BookingRequest,
  HoldRequest,
  type Booking,
  type BookingStatus,
  type Catalog,
  type DaysResponse,
  type Hold,
  type Locale,
  type Person,
  type PersonalData,
  UpdateBookingRequest,
  type ServiceSelection,
  type Slot,
} from '../api/schemas.js';
import { bookingWindow, freeDays, freeSlots, selectionMinutes, type AvailabilityContext } from './availability.js';
import { MockProblem } from './problems.js';
import { createRandomStream, randomString } from './random.js';
import { SLOT_STEP_MINUTES, type TimeRange } from './schedule.js';
import { addDaysToDay, dayOf, formatInstant, type Day } from '../format/zoned-day.js';
import { bookingRequestErrors, parseRequest, updateRequestErrors } from './validation.js';

export interface MockRequest {
  method: string;
  path: string;
  url: string;
}

/** A booking as the mock stores it: the contract's booking plus what the citizen entered. */
export interface MockBooking {
  booking: Booking;
  person: Person;
  notes?: string;
  locale: Locale;
  cancelled: boolean;
  /** Personal data erased at the citizen's request: every manage operation answers `gone`. */
  erased?: boolean;
  /** The citizen ticked "Erinnerung per SMS". */
  sms?: boolean;
  createdAt?: string;
}

export interface SeedBookingOptions {
  /** Default: the first free slot at least 48 hours from now, so that it can still be cancelled. */
  start?: Date | string;
  /** Default: the catalog's first location. */
  locationId?: string;
  /** Default: one of the first service the location offers. */
  services?: ServiceSelection[];
  /** Default: `pending` at double-opt-in locations, `confirmed` elsewhere. */
  status?: BookingStatus;
  person?: Partial<Person>;
}

export interface MockStateConfig {
  catalog: Catalog;
  now: () => Date;
  seed: number;
  holdSeconds: number;
  doubleOptInLocationIds: readonly string[];
}

interface StoredHold extends TimeRange {
  id: string;
  locationId: string;
  services: ServiceSelection[];
  expiresAt: number;
}

/** More active bookings than this for one e-mail address are refused with `limit_reached`. */
const ACTIVE_BOOKINGS_PER_EMAIL = 3;
const CANCELLATION_DEADLINE_MS = 24 * 60 * 60_000;
/** The server's default retention: personal data goes 30 days after the appointment (docs/privacy.md). */
const RETENTION_MS = 30 * 24 * 60 * 60_000;
/** How long a pending booking waits for its e-mail link to be opened (the server's `pendingConfirmMinutes`). */
const PENDING_CONFIRM_MS = 120 * 60_000;
/** No 0/O or 1/I, so that a code read out on the phone cannot be misheard. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class MockState {
  readonly catalog: Catalog;
  /** Every booking ever made or seeded, cancelled ones included (flagged). */
  readonly bookings: MockBooking[] = [];
  /** Every request the mock answered, in order, faults included. */
  readonly requests: MockRequest[] = [];

  private readonly config: MockStateConfig;
  private readonly holds = new Map<string, StoredHold>();
  private readonly takenSlots: (TimeRange & { locationId: string })[] = [];
  /** Each key's booking and the body that made it: the same key with another body is a client bug. */
  private readonly bookingsByIdempotencyKey = new Map<string, { stored: MockBooking; body: string }>();
  /** Ids, codes and tokens come from the seed, so that a rerun hands out the same ones. */
  private readonly random: () => number;

  constructor(config: MockStateConfig) {
    this.config = config;
    this.catalog = config.catalog;
    this.random = createRandomStream(config.seed, 'ids');
  }

  /** Adds a booking directly, bypassing holds, form rules and limits. */
  seedBooking(options: SeedBookingOptions = {}): Booking {
    const locationId = options.locationId ?? this.catalog.locations[0].id;
    const services = options.services ?? [{ id: this.offeredServiceIds(locationId)[0], quantity: 1 }];
    const minutes = selectionMinutes(this.catalog, locationId, services);
    const start = options.start === undefined ? this.firstSlotAfter(locationId, minutes, 48) : new Date(options.start).getTime();
    const person: Person = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org', ...options.person };
    const booking = this.buildBooking({ locationId, services, start, end: start + minutes * 60_000 }, options.status);
    this.bookings.push({ booking, person, locale: 'de', cancelled: false, createdAt: this.nowIso() });
    return structuredClone(booking);
  }

  /** Marks a time as taken by another citizen, as if someone booked it between viewing and holding. */
  takeSlot(locationId: string, start: Date | string, durationMinutes: number = SLOT_STEP_MINUTES): void {
    const startMs = new Date(start).getTime();
    this.takenSlots.push({ locationId, start: startMs, end: startMs + durationMinutes * 60_000 });
  }

  /** Lets every current hold run out now, as if its time had passed. */
  expireHolds(): void {
    const now = this.nowMs();
    for (const hold of this.holds.values()) hold.expiresAt = Math.min(hold.expiresAt, now);
  }

  logRequest(request: Request): void {
    const url = new URL(request.url);
    this.requests.push({ method: request.method, path: url.pathname, url: url.href });
  }

  days(locationId: string, services: ServiceSelection[], from: Day, to: Day): DaysResponse {
    const minutes = selectionMinutes(this.catalog, locationId, services);
    if (to < from) throw new MockProblem('invalid_input', [{ field: 'to', code: 'before_from' }]);
    return freeDays(this.availability(), locationId, minutes, from, to);
  }

  slots(locationId: string, services: ServiceSelection[], day: Day): Slot[] {
    const minutes = selectionMinutes(this.catalog, locationId, services);
    return freeSlots(this.availability(), locationId, day, minutes).map((slot) => this.formatRange(slot));
  }

  createHold(body: unknown): Hold {
    const { locationId, services, start } = parseRequest(HoldRequest, body);
    const minutes = selectionMinutes(this.catalog, locationId, services);
    const startMs = Date.parse(start);
    const day = dayOf(startMs, this.catalog.timeZone);
    const slot = freeSlots(this.availability(), locationId, day, minutes).find((free) => free.start === startMs);
    if (!slot) throw new MockProblem('slot_unavailable');
    const id = `h${randomString(this.random, CODE_ALPHABET.toLowerCase(), 15)}`;
    const hold: StoredHold = { id, locationId, services, start: slot.start, end: slot.end, expiresAt: 0 };
    this.holds.set(hold.id, hold);
    return this.renewHold(hold);
  }

  extendHold(id: string): Hold {
    const hold = this.holds.get(id);
    if (!hold) throw new MockProblem('not_found');
    if (hold.expiresAt <= this.nowMs()) throw new MockProblem('hold_expired');
    return this.renewHold(hold);
  }

  releaseHold(id: string): void {
    this.holds.delete(id);
  }

  createBooking(idempotencyKey: string | null, body: unknown): Booking {
    if (!idempotencyKey) throw new MockProblem('invalid_input', [{ field: 'Idempotency-Key', code: 'required' }]);
    const earlier = this.bookingsByIdempotencyKey.get(idempotencyKey);
    if (earlier && earlier.body !== JSON.stringify(body)) {
      throw new MockProblem('invalid_input', [{ field: 'Idempotency-Key', code: 'reused' }]);
    }
    if (earlier) return structuredClone(earlier.stored.booking);
    const errors = bookingRequestErrors(body, this.catalog.form, this.catalog.reminders?.sms === true);
    if (errors.length > 0) throw new MockProblem('invalid_input', errors);
    const request = BookingRequest.parse(body);
    const hold = this.activeHold(request.holdId);
    const email = request.person.email.toLowerCase();
    const active = this.bookings.filter(
      (stored) => !stored.cancelled && stored.person.email.toLowerCase() === email && Date.parse(stored.booking.end) > this.nowMs(),
    );
    if (active.length >= ACTIVE_BOOKINGS_PER_EMAIL) throw new MockProblem('limit_reached');
    this.holds.delete(hold.id);
    const stored: MockBooking = {
      booking: this.buildBooking(hold),
      person: request.person,
      ...(request.notes === undefined ? {} : { notes: request.notes }),
      locale: request.locale,
      cancelled: false,
      sms: request.reminders?.sms === true,
      createdAt: this.nowIso(),
    };
    this.bookings.push(stored);
    this.bookingsByIdempotencyKey.set(idempotencyKey, { stored, body: JSON.stringify(body) });
    return structuredClone(stored.booking);
  }

  lookup(code: string, email: string): Booking {
    const stored = this.findBooking(code);
    if (!stored || stored.person.email.toLowerCase() !== email.trim().toLowerCase()) throw new MockProblem('not_found');
    return structuredClone(stored.booking);
  }

  /**
   * The booking behind a manage link; the bearer token must be the booking's own. An unknown code answers
   * like a wrong token (`unauthorized`), so that codes cannot be probed; cancelled bookings are included,
   * and the operations decide what they mean for them.
   */
  authorizedBooking(code: string, authorization: string | null): MockBooking {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const stored = token ? this.findBooking(code, { includeCancelled: true }) : undefined;
    // Erased like on the server: no token left to check, and the link says the booking is over.
    if (stored?.erased) throw new MockProblem('gone');
    if (!stored || stored.booking.token !== token) throw new MockProblem('unauthorized');
    return stored;
  }

  /** A cancelled booking is gone for every manage operation but cancelling again. */
  liveBooking(stored: MockBooking): MockBooking {
    if (stored.cancelled) throw new MockProblem('not_found');
    return stored;
  }

  confirm(stored: MockBooking): Booking {
    stored.booking.status = 'confirmed';
    delete stored.booking.confirmBy;
    return structuredClone(stored.booking);
  }

  /** With `erase`, the personal data goes at once (Art. 17); afterwards the link answers `gone`. */
  cancel(stored: MockBooking, erase = false): void {
    if (!stored.cancelled) {
      if (Date.parse(stored.booking.start) - this.nowMs() < CANCELLATION_DEADLINE_MS) throw new MockProblem('too_late');
      stored.cancelled = true;
    }
    if (erase) {
      stored.erased = true;
      stored.person = { firstName: '', lastName: '', email: '' };
      delete stored.notes;
      delete stored.sms;
    }
  }

  /** `GET /bookings/{code}/data`: everything personal held for the booking, and when it goes. */
  personalData(stored: MockBooking): PersonalData {
    return {
      person: structuredClone(stored.person),
      ...(stored.notes === undefined ? {} : { notes: stored.notes }),
      ...(this.catalog.reminders?.sms ? { reminders: { sms: stored.sms === true } } : {}),
      locale: stored.locale,
      createdAt: stored.createdAt ?? this.nowIso(),
      erasesAt: stored.booking.erasesAt ?? formatInstant(Date.parse(stored.booking.end) + RETENTION_MS, this.catalog.timeZone),
    };
  }

  /** `PATCH /bookings/{code}`: the same form rules as booking; the booking itself is unchanged. */
  updatePerson(stored: MockBooking, body: unknown): Booking {
    const errors = updateRequestErrors(body, this.catalog.form, stored.sms === true);
    if (errors.length > 0) throw new MockProblem('invalid_input', errors);
    stored.person = UpdateBookingRequest.parse(body).person;
    return structuredClone(stored.booking);
  }

  reschedule(stored: MockBooking, holdId: string): Booking {
    if (Date.parse(stored.booking.start) - this.nowMs() < CANCELLATION_DEADLINE_MS) throw new MockProblem('too_late');
    const hold = this.activeHold(holdId);
    this.holds.delete(hold.id);
    const { code, token, status, confirmBy } = stored.booking;
    stored.booking = { ...this.buildBooking(hold, status), code, token, ...(confirmBy ? { confirmBy } : {}) };
    return structuredClone(stored.booking);
  }

  private nowMs(): number {
    return this.config.now().getTime();
  }

  private nowIso(): string {
    return formatInstant(this.nowMs(), this.catalog.timeZone);
  }

  private availability(): AvailabilityContext {
    return {
      catalog: this.catalog,
      seed: this.config.seed,
      now: this.nowMs(),
      occupied: (locationId) => this.occupied(locationId),
    };
  }

  private occupied(locationId: string): TimeRange[] {
    const now = this.nowMs();
    return [
      ...this.takenSlots.filter((taken) => taken.locationId === locationId),
      ...[...this.holds.values()].filter((hold) => hold.locationId === locationId && hold.expiresAt > now),
      ...this.bookings
        .filter((stored) => !stored.cancelled && stored.booking.location.id === locationId)
        .map((stored) => ({ start: Date.parse(stored.booking.start), end: Date.parse(stored.booking.end) })),
    ];
  }

  private activeHold(id: string): StoredHold {
    const hold = this.holds.get(id);
    if (!hold || hold.expiresAt <= this.nowMs()) throw new MockProblem('hold_expired');
    return hold;
  }

  private renewHold(hold: StoredHold): Hold {
    hold.expiresAt = this.nowMs() + this.config.holdSeconds * 1000;
    return {
      id: hold.id,
      expiresAt: formatInstant(hold.expiresAt, this.catalog.timeZone),
      expiresInSeconds: this.config.holdSeconds,
    };
  }

  /** Codes are matched the way citizens type them: any case, with or without the dash and spaces. */
  private findBooking(code: string, { includeCancelled = false } = {}): MockBooking | undefined {
    const normalised = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
    return this.bookings.find((stored) =>
      (includeCancelled || !stored.cancelled) && stored.booking.code.replace('-', '') === normalised);
  }

  private buildBooking(
    { locationId, services, start, end }: TimeRange & { locationId: string; services: ServiceSelection[] },
    status?: BookingStatus,
  ): Booking {
    const location = this.catalog.locations.find((candidate) => candidate.id === locationId);
    if (!location) throw new MockProblem('invalid_input', [{ field: 'locationId', code: 'unknown' }]);
    const pending = (status ?? (this.config.doubleOptInLocationIds.includes(locationId) ? 'pending' : 'confirmed')) === 'pending';
    return {
      code: this.newCode(),
      token: randomString(this.random, TOKEN_ALPHABET, 43),
      status: pending ? 'pending' : 'confirmed',
      ...this.formatRange({ start, end }),
      changeableUntil: formatInstant(start - CANCELLATION_DEADLINE_MS, this.catalog.timeZone),
      erasesAt: formatInstant(end + RETENTION_MS, this.catalog.timeZone),
      ...(pending ? { confirmBy: formatInstant(this.nowMs() + PENDING_CONFIRM_MS, this.catalog.timeZone) } : {}),
      location: structuredClone(location),
      services: services.map(({ id, quantity }) => {
        const service = this.catalog.services.find((candidate) => candidate.id === id);
        return { id, name: service?.name ?? id, quantity, ...(service?.requirements ? { requirements: [...service.requirements] } : {}) };
      }),
    };
  }

  private newCode(): string {
    for (;;) {
      const code = `${randomString(this.random, CODE_ALPHABET, 3)}-${randomString(this.random, CODE_ALPHABET, 3)}`;
      if (!this.bookings.some((stored) => stored.booking.code === code)) return code;
    }
  }

  private formatRange({ start, end }: TimeRange): Slot {
    return { start: formatInstant(start, this.catalog.timeZone), end: formatInstant(end, this.catalog.timeZone) };
  }

  private offeredServiceIds(locationId: string): string[] {
    return this.catalog.offers.filter((offer) => offer.locationId === locationId).map((offer) => offer.serviceId);
  }

  private firstSlotAfter(locationId: string, minutes: number, hours: number): number {
    const earliest = this.nowMs() + hours * 60 * 60_000;
    const context = this.availability();
    const { first, last } = bookingWindow(context);
    for (let day = first; day <= last; day = addDaysToDay(day, 1, this.catalog.timeZone)) {
      const slot = freeSlots(context, locationId, day, minutes).find((free) => free.start >= earliest);
      if (slot) return slot.start;
    }
    throw new Error(`No free slot at ${locationId} to seed a booking into`);
  }
}
