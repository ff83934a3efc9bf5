import { bookableWindow } from '../flow/bookable-window.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiClient, ApiError, isApiError } from '../api/client.js';
import type { Catalog, DaysResponse, FormRules, PersonalData, Slot, SlotsResponse } from '../api/schemas.js';
import { emptyPerson, toPerson, type PersonDraft } from '../flow/person.js';
import type { Remote } from '../flow/booking-controller.js';
import { firstDayOf, lastDayOf, monthOf } from '../format/datetime.js';
import type { Lang } from '../i18n/messages.js';
import type { ManageLink } from './link.js';
import { initialManageState, reduceManage, type ManageEvent, type ManageState } from './manage-machine.js';

/** What the controller needs from the element that hosts it. */
export interface ManageHost extends ReactiveControllerHost, HTMLElement {
  api: string;
  catalog: Catalog | null;
  readonly language: Lang;
}

function toApiError(error: unknown): ApiError {
  return isApiError(error) ? error : new ApiError({ kind: 'network', endpoint: 'unknown', message: String(error) });
}

/**
 * Runs "Termin verwalten" for one element: owns the manage state and its own API client, and turns
 * request results into reducer events. The booking's token stays in here; it is never logged or emitted.
 */
export class ManageController implements ReactiveController {
  state: ManageState = initialManageState();
  month: string | null = null;
  days: Remote<DaysResponse> = { status: 'idle' };
  slots: Remote<SlotsResponse> = { status: 'idle' };
  holdingStart: string | null = null;
  slotTaken = false;
  /** The contact form's fields while the citizen changes them. */
  draft: PersonDraft = emptyPerson();

  #clientFor: { api: string; client: ApiClient } | null = null;

  constructor(private readonly host: ManageHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Leaving halfway through a move must not block the new slot for others until the hold expires.
    this.#releaseHeld();
  }

  get today(): string {
    return bookableWindow(this.host.catalog).today;
  }

  get lastBookable(): string {
    return bookableWindow(this.host.catalog).lastBookable;
  }

  get #client(): ApiClient {
    if (this.#clientFor?.api !== this.host.api) {
      this.#clientFor = { api: this.host.api, client: new ApiClient({ baseUrl: this.host.api, lang: () => this.host.language }) };
    }
    return this.#clientFor.client;
  }

  #dispatch(event: ManageEvent): void {
    this.state = reduceManage(this.state, event);
    this.host.requestUpdate();
  }

  #fail(error: unknown): void {
    const apiError = toApiError(error);
    if (apiError.kind === 'aborted') return;
    this.#dispatch({ type: 'failed', error: apiError });
    this.host.dispatchEvent(new CustomEvent('termin-error', { detail: { code: apiError.code }, bubbles: true, composed: true }));
  }

  async lookup(code: string, email: string): Promise<void> {
    if (this.state.busy) return;
    this.#dispatch({ type: 'lookupStarted', code });
    try {
      const booking = await this.#client.lookupBooking({ code, email });
      this.#dispatch({ type: 'bookingShown', booking, confirmedNow: false });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opening the e-mail's link is the double opt-in: a pending booking is confirmed by it. */
  async open({ code, token }: ManageLink): Promise<void> {
    this.#releaseHeld();
    this.#dispatch({ type: 'linkOpened', code });
    try {
      const booking = await this.#client.getBooking(code, token);
      if (booking.status !== 'pending') {
        this.#dispatch({ type: 'bookingShown', booking, confirmedNow: false });
        return;
      }
      this.#dispatch({ type: 'bookingShown', booking: await this.#client.confirmBooking(code, token), confirmedNow: true });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** `erase`: the personal data goes at once too (Art. 17). */
  async cancel(erase = false): Promise<void> {
    const { booking } = this.state;
    if (!booking || this.state.busy) return;
    this.#dispatch({ type: 'cancelStarted' });
    try {
      await this.#client.cancelBooking(booking.code, booking.token, erase);
      this.#dispatch({ type: 'cancelled', erased: erase });
      this.host.dispatchEvent(new CustomEvent('termin-cancelled', { detail: { code: booking.code }, bubbles: true, composed: true }));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Art. 15: everything the backend holds, for the list and the download. */
  async showData(): Promise<PersonalData | undefined> {
    const { booking } = this.state;
    if (!booking || this.state.busy) return;
    this.#dispatch({ type: 'dataRequested' });
    try {
      const data = await this.#client.getBookingData(booking.code, booking.token);
      this.#dispatch({ type: 'dataShown', data });
      return data;
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Art. 16: the form starts from what is stored. */
  async startChange(): Promise<void> {
    if (this.state.data || (await this.showData())) {
      const { person } = this.state.data!;
      this.draft = { ...emptyPerson(), ...person, birthDate: person.birthDate ?? '' };
      this.#dispatch({ type: 'changeStarted' });
    }
  }

  async saveChange(rules: FormRules): Promise<void> {
    const { booking } = this.state;
    if (!booking || this.state.busy) return;
    this.#dispatch({ type: 'changeSubmitted' });
    try {
      const { person } = toPerson(this.draft, rules, this.today);
      this.#dispatch({ type: 'changed', booking: await this.#client.updateBooking(booking.code, booking.token, { person }) });
    } catch (error) {
      this.#fail(error);
    }
  }

  startReschedule(): void {
    const { booking } = this.state;
    if (!booking) return;
    this.#dispatch({ type: 'rescheduleStarted' });
    this.slotTaken = false;
    this.days = { status: 'idle' };
    this.slots = { status: 'idle' };
    void this.showMonth(monthOf(this.today));
  }

  abandonReschedule(): void {
    this.#releaseHeld();
    this.#dispatch({ type: 'rescheduleAbandoned' });
  }

  async showMonth(month: string): Promise<void> {
    const booking = this.state.booking;
    if (!booking) return;
    this.month = month;
    const from = firstDayOf(month) > this.today ? firstDayOf(month) : this.today;
    const to = lastDayOf(month) < this.lastBookable ? lastDayOf(month) : this.lastBookable;
    this.days = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.#client.getDays({ locationId: booking.location.id, services: this.#selection(), from, to });
      if (this.month === month) this.days = { status: 'ready', value };
    } catch (error) {
      if (toApiError(error).kind === 'aborted') return;
      this.days = { status: 'error', error: toApiError(error) };
      this.#fail(error);
    }
    this.host.requestUpdate();
  }

  async chooseDay(date: string): Promise<void> {
    const booking = this.state.booking;
    if (!booking) return;
    this.#dispatch({ type: 'dayChosen', date });
    this.slotTaken = false;
    this.slots = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.#client.getSlots({ locationId: booking.location.id, services: this.#selection(), date });
      if (this.state.date === date) this.slots = { status: 'ready', value };
    } catch (error) {
      if (toApiError(error).kind === 'aborted') return;
      this.slots = { status: 'error', error: toApiError(error) };
      this.#fail(error);
    }
    this.host.requestUpdate();
  }

  async chooseSlot(slot: Slot): Promise<void> {
    const booking = this.state.booking;
    if (!booking || this.holdingStart || this.state.held?.slot.start === slot.start) return;
    this.#releaseHeld();
    this.holdingStart = slot.start;
    this.slotTaken = false;
    this.host.requestUpdate();
    try {
      const services = this.#selection();
      const hold = await this.#client.createHold({ locationId: booking.location.id, services, start: slot.start });
      this.#dispatch({ type: 'slotHeld', held: { slot, hold, services, deadline: performance.now() + hold.expiresInSeconds * 1000 } });
    } catch (error) {
      if (toApiError(error).code === 'slot_unavailable') {
        this.slotTaken = true;
        void this.#refreshAvailability();
      } else {
        this.#fail(error);
      }
    } finally {
      this.holdingStart = null;
      this.host.requestUpdate();
    }
  }

  /** The backend moves the booking onto the held slot and frees the old one in one step. */
  async submitReschedule(): Promise<void> {
    const { booking, held } = this.state;
    if (!booking || !held || this.state.busy) return;
    this.#dispatch({ type: 'rescheduleSubmitted' });
    try {
      const moved = await this.#client.rescheduleBooking(booking.code, booking.token, held.hold.id);
      this.#dispatch({ type: 'rescheduled', booking: moved });
      this.host.dispatchEvent(new CustomEvent('termin-rescheduled', {
        detail: { code: moved.code, start: moved.start, end: moved.end },
        bubbles: true,
        composed: true,
      }));
    } catch (error) {
      if (toApiError(error).code === 'hold_expired') {
        this.#dispatch({ type: 'holdExpired' });
        void this.#refreshAvailability();
      } else {
        this.#fail(error);
      }
    }
  }

  #selection() {
    return (this.state.booking?.services ?? []).map(({ id, quantity }) => ({ id, quantity }));
  }

  async #refreshAvailability(): Promise<void> {
    if (this.month) await this.showMonth(this.month);
    if (this.state.date) await this.chooseDay(this.state.date);
  }

  #releaseHeld(): void {
    const held = this.state.held;
    if (!held) return;
    this.state = { ...this.state, held: null };
    void this.#client.releaseHold(held.hold.id).catch(() => undefined);
  }
}
