import { bookableWindow } from './bookable-window.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiClient, ApiError, isApiError, newIdempotencyKey } from '../api/client.js';
import type { DaysResponse, ServiceSelection, Slot, SlotsResponse } from '../api/schemas.js';
import { firstDayOf, lastDayOf, monthOf } from '../format/datetime.js';
import type { Lang } from '../i18n/messages.js';
import type { Intent } from './intents.js';
import {
  fittingLocations,
  initialState,
  reduce,
  selectedServices,
  smsOffered,
  type FlowEvent,
  type FlowState,
  type StepId,
} from './machine.js';
import { toPerson, type PersonDraft } from './person.js';
import { RequestCache } from './request-cache.js';

/** What the controller needs from the element that hosts it. */
export interface BookingHost extends ReactiveControllerHost, HTMLElement {
  api: string;
  service: string | null;
  location: string | null;
  prefill: Partial<PersonDraft> | null;
  readonly language: Lang;
}

export type Remote<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError };

/** Problems the citizen must see next to the step they are on, with the action that can mend them. */
export interface Failure {
  error: ApiError;
  retry?: () => void;
  /** About the times of the chosen day: shown next to them, not above the calendar. */
  nearTimes?: boolean;
}

const monotonicNow = () => performance.now();

/** What availability depends on: another location or other quantities mean other slot lengths. */
interface Selection {
  locationId: string;
  services: ServiceSelection[];
}

const selectionKey = ({ locationId, services }: Selection) =>
  `${locationId}|${services.map((service) => `${service.id}:${service.quantity}`).join(',')}|`;

function toApiError(error: unknown): ApiError {
  return isApiError(error) ? error : new ApiError({ kind: 'network', endpoint: 'unknown', message: String(error) });
}

/**
 * Runs the booking flow for one element: owns the reducer state, makes every request through the API
 * client, and turns results into reducer events. Rendering code only reads from it and sends intents.
 */
export class BookingController implements ReactiveController {
  state: FlowState = initialState();
  catalog: Remote<true> = { status: 'idle' };
  month: string | null = null;
  days: Remote<DaysResponse> = { status: 'idle' };
  slots: Remote<SlotsResponse> = { status: 'idle' };
  holdingStart: string | null = null;
  submitting = false;
  failure: Failure | null = null;
  slotTaken = false;
  holdExtended = false;
  serverFieldErrors: Partial<Record<keyof PersonDraft, string>> = {};

  #client!: ApiClient;
  readonly #daysCache = new RequestCache<DaysResponse>();
  readonly #slotsCache = new RequestCache<SlotsResponse>();
  /** Which answers `days` and `slots` are waiting for, so that a late answer to an older question is dropped. */
  #daysKey = '';
  #slotsKey = '';
  #preselection: Selection | null = null;

  constructor(private readonly host: BookingHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#releaseOnLeave);
    // Attributes are only set by now, not when the element was constructed.
    if (this.catalog.status === 'idle') {
      this.#client = this.#createClient();
      void this.#loadCatalog();
      this.#prefetchPreselected();
    }
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#releaseOnLeave);
    // A citizen who leaves the page must not block the slot for others until the hold expires.
    if (this.state.held && this.state.step !== 'done') this.#dispatch({ type: 'slotReleased' });
  }

  /**
   * Closing the tab or navigating away frees the held slot at once. The state keeps the hold: if the
   * page comes back from the back/forward cache, booking it answers `hold_expired`, which the flow handles.
   */
  readonly #releaseOnLeave = (): void => {
    const { held, step } = this.state;
    if (held && step !== 'done') void this.#client.releaseHold(held.hold.id, { keepalive: true }).catch(() => undefined);
  };

  /** Called when `api` changes: everything loaded so far belongs to another backend. */
  reset(): void {
    this.#client = this.#createClient();
    this.#daysCache.forget();
    this.#slotsCache.forget();
    this.#preselection = null;
    this.state = initialState();
    this.catalog = { status: 'idle' };
    this.days = { status: 'idle' };
    this.slots = { status: 'idle' };
    this.month = null;
    this.failure = null;
    if (!this.host.isConnected) return;
    void this.#loadCatalog();
    this.#prefetchPreselected();
  }

  /** The catalog's names come in the language asked for: ask again in the new one; the citizen's choices stay. */
  languageChanged(): void {
    if (this.catalog.status !== 'ready') return;
    // Failing to rename is no reason to stop the citizen: the names simply stay in the other language.
    void this.#client.getCatalog().then((catalog) => this.#dispatch({ type: 'catalogLoaded', catalog }), () => undefined);
  }

  get today(): string {
    return bookableWindow(this.state.catalog).today;
  }

  get lastBookable(): string {
    return bookableWindow(this.state.catalog).lastBookable;
  }

  handle(intent: Intent): void {
    const failed = this.failure;
    this.failure = null;
    switch (intent.type) {
      case 'monthShown':
        void this.#showMonth(intent.month);
        break;
      case 'dayChosen':
        this.#dispatch({ type: 'dayChosen', date: intent.date });
        void this.#loadSlots(intent.date);
        break;
      case 'slotChosen':
        void this.#holdSlot(intent.slot);
        break;
      case 'extendHold':
        void this.#extendHold();
        break;
      case 'holdTimedOut':
        this.#dispatch({ type: 'holdExpired' });
        this.#refreshAvailability();
        break;
      case 'submitBooking':
        void this.#submitBooking();
        break;
      case 'retry':
        failed?.retry?.();
        break;
      case 'personChanged':
        // A field the backend refused is the citizen's to mend: its message goes once they change it.
        this.serverFieldErrors = { ...this.serverFieldErrors, [intent.field]: undefined };
        this.#dispatch(intent);
        break;
      case 'restart':
        this.#dispatch(intent);
        this.#daysCache.forget();
        this.#slotsCache.forget();
        break;
      default:
        this.#dispatch(intent);
    }
    this.host.requestUpdate();
  }

  #createClient(): ApiClient {
    return new ApiClient({ baseUrl: this.host.api, lang: () => this.host.language });
  }

  #dispatch(event: FlowEvent): void {
    const before = this.state;
    this.state = reduce(before, event);
    const dropped = before.held && before.held.hold.id !== this.state.held?.hold.id ? before.held : null;
    // Whatever made the flow let go of a held slot (another slot, other services, another location),
    // the backend should free it for other citizens now rather than when it expires.
    if (dropped && event.type !== 'booked' && event.type !== 'holdExpired') {
      void this.#client.releaseHold(dropped.hold.id).catch(() => undefined);
    }
    if (this.state.step !== before.step) this.#stepChanged(before.step);
    this.host.requestUpdate();
  }

  #stepChanged(previous: StepId): void {
    const { step } = this.state;
    this.slotTaken = false;
    if (step !== 'details' && step !== 'review') this.holdExtended = false;
    // Taken on the way into the form, so that a CMS script may set `prefill` at any time before.
    if (step === 'details' && this.host.prefill) this.#dispatch({ type: 'personPrefilled', person: this.host.prefill });
    if (step === 'datetime' && (previous !== 'details' || !this.days || this.days.status !== 'ready')) {
      const month = this.month && this.month >= monthOf(this.today) ? this.month : monthOf(this.state.date ?? this.today);
      void this.#showMonth(month, { prefetchSlots: true });
    }
    this.host.dispatchEvent(new CustomEvent('termin-step', { detail: { step }, bubbles: true, composed: true }));
  }

  /** `where`: next to the times, or nowhere but the calendar, which says itself that its days failed. */
  #fail(error: unknown, retry?: () => void, where?: 'times' | 'days'): void {
    const apiError = toApiError(error);
    if (apiError.kind === 'aborted') return;
    // For the webmaster's console: the message names the endpoint and the schema path, never request data.
    if (apiError.kind === 'invalid_response') console.warn(`termin-buchen: ${apiError.message}`);
    if (where !== 'days') this.failure = { error: apiError, retry, nearTimes: !!where };
    this.host.dispatchEvent(new CustomEvent('termin-error', { detail: { code: apiError.code }, bubbles: true, composed: true }));
    this.host.requestUpdate();
  }

  async #loadCatalog(): Promise<void> {
    this.catalog = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const catalog = await this.#client.getCatalog();
      this.#warnAboutUnknownPreselection(catalog.services.map((s) => s.id), catalog.locations.map((l) => l.id));
      this.catalog = { status: 'ready', value: true };
      this.#dispatch({ type: 'catalogLoaded', catalog, preselect: { serviceId: this.host.service, locationId: this.host.location } });
      this.#dropInvalidPreselection();
    } catch (error) {
      this.catalog = { status: 'error', error: toApiError(error) };
      this.#fail(error, () => void this.#loadCatalog());
    }
  }

  #warnAboutUnknownPreselection(serviceIds: string[], locationIds: string[]): void {
    const { service, location } = this.host;
    if (service && !serviceIds.includes(service)) console.warn(`termin-buchen: unknown service "${service}" ignored`);
    if (location && !locationIds.includes(location)) console.warn(`termin-buchen: unknown location "${location}" ignored`);
  }

  #selection(): Selection | null {
    const { locationId } = this.state;
    const services = selectedServices(this.state);
    return locationId && services.length > 0 ? { locationId, services } : null;
  }

  /**
   * With service and location given, the days need not wait for the catalog: both are asked for at once,
   * and the first bookable day's slots as soon as the days arrive.
   */
  #prefetchPreselected(): void {
    const { service, location } = this.host;
    if (!service || !location) return;
    const selection = { locationId: location, services: [{ id: service, quantity: 1 }] };
    this.#preselection = selection;
    const { key, query } = this.#daysQuery(selection, monthOf(this.today));
    void this.#daysCache.fetch(key, () => this.#client.getDays(query)).then(
      (days) => this.#prefetchFirstSlots(selection, days),
      () => undefined,
    );
  }

  /** Ids the catalog does not know, or a service the location does not offer: the prefetched answers are of no use. */
  #dropInvalidPreselection(): void {
    const prefetched = this.#preselection;
    if (!prefetched) return;
    this.#preselection = null;
    const current = this.#selection();
    const offered = fittingLocations(this.state).some((location) => location.id === current?.locationId);
    if (current && offered && selectionKey(current) === selectionKey(prefetched)) return;
    this.#daysCache.forget(selectionKey(prefetched));
    this.#slotsCache.forget(selectionKey(prefetched));
  }

  #daysQuery(selection: Selection, month: string) {
    const from = firstDayOf(month) > this.today ? firstDayOf(month) : this.today;
    // Before the catalog has told the horizon, the whole month is asked for; the key then shows whether
    // that answer fits the question asked once the horizon is known.
    const to = this.state.catalog && this.lastBookable < lastDayOf(month) ? this.lastBookable : lastDayOf(month);
    return { key: `${selectionKey(selection)}${from}/${to}`, query: { ...selection, from, to } };
  }

  async #showMonth(month: string, { prefetchSlots = false } = {}): Promise<void> {
    const selection = this.#selection();
    if (!selection) return;
    this.month = month;
    const { key, query } = this.#daysQuery(selection, month);
    this.#daysKey = key;
    const arrived = this.#daysCache.arrived(key);
    if (arrived) {
      this.days = { status: 'ready', value: arrived };
      this.host.requestUpdate();
      if (prefetchSlots) this.#prefetchFirstSlots(selection, arrived);
      return;
    }
    this.days = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.#daysCache.fetch(key, () => this.#client.getDays(query));
      if (this.#daysKey !== key) return;
      this.days = { status: 'ready', value };
      if (prefetchSlots) this.#prefetchFirstSlots(selection, value);
    } catch (error) {
      if (toApiError(error).kind === 'aborted' || this.#daysKey !== key) return;
      this.days = { status: 'error', error: toApiError(error) };
      this.#fail(error, undefined, 'days');
    }
    this.host.requestUpdate();
  }

  /** The day a citizen is most likely to pick first; asked for before they do, unless they already chose. */
  #prefetchFirstSlots(selection: Selection, { days, nextAvailable }: DaysResponse): void {
    const date = days[0]?.date ?? nextAvailable;
    const current = this.#selection();
    const selectionChanged = this.state.catalog !== null && (!current || selectionKey(current) !== selectionKey(selection));
    // A slots request supersedes the one in flight: it must never cut off the citizen's own choice.
    if (!date || this.state.date || selectionChanged) return;
    void this.#slotsCache.fetch(`${selectionKey(selection)}${date}`, () => this.#client.getSlots({ ...selection, date }));
  }

  async #loadSlots(date: string, fresh = false): Promise<void> {
    const selection = this.#selection();
    if (!selection) return;
    const key = `${selectionKey(selection)}${date}`;
    this.#slotsKey = key;
    if (fresh) this.#slotsCache.forget(key);
    const arrived = this.#slotsCache.arrived(key);
    if (arrived) {
      this.slots = { status: 'ready', value: arrived };
      return;
    }
    this.slots = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.#slotsCache.fetch(key, () => this.#client.getSlots({ ...selection, date }));
      if (this.#slotsKey !== key || this.state.date !== date) return;
      this.slots = { status: 'ready', value };
    } catch (error) {
      if (toApiError(error).kind === 'aborted' || this.#slotsKey !== key) return;
      this.slots = { status: 'error', error: toApiError(error) };
      this.#fail(error, () => void this.#loadSlots(date, true), 'times');
    }
    this.host.requestUpdate();
  }

  /** After a hold failed or expired, what we showed may be stale: ask again. */
  #refreshAvailability(): void {
    this.#daysCache.forget();
    this.#slotsCache.forget();
    if (this.month) void this.#showMonth(this.month);
    if (this.state.date) void this.#loadSlots(this.state.date, true);
  }

  async #holdSlot(slot: Slot): Promise<void> {
    const { locationId, held } = this.state;
    if (!locationId || this.holdingStart) return;
    if (held?.slot.start === slot.start) {
      this.#dispatch({ type: 'heldSlotKept' });
      return;
    }
    this.holdingStart = slot.start;
    this.slotTaken = false;
    this.host.requestUpdate();
    try {
      const hold = await this.#client.createHold({ locationId, services: selectedServices(this.state), start: slot.start });
      this.#dispatch({ type: 'slotHeld', slot, hold, deadline: monotonicNow() + hold.expiresInSeconds * 1000 });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'slot_unavailable') {
        this.slotTaken = true;
        this.#refreshAvailability();
      } else {
        this.#fail(apiError, () => void this.#holdSlot(slot), 'times');
      }
    } finally {
      this.holdingStart = null;
      this.host.requestUpdate();
    }
  }


  async #extendHold(): Promise<void> {
    const held = this.state.held;
    if (!held) return;
    try {
      const hold = await this.#client.extendHold(held.hold.id);
      this.#dispatch({ type: 'holdExtended', hold, deadline: monotonicNow() + hold.expiresInSeconds * 1000 });
      this.holdExtended = true;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'hold_expired' || apiError.code === 'not_found') this.#dispatch({ type: 'holdExpired' });
      else this.#fail(apiError, () => void this.#extendHold());
    }
    this.host.requestUpdate();
  }

  async #submitBooking(): Promise<void> {
    const { held, catalog } = this.state;
    if (this.submitting || !held || !catalog) return;
    this.submitting = true;
    this.#dispatch({ type: 'bookingStarted', idempotencyKey: newIdempotencyKey() });
    const { person, notes } = toPerson(this.state.person, catalog.form, this.today);
    try {
      const booking = await this.#client.createBooking(
        // The opt-in is sent only when ticked where offered: nothing otherwise, as an older backend expects.
        { holdId: held.hold.id, person, ...(notes ? { notes } : {}), ...(this.state.sms && smsOffered(catalog) ? { reminders: { sms: true } } : {}), locale: this.host.language },
        this.state.idempotencyKey ?? newIdempotencyKey(),
      );
      this.#dispatch({ type: 'booked', booking });
      this.host.dispatchEvent(
        new CustomEvent('termin-booked', {
          detail: {
            code: booking.code,
            status: booking.status,
            start: booking.start,
            end: booking.end,
            locationId: booking.location.id,
            services: booking.services.map(({ id, quantity }) => ({ id, quantity })),
          },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.#bookingFailed(toApiError(error));
    } finally {
      this.submitting = false;
      this.host.requestUpdate();
    }
  }

  #bookingFailed(error: ApiError): void {
    if (error.code === 'hold_expired') {
      this.#dispatch({ type: 'holdExpired' });
      this.#refreshAvailability();
    } else if (error.code === 'invalid_input' && error.fieldErrors.length > 0) {
      this.serverFieldErrors = Object.fromEntries(error.fieldErrors.map((f) => [f.field.replace(/^person\./, ''), f.code]));
      this.#dispatch({ type: 'edit', step: 'details' });
    }
    // Sending the same booking again cannot mend these; anything else (a network error, an unknown code) may pass.
    const lasting = ['hold_expired', 'invalid_input', 'limit_reached', 'not_found', 'too_late', 'unauthorized'];
    this.#fail(error, lasting.includes(error.code) ? undefined : () => void this.#submitBooking());
  }
}
