/**
 * The ZMS (eappointment) citizen API behind the backend port: `<termin-buchen backend="zms" api="…">`.
 *
 * ZMS reserves a slot as a process (`processId` + `authKey`), takes the contact details onto it, and
 * preconfirms it; its own e-mail then carries the activation link. What ZMS's citizen API cannot do
 * (extend a reservation, move or find a booking, show the stored data) is switched off in `capabilities`,
 * so the widget does not offer it.
 */
import { clock } from '../../clock.js';
import { BackendError, type Backend, type BackendOptions, type BookingRef, type Capabilities, type DaysQuery, type SlotsQuery } from '../port.js';
import type { Booking, BookingRequest, Catalog, DaysResponse, Hold, HoldRequest, PersonalData, ServiceSelection, SlotsResponse } from '../schemas.js';
import { calendarQuery, startsByDay, toDays, toSlots } from './calendar.js';
import { CaptchaTokens, CAPTCHA_REFUSALS } from './captcha.js';
import { appointmentMinutes, fitTogether, officeById, toCatalog, toLocation } from './catalog.js';
import { ZMS_ERROR_CODES } from './error-codes.js';
import { ZmsHttp } from './http.js';
import { zmsLinks } from './links.js';
import { privacyPolicyOfPage } from './privacy-policy.js';
import { factsOfProcess, statusOf, toBooking, type BookingFacts } from './process.js';
import { instantOfUnixSeconds, unixSecondsOf } from './time.js';
import { AvailableCalendar, OfficesAndServices, ThinnedProcess, type Office } from './wire.js';

const ZMS_CAPABILITIES: Capabilities = { canExtendHold: false, canReschedule: false, canLookup: false, canManageData: false, canErase: false };

/** When neither the reservation nor the office says how long a slot stays reserved: shorter than ZMS's usual 15. */
const DEFAULT_HOLD_MINUTES = 10;
const NOTHING_FREE = ['noAppointmentForThisDay', 'noAppointmentForThisScope'];
/** A day's starts fetched with its month are shown as that day's times for this long, sparing a request. */
const CALENDAR_REUSE_MS = 30_000;

/** What the adapter keeps of a reservation; the hold id the flow sees is a random key to it. */
interface HeldProcess {
  processId: number;
  authKey: string;
  officeId: string;
  services: ServiceSelection[];
  start: string;
  end: string;
  /** Made or being made: a repeated submit gets the same booking instead of a second preconfirmation. */
  booking?: Promise<Booking>;
}

export class ZmsBackend implements Backend {
  readonly capabilities = ZMS_CAPABILITIES;
  readonly links = zmsLinks;
  readonly #http: ZmsHttp;
  readonly #captcha: CaptchaTokens;
  #offices: Promise<OfficesAndServices> | null = null;
  /** processId and authKey stay in here: hold ids never carry them into URLs, events or logs. */
  readonly #holds = new Map<string, HeldProcess>();
  readonly #calendars = new Map<string, { at: number; byDay: Map<string, number[]> }>();
  /** Where the booking opened by its link is: ZMS's confirm answer does not say it. */
  readonly #opened = new Map<string, BookingFacts>();
  readonly #latest: Partial<Record<'days' | 'slots', AbortController>> = {};

  constructor(options: BackendOptions) {
    this.#http = new ZmsHttp(options.baseUrl);
    this.#captcha = new CaptchaTokens(this.#http, options.onWork);
  }

  async catalog(): Promise<Catalog> {
    return toCatalog(await this.#officesAndServices(), privacyPolicyOfPage());
  }

  async days(query: DaysQuery): Promise<DaysResponse> {
    const signal = this.#supersede('days');
    const office = await this.#bookableOffice(query.locationId, query.services);
    const calendar = await this.#calendar(office, query.services, query.from, query.to, signal);
    const byDay = startsByDay(calendar, query.locationId, query.from, query.to);
    const remembered = new Map<string, number[]>();
    for (let day = query.from; day <= query.to; day = nextDay(day)) remembered.set(day, byDay.get(day) ?? []);
    this.#calendars.set(selectionKey(query.locationId, query.services), { at: Date.now(), byDay: remembered });
    return toDays(byDay, calendar, query.to);
  }

  async slots(query: SlotsQuery): Promise<SlotsResponse> {
    const signal = this.#supersede('slots');
    const office = await this.#bookableOffice(query.locationId, query.services);
    const minutes = appointmentMinutes(await this.#officesAndServices(), query.locationId, query.services);
    const known = this.#calendars.get(selectionKey(query.locationId, query.services));
    const remembered = known && Date.now() - known.at < CALENDAR_REUSE_MS ? known.byDay.get(query.date) : undefined;
    if (remembered) return toSlots(remembered, minutes);
    const calendar = await this.#calendar(office, query.services, query.date, query.date, signal);
    return toSlots(startsByDay(calendar, query.locationId, query.date, query.date).get(query.date) ?? [], minutes);
  }

  async hold(request: HoldRequest): Promise<Hold> {
    // Taken or not, this slot's fate changes what is free: the days' answers are no longer the day's times.
    this.#calendars.clear();
    const office = await this.#bookableOffice(request.locationId, request.services);
    const minutes = appointmentMinutes(await this.#officesAndServices(), request.locationId, request.services);
    // The reserve body names counts `serviceCount`, the calendar's query `serviceCounts`.
    const body = {
      officeId: office.id,
      serviceId: request.services.map((service) => service.id),
      serviceCount: request.services.map((service) => service.quantity),
      timestamp: String(unixSecondsOf(request.start)),
    };
    const process = await this.#withCaptcha(office, (captchaToken) =>
      this.#http.call({ method: 'POST', path: '/reserve-appointment/', body: captchaToken ? { ...body, captchaToken } : body, answer: ThinnedProcess }),
    );
    const id = crypto.randomUUID();
    const start = instantOfUnixSeconds(unixSecondsOf(request.start));
    this.#holds.set(id, {
      processId: process.processId,
      authKey: process.authKey,
      officeId: request.locationId,
      services: request.services,
      start,
      end: instantOfUnixSeconds(unixSecondsOf(request.start) + minutes * 60),
    });
    const seconds = 60 * (process.scope?.reservationDuration || office.scope?.reservationDuration || DEFAULT_HOLD_MINUTES);
    return { id, expiresAt: instantOfUnixSeconds(Math.floor(clock.now().getTime() / 1000) + seconds), expiresInSeconds: seconds };
  }

  extend(): Promise<Hold> {
    return Promise.reject(unsupported('extend'));
  }

  /** ZMS frees a reserved process when it is cancelled; a booked one is never released from here. */
  async release(holdId: string, options?: { keepalive?: boolean }): Promise<void> {
    const held = this.#holds.get(holdId);
    if (!held || held.booking) return;
    this.#holds.delete(holdId);
    await this.#http.call({
      method: 'POST',
      path: '/cancel-appointment/',
      body: { processId: held.processId, authKey: held.authKey },
      answer: ThinnedProcess,
      keepalive: options?.keepalive,
    });
  }

  /** ZMS has no idempotency key; the reservation is what makes a repeated submit one booking (`_attempt` unused). */
  book(request: BookingRequest, _attempt?: string): Promise<Booking> {
    const held = this.#holds.get(request.holdId);
    if (!held) {
      return Promise.reject(new BackendError({ reason: 'hold_expired', code: 'processNotReservedAnymore', message: 'book: no such reservation' }));
    }
    held.booking ??= this.#book(held, request);
    held.booking.catch(() => (held.booking = undefined));
    return held.booking;
  }

  async #book(held: HeldProcess, request: BookingRequest): Promise<Booking> {
    const wire = await this.#officesAndServices();
    const office = officeById(wire, held.officeId);
    const scope = office?.scope;
    const { person } = request;
    const contact = {
      processId: held.processId,
      authKey: held.authKey,
      // ZMS keeps the whole name in its one name field.
      familyName: `${person.firstName} ${person.lastName}`,
      email: person.email,
      ...(scope?.telephoneActivated && person.phone ? { telephone: digitsOnly(person.phone) } : {}),
      ...(scope?.customTextfieldActivated && request.notes ? { customTextfield: request.notes } : {}),
    };
    const updated = await this.#http.call({ method: 'POST', path: '/update-appointment/', body: contact, answer: ThinnedProcess });
    const ref = { processId: held.processId, authKey: held.authKey };
    const preconfirmed = await this.#http.call({ method: 'POST', path: '/preconfirm-appointment/', body: ref, answer: ThinnedProcess });
    const activationMinutes = preconfirmed.scope?.activationDuration || updated.scope?.activationDuration || scope?.activationDuration;
    const confirmBy = activationMinutes ? instantOfUnixSeconds(Math.floor(clock.now().getTime() / 1000) + activationMinutes * 60) : undefined;
    const facts: BookingFacts = {
      location: office ? toLocation(office) : factsOfProcess(updated, wire, 'book').location,
      services: held.services.map(({ id, quantity }) => ({ id, quantity, name: wire.services.find((service) => String(service.id) === id)?.name ?? id })),
      start: held.start,
      end: held.end,
    };
    return toBooking(preconfirmed, facts, statusOf(preconfirmed, 'book'), confirmBy);
  }

  find(): Promise<Booking> {
    return Promise.reject(unsupported('find'));
  }

  async get(ref: BookingRef): Promise<Booking> {
    const query = linkParams(ref);
    const process = await this.#http.call({ method: 'GET', path: '/appointment/', query: { processId: String(query.processId), authKey: query.authKey }, answer: ThinnedProcess, context: 'link' });
    const status = statusOf(process, 'get');
    // The catalog only names office and services better; a booking is shown without it too.
    const wire = await this.#officesAndServices().catch(() => null);
    const facts = factsOfProcess(process, wire, 'get');
    this.#opened.set(ref.code, facts);
    return toBooking(process, facts, status);
  }

  async confirm(ref: BookingRef): Promise<Booking> {
    const process = await this.#http.call({ method: 'POST', path: '/confirm-appointment/', body: linkParams(ref), answer: ThinnedProcess, context: 'link' });
    const status = statusOf(process, 'confirm');
    const facts = this.#opened.get(ref.code);
    if (facts) return toBooking(process, facts, status);
    return { ...(await this.get(ref)), status };
  }

  async cancel(ref: BookingRef): Promise<void> {
    const process = await this.#http.call({ method: 'POST', path: '/cancel-appointment/', body: linkParams(ref), answer: ThinnedProcess, context: 'link' });
    // ZMS has no "cancelled": a cancelled process is `deleted`.
    if (process.status !== 'deleted') {
      throw new BackendError({ reason: 'invalid_response', code: 'invalid_response', message: `cancel: status ${process.status ?? 'missing'}` });
    }
    this.#opened.delete(ref.code);
  }

  reschedule(): Promise<Booking> {
    return Promise.reject(unsupported('reschedule'));
  }

  personalData(): Promise<PersonalData> {
    return Promise.reject(unsupported('personalData'));
  }

  update(): Promise<Booking> {
    return Promise.reject(unsupported('update'));
  }

  /** Loaded once and shared: days asked for with a preselection may arrive before the catalog is asked for. */
  #officesAndServices(): Promise<OfficesAndServices> {
    this.#offices ??= this.#http.call({ method: 'GET', path: '/offices-and-services/', answer: OfficesAndServices });
    this.#offices.catch(() => (this.#offices = null));
    return this.#offices;
  }

  async #bookableOffice(locationId: string, services: ServiceSelection[]): Promise<Office> {
    const wire = await this.#officesAndServices();
    const office = officeById(wire, locationId);
    const ids = services.map((service) => service.id);
    if (office && fitTogether(wire, locationId, ids)) return office;
    const code = office ? 'invalidLocationAndServiceCombination' : 'invalidOfficeId';
    throw new BackendError({ reason: ZMS_ERROR_CODES[code].reason, code, message: 'these services cannot be booked together here', text: ZMS_ERROR_CODES[code].text });
  }

  async #calendar(office: Office, services: ServiceSelection[], from: string, to: string, signal: AbortSignal): Promise<AvailableCalendar> {
    const query = calendarQuery(String(office.id), services, from, to);
    try {
      return await this.#withCaptcha(office, (captchaToken) =>
        this.#http.call({ method: 'GET', path: '/available-calendar/', query: captchaToken ? { ...query, captchaToken } : query, answer: AvailableCalendar, signal }),
      );
    } catch (error) {
      // ZMS's "info" codes for a range without free times: an empty calendar, not a failure.
      if (error instanceof BackendError && NOTHING_FREE.includes(error.code)) return { availableDays: [], nextBookableDate: null };
      throw error;
    }
  }

  /** Offices that require a captcha get a solved token; one ZMS refuses is solved once more. */
  async #withCaptcha<T>(office: Office, send: (captchaToken?: string) => Promise<T>): Promise<T> {
    if (office.scope?.captchaActivatedRequired !== true) return send();
    try {
      return await send(await this.#captcha.token());
    } catch (error) {
      if (!(error instanceof BackendError && CAPTCHA_REFUSALS.includes(error.code))) throw error;
      this.#captcha.forget();
      return send(await this.#captcha.token());
    }
  }

  /** A newer question of the same kind aborts the older one, so an older answer never wins. */
  #supersede(kind: 'days' | 'slots'): AbortSignal {
    this.#latest[kind]?.abort();
    const controller = new AbortController();
    this.#latest[kind] = controller;
    return controller.signal;
  }
}

const selectionKey = (officeId: string, services: ServiceSelection[]) => `${officeId}|${services.map((service) => `${service.id}:${service.quantity}`).join(',')}`;

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** ZMS checks "7 to 15 digits": separators go, and a leading + becomes the 00 it stands for. */
function digitsOnly(phone: string): string {
  return phone.trim().replace(/^\+/, '00').replace(/\D/g, '');
}

/** The link's code and token as ZMS wants them; a malformed one is refused before it reaches a URL. */
function linkParams({ code, token }: BookingRef): { processId: number; authKey: string } {
  if (!/^[1-9]\d{0,9}$/.test(code)) throw refusedLink('invalidProcessId');
  if (!/^(?:[0-9a-fA-F]{4}|[0-9a-fA-F]{64})$/.test(token)) throw refusedLink('invalidAuthKey');
  return { processId: Number(code), authKey: token };
}

function refusedLink(code: 'invalidProcessId' | 'invalidAuthKey'): BackendError {
  return new BackendError({ reason: 'not_allowed', code, message: 'the link is malformed', text: ZMS_ERROR_CODES[code].text });
}

function unsupported(operation: string): BackendError {
  return new BackendError({ reason: 'not_allowed', code: 'not_supported', message: `${operation}: ZMS's citizen API has no such operation` });
}
