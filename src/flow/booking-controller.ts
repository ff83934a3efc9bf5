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
import { SlotPicker, selectionKey, type Selection } from './slot-picker.js';

/** What the controller needs from the element that hosts it. */
export interface BookingHost extends ReactiveControllerHost, HTMLElement {
  /** The backend adapter `api` and `backend` point to; read anew each time, as either may change. */
  readonly adapter: Backend;
  service: string | null;
  location: string | null;
  prefill: Partial<PersonDraft> | null;
  readonly language: Lang;
}

/**
 * Runs the booking flow for one element: owns the reducer state, makes every request through the
 * backend port (month, day, time and hold through the slot picker it shares with the manage view), and
 * turns results into reducer events. Rendering code only reads from it and sends intents; everything it
 * reads is in `state`, which only the reducer changes.
 */
export class BookingController implements ReactiveController {
  state: FlowState = initialState();

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
      fail: (error, retry, where) => this.#fail(error, { type: 'failed', error, retry, where }),
    });
  }

  hostConnected(): void {
    // Attributes are only set by now, not when the element was constructed.
    if (!this.state.catalog && !this.state.catalogRequest) {
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
    if (!this.host.isConnected) return;
    void this.#loadCatalog();
    this.#prefetchPreselected();
  }

  /** The catalog's names come in the language asked for: ask again in the new one; the citizen's choices stay. */
  languageChanged(): void {
    if (!this.state.catalog) return;
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
    // Whatever the citizen does next, the failure shown is old news; a retry acts on what it said.
    // Dispatching it also asks the element to render whatever this intent changes.
    const retry = this.state.failure?.retry;
    this.#dispatch({ type: 'failureCleared' });
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
        if (retry?.request === 'catalog') void this.#loadCatalog();
        else if (retry?.request === 'booking') void this.#submitBooking();
        else if (retry) this.picker.retry(retry);
        break;
      case 'restart':
        this.#dispatch(intent);
        this.picker.forget();
        break;
      default:
        this.#dispatch(intent);
    }
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

  /** The reducer learns of the failure, and unless the request was superseded, the console and the host page too. */
  #fail(error: BackendError, failed: FlowEvent): void {
    this.#dispatch(failed);
    if (error.reason === 'aborted') return;
    // For the webmaster's console: the message names the operation and the schema path, never request data.
    if (error.reason === 'invalid_response') console.warn(`termin-buchen: ${error.message}`);
    emitTerminEvent(this.host, 'termin-error', { code: error.code });
  }

  async #loadCatalog(): Promise<void> {
    this.#dispatch({ type: 'catalogRequested' });
    try {
      const catalog = await this.host.adapter.catalog();
      this.#warnAboutUnknownPreselection(catalog);
      this.#dispatch({ type: 'catalogLoaded', catalog, preselect: { serviceId: this.host.service, locationId: this.host.location } });
      this.#dropInvalidPreselection();
    } catch (caught) {
      const error = toBackendError(caught);
      this.#fail(error, { type: 'catalogFailed', error });
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
    if (this.state.submitting || !held || !catalog) return;
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
      if (error.reason === 'hold_expired') this.picker.expired();
      this.#fail(error, { type: 'bookingFailed', error });
    }
  }
}
