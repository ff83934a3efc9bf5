import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiClient, ApiError, isApiError, newIdempotencyKey } from '../api/client.js';
import type { DaysResponse, Slot, SlotsResponse } from '../api/schemas.js';
import { clock } from '../clock.js';
import { addDaysToDate, addMonths, monthOf, todayIn } from '../format/datetime.js';
import type { Lang } from '../i18n/messages.js';
import type { Intent } from './intents.js';
import { initialState, reduce, selectedServices, type FlowEvent, type FlowState, type StepId } from './machine.js';
import { toPerson, type PersonDraft } from './person.js';

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
}

const monotonicNow = () => performance.now();

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
  /** Text for the polite live region; components add their own where it belongs to them. */
  announcement = '';

  private client!: ApiClient;
  private readonly daysCache = new Map<string, DaysResponse>();
  private readonly slotsCache = new Map<string, SlotsResponse>();

  constructor(private readonly host: BookingHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Attributes are only set by now, not when the element was constructed.
    if (this.catalog.status === 'idle') {
      this.client = this.createClient();
      void this.loadCatalog();
    }
  }

  hostDisconnected(): void {
    // A citizen who leaves the page must not block the slot for others until the hold expires.
    if (this.state.held && this.state.step !== 'done') this.dispatch({ type: 'slotReleased' });
  }

  /** Called when `api` changes: everything loaded so far belongs to another backend. */
  reset(): void {
    this.client = this.createClient();
    this.daysCache.clear();
    this.slotsCache.clear();
    this.state = initialState();
    this.catalog = { status: 'idle' };
    this.days = { status: 'idle' };
    this.slots = { status: 'idle' };
    this.month = null;
    this.failure = null;
    if (this.host.isConnected) void this.loadCatalog();
  }

  get today(): string {
    return todayIn(this.state.catalog?.timeZone ?? 'Europe/Berlin', clock.now());
  }

  get lastBookable(): string {
    return addDaysToDate(this.today, this.state.catalog?.bookingHorizonDays ?? 0);
  }

  handle(intent: Intent): void {
    const failed = this.failure;
    this.failure = null;
    switch (intent.type) {
      case 'monthShown':
        void this.showMonth(intent.month);
        break;
      case 'dayChosen':
        this.dispatch({ type: 'dayChosen', date: intent.date });
        void this.loadSlots(intent.date);
        break;
      case 'slotChosen':
        void this.holdSlot(intent.slot);
        break;
      case 'extendHold':
        void this.extendHold();
        break;
      case 'holdTimedOut':
        this.dispatch({ type: 'holdExpired' });
        this.refreshAvailability();
        break;
      case 'submitBooking':
        void this.submitBooking();
        break;
      case 'retry':
        failed?.retry?.();
        break;
      case 'restart':
        this.dispatch(intent);
        this.daysCache.clear();
        this.slotsCache.clear();
        break;
      default:
        this.dispatch(intent);
    }
    this.host.requestUpdate();
  }

  private createClient(): ApiClient {
    return new ApiClient({ baseUrl: this.host.api, lang: () => this.host.language });
  }

  private dispatch(event: FlowEvent): void {
    const before = this.state;
    this.state = reduce(before, event);
    const dropped = before.held && before.held.hold.id !== this.state.held?.hold.id ? before.held : null;
    // Whatever made the flow let go of a held slot (another slot, other services, another location),
    // the backend should free it for other citizens now rather than when it expires.
    if (dropped && event.type !== 'booked' && event.type !== 'holdExpired') {
      void this.client.releaseHold(dropped.hold.id).catch(() => undefined);
    }
    if (this.state.step !== before.step) this.stepChanged(before.step);
    this.host.requestUpdate();
  }

  private stepChanged(previous: StepId): void {
    const { step } = this.state;
    this.slotTaken = false;
    if (step !== 'details' && step !== 'review') this.holdExtended = false;
    if (step === 'datetime' && (previous !== 'details' || !this.days || this.days.status !== 'ready')) {
      void this.showMonth(this.month && this.month >= monthOf(this.today) ? this.month : monthOf(this.state.date ?? this.today));
    }
    this.host.dispatchEvent(new CustomEvent('termin-step', { detail: { step }, bubbles: true, composed: true }));
  }

  private fail(error: unknown, retry?: () => void): void {
    const apiError = toApiError(error);
    if (apiError.kind === 'aborted') return;
    // For the webmaster's console: the message names the endpoint and the schema path, never request data.
    if (apiError.kind === 'invalid_response') console.warn(`termin-buchen: ${apiError.message}`);
    this.failure = { error: apiError, retry };
    this.host.dispatchEvent(new CustomEvent('termin-error', { detail: { code: apiError.code }, bubbles: true, composed: true }));
    this.host.requestUpdate();
  }

  private async loadCatalog(): Promise<void> {
    this.catalog = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const catalog = await this.client.getCatalog();
      this.warnAboutUnknownPreselection(catalog.services.map((s) => s.id), catalog.locations.map((l) => l.id));
      this.catalog = { status: 'ready', value: true };
      this.dispatch({ type: 'catalogLoaded', catalog, preselect: { serviceId: this.host.service, locationId: this.host.location } });
      if (this.host.prefill) this.dispatch({ type: 'personPrefilled', person: this.host.prefill });
    } catch (error) {
      this.catalog = { status: 'error', error: toApiError(error) };
      this.fail(error, () => void this.loadCatalog());
    }
  }

  private warnAboutUnknownPreselection(serviceIds: string[], locationIds: string[]): void {
    const { service, location } = this.host;
    if (service && !serviceIds.includes(service)) console.warn(`termin-buchen: unknown service "${service}" ignored`);
    if (location && !locationIds.includes(location)) console.warn(`termin-buchen: unknown location "${location}" ignored`);
  }

  private selectionKey(): string {
    return `${this.state.locationId}|${selectedServices(this.state).map((s) => `${s.id}:${s.quantity}`).join(',')}`;
  }

  async showMonth(month: string): Promise<void> {
    const { locationId } = this.state;
    if (!locationId) return;
    this.month = month;
    const firstDay = `${month}-01`;
    const lastDay = addDaysToDate(`${addMonths(month, 1)}-01`, -1);
    const from = firstDay > this.today ? firstDay : this.today;
    const to = lastDay < this.lastBookable ? lastDay : this.lastBookable;
    const key = `${this.selectionKey()}|${month}`;
    const cached = this.daysCache.get(key);
    if (cached) {
      this.days = { status: 'ready', value: cached };
      this.host.requestUpdate();
      return;
    }
    this.days = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.client.getDays({ locationId, services: selectedServices(this.state), from, to });
      this.daysCache.set(key, value);
      if (this.month === month) this.days = { status: 'ready', value };
    } catch (error) {
      if (toApiError(error).kind === 'aborted') return;
      this.days = { status: 'error', error: toApiError(error) };
      this.fail(error, () => void this.showMonth(month));
    }
    this.host.requestUpdate();
  }

  private async loadSlots(date: string, fresh = false): Promise<void> {
    const { locationId } = this.state;
    if (!locationId) return;
    const key = `${this.selectionKey()}|${date}`;
    const cached = fresh ? undefined : this.slotsCache.get(key);
    if (cached) {
      this.slots = { status: 'ready', value: cached };
      return;
    }
    this.slots = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.client.getSlots({ locationId, services: selectedServices(this.state), date });
      this.slotsCache.set(key, value);
      if (this.state.date === date) this.slots = { status: 'ready', value };
    } catch (error) {
      if (toApiError(error).kind === 'aborted') return;
      this.slots = { status: 'error', error: toApiError(error) };
      this.fail(error, () => void this.loadSlots(date, true));
    }
    this.host.requestUpdate();
  }

  /** After a hold failed or expired, what we showed may be stale: ask again. */
  private refreshAvailability(): void {
    this.daysCache.clear();
    this.slotsCache.clear();
    if (this.month) void this.showMonth(this.month);
    if (this.state.date) void this.loadSlots(this.state.date, true);
  }

  private async holdSlot(slot: Slot): Promise<void> {
    const { locationId, held } = this.state;
    if (!locationId || this.holdingStart) return;
    if (held?.slot.start === slot.start) {
      this.dispatch({ type: 'heldSlotKept' });
      return;
    }
    this.holdingStart = slot.start;
    this.slotTaken = false;
    this.host.requestUpdate();
    try {
      const hold = await this.client.createHold({ locationId, services: selectedServices(this.state), start: slot.start });
      this.dispatch({ type: 'slotHeld', slot, hold, deadline: monotonicNow() + hold.expiresInSeconds * 1000 });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'slot_unavailable') {
        this.slotTaken = true;
        this.refreshAvailability();
      } else {
        this.fail(apiError, () => void this.holdSlot(slot));
      }
    } finally {
      this.holdingStart = null;
      this.host.requestUpdate();
    }
  }


  private async extendHold(): Promise<void> {
    const held = this.state.held;
    if (!held) return;
    try {
      const hold = await this.client.extendHold(held.hold.id);
      this.dispatch({ type: 'holdExtended', hold, deadline: monotonicNow() + hold.expiresInSeconds * 1000 });
      this.holdExtended = true;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'hold_expired' || apiError.code === 'not_found') this.dispatch({ type: 'holdExpired' });
      else this.fail(apiError, () => void this.extendHold());
    }
    this.host.requestUpdate();
  }

  private async submitBooking(): Promise<void> {
    const { held, catalog } = this.state;
    if (this.submitting || !held || !catalog) return;
    this.submitting = true;
    this.dispatch({ type: 'bookingStarted', idempotencyKey: newIdempotencyKey() });
    const { person, notes } = toPerson(this.state.person, catalog.form, this.today);
    try {
      const booking = await this.client.createBooking(
        { holdId: held.hold.id, person, ...(notes ? { notes } : {}), locale: this.host.language },
        this.state.idempotencyKey ?? newIdempotencyKey(),
      );
      this.dispatch({ type: 'booked', booking });
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
      this.bookingFailed(toApiError(error));
    } finally {
      this.submitting = false;
      this.host.requestUpdate();
    }
  }

  private bookingFailed(error: ApiError): void {
    if (error.code === 'hold_expired') {
      this.dispatch({ type: 'holdExpired' });
      this.refreshAvailability();
    } else if (error.code === 'invalid_input' && error.fieldErrors.length > 0) {
      this.serverFieldErrors = Object.fromEntries(error.fieldErrors.map((f) => [f.field.replace(/^person\./, ''), f.code]));
      this.dispatch({ type: 'edit', step: 'details' });
    }
    this.fail(error, error.code === 'hold_expired' ? undefined : () => void this.submitBooking());
  }
}
