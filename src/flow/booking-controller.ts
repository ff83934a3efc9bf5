import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toBackendError, type Backend, type BackendError } from '../api/port.js';
import { bookedDetail, emitTerminEvent } from '../events.js';
import { monthOf } from '../format/datetime.js';
import type { Catalog } from '../api/schemas.js';
import type { Lang } from '../i18n/messages.js';
import { bookableWindow } from './bookable-window.js';
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
import { SlotPicker, selectionKey, type FailurePlace, type Remote, type Selection } from './slot-picker.js';

export type { Remote } from './slot-picker.js';

/** What the controller needs from the element that hosts it. */
export interface BookingHost extends ReactiveControllerHost, HTMLElement {
  /** The backend adapter `api` and `backend` point to; read anew each time, as either may change. */
  readonly adapter: Backend;
  service: string | null;
  location: string | null;
  prefill: Partial<PersonDraft> | null;
  readonly language: Lang;
}

/** Problems the citizen must see next to the step they are on, with the action that can mend them. */
export interface Failure {
  error: BackendError;
  retry?: () => void;
  /** About the times of the chosen day: shown next to them, not above the calendar. */
  nearTimes?: boolean;
}

/**
 * Runs the booking flow for one element: owns the reducer state, makes every request through the
 * backend port (month, day, time and hold through the slot picker it shares with the manage view), and
 * turns results into reducer events. Rendering code only reads from it and sends intents.
 */
export class BookingController implements ReactiveController {
  state: FlowState = initialState();
  catalog: Remote<true> = { status: 'idle' };
  submitting = false;
  failure: Failure | null = null;
  serverFieldErrors: Partial<Record<keyof PersonDraft, string>> = {};

  readonly picker: SlotPicker;
  /** The prefetched days for the page's preselection, until the catalog shows whether they fit. */
  #preselection: Selection | null = null;

  constructor(private readonly host: BookingHost) {
    host.addController(this);
    this.picker = new SlotPicker(host, {
      selection: () => this.#selection(),
      today: () => this.today,
      lastBookable: () => (this.state.catalog ? this.lastBookable : null),
      date: () => this.state.date,
      held: () => (this.state.step === 'done' ? null : this.state.held),
      slotHeld: (held) => this.#dispatch({ type: 'slotHeld', ...held }),
      holdExtended: (held) => this.#dispatch({ type: 'holdExtended', ...held }),
      holdLost: () => this.#dispatch({ type: 'holdExpired' }),
      fail: (error, retry, where) => this.#fail(error, retry, where),
    });
  }

  hostConnected(): void {
    // Attributes are only set by now, not when the element was constructed.
    if (this.catalog.status === 'idle') {
      void this.#loadCatalog();
      this.#prefetchPreselected();
    }
  }

  hostDisconnected(): void {
    // A citizen who leaves the page must not block the slot for others until the hold expires.
    if (this.state.held && this.state.step !== 'done') this.#dispatch({ type: 'slotReleased' });
  }

  /** Called when `api` changes: everything loaded so far belongs to another backend. */
  reset(): void {
    this.picker.reset();
    this.#preselection = null;
    this.state = initialState();
    this.catalog = { status: 'idle' };
    this.failure = null;
    if (!this.host.isConnected) return;
    void this.#loadCatalog();
    this.#prefetchPreselected();
  }

  /** The catalog's names come in the language asked for: ask again in the new one; the citizen's choices stay. */
  languageChanged(): void {
    if (this.catalog.status !== 'ready') return;
    // Failing to rename is no reason to stop the citizen: the names simply stay in the other language.
    void this.host.adapter.catalog().then((catalog) => this.#dispatch({ type: 'catalogLoaded', catalog }), () => undefined);
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
        void this.picker.showMonth(intent.month);
        break;
      case 'dayChosen':
        this.#dispatch(intent);
        this.picker.clearTaken();
        void this.picker.showDay(intent.date);
        break;
      case 'slotChosen':
        if (this.state.held?.slot.start === intent.slot.start) this.#dispatch({ type: 'heldSlotKept' });
        else void this.picker.hold(intent.slot);
        break;
      case 'extendHold':
        void this.picker.extend();
        break;
      case 'holdTimedOut':
        this.picker.expired();
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
        this.picker.forget();
        break;
      default:
        this.#dispatch(intent);
    }
    this.host.requestUpdate();
  }

  #dispatch(event: FlowEvent): void {
    const before = this.state;
    this.state = reduce(before, event);
    const dropped = before.held && before.held.hold.id !== this.state.held?.hold.id ? before.held : null;
    // Whatever made the flow let go of a held slot (another slot, other services, another location),
    // the backend should free it for other citizens now rather than when it expires.
    if (dropped && event.type !== 'booked' && event.type !== 'holdExpired') this.picker.release(dropped);
    if (this.state.step !== before.step) this.#stepChanged(before.step);
    this.host.requestUpdate();
  }

  #stepChanged(previous: StepId): void {
    const { step } = this.state;
    this.picker.clearTaken();
    // Taken on the way into the form, so that a CMS script may set `prefill` at any time before.
    if (step === 'details' && this.host.prefill) this.#dispatch({ type: 'personPrefilled', person: this.host.prefill });
    const { month, days } = this.picker.state;
    if (step === 'datetime' && (previous !== 'details' || days.status !== 'ready')) {
      void this.picker.showMonth(month && month >= monthOf(this.today) ? month : monthOf(this.state.date ?? this.today), { prefetchSlots: true });
    }
    emitTerminEvent(this.host, 'termin-step', { step });
  }

  #fail(error: unknown, retry?: () => void, where?: FailurePlace): void {
    const failure = toBackendError(error);
    if (failure.reason === 'aborted') return;
    // For the webmaster's console: the message names the operation and the schema path, never request data.
    if (failure.reason === 'invalid_response') console.warn(`termin-buchen: ${failure.message}`);
    if (where !== 'days') this.failure = { error: failure, retry, nearTimes: !!where };
    emitTerminEvent(this.host, 'termin-error', { code: failure.code });
    this.host.requestUpdate();
  }

  async #loadCatalog(): Promise<void> {
    this.catalog = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const catalog = await this.host.adapter.catalog();
      this.#warnAboutUnknownPreselection(catalog);
      this.catalog = { status: 'ready', value: true };
      this.#dispatch({ type: 'catalogLoaded', catalog, preselect: { serviceId: this.host.service, locationId: this.host.location } });
      this.#dropInvalidPreselection();
    } catch (error) {
      this.catalog = { status: 'error', error: toBackendError(error) };
      this.#fail(error, () => void this.#loadCatalog());
    }
  }

  #warnAboutUnknownPreselection(catalog: Catalog): void {
    const { service, location } = this.host;
    if (service && !catalog.services.some((known) => known.id === service)) console.warn(`termin-buchen: unknown service "${service}" ignored`);
    if (location && !catalog.locations.some((known) => known.id === location)) console.warn(`termin-buchen: unknown location "${location}" ignored`);
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
    this.#preselection = { locationId: location, services: [{ id: service, quantity: 1 }] };
    this.picker.prefetch(this.#preselection, monthOf(this.today));
  }

  /** Ids the catalog does not know, or a service the location does not offer: the prefetched answers are of no use. */
  #dropInvalidPreselection(): void {
    const prefetched = this.#preselection;
    if (!prefetched) return;
    this.#preselection = null;
    const current = this.#selection();
    const offered = fittingLocations(this.state).some((location) => location.id === current?.locationId);
    if (current && offered && selectionKey(current) === selectionKey(prefetched)) return;
    this.picker.forget(selectionKey(prefetched));
  }

  async #submitBooking(): Promise<void> {
    const { held, catalog } = this.state;
    if (this.submitting || !held || !catalog) return;
    this.submitting = true;
    this.#dispatch({ type: 'bookingStarted', idempotencyKey: crypto.randomUUID() });
    // The reducer keeps this booking's first key, so that a retry sends the same one again.
    const attempt = this.state.idempotencyKey!;
    try {
      const booking = await this.host.adapter.book(
        // The opt-in is sent only when ticked where offered: nothing otherwise, as an older backend expects.
        { holdId: held.hold.id, ...toPerson(this.state.person, catalog.form, this.today), ...(this.state.sms && smsOffered(catalog) ? { reminders: { sms: true } } : {}), locale: this.host.language },
        attempt,
      );
      this.#dispatch({ type: 'booked', booking });
      emitTerminEvent(this.host, 'termin-booked', bookedDetail(booking));
    } catch (caught) {
      const error = toBackendError(caught);
      if (error.reason === 'hold_expired') {
        this.picker.expired();
      } else if (error.reason === 'invalid_input' && error.fields.length > 0) {
        this.serverFieldErrors = Object.fromEntries(error.fields.map((f) => [f.field.replace(/^person\./, ''), f.code]));
        this.#dispatch({ type: 'edit', step: 'details' });
      }
      // Sending the same booking again cannot mend these; anything else (a network error, an unknown code) may pass.
      const lasting = ['hold_expired', 'invalid_input', 'limit_reached', 'not_found', 'gone', 'too_late', 'not_allowed'];
      this.#fail(error, lasting.includes(error.reason) ? undefined : () => void this.#submitBooking());
    } finally {
      this.submitting = false;
      this.host.requestUpdate();
    }
  }


}
