import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toBackendError, type Backend, type BookingRef } from '../api/port.js';
import type { Catalog, FormRules, PersonalData, Slot } from '../api/schemas.js';
import { emitTerminEvent } from '../events.js';
import { bookableWindow } from '../flow/bookable-window.js';
import { emptyPerson, toPerson, type PersonDraft } from '../flow/person.js';
import { SlotPicker } from '../flow/slot-picker.js';
import { monthOf } from '../format/datetime.js';
import { initialManageState, reduceManage, type ManageEvent, type ManageState } from './manage-machine.js';

/** What the controller needs from the element that hosts it. */
export interface ManageHost extends ReactiveControllerHost, HTMLElement {
  readonly adapter: Backend;
  catalog: Catalog | null;
}

/**
 * Runs "Termin verwalten" for one element: owns the manage state, makes every request through the
 * backend port (moving through the slot picker it shares with the booking flow), and turns results into
 * reducer events. The booking's token stays in here; it is never logged or emitted.
 */
export class ManageController implements ReactiveController {
  state: ManageState = initialManageState();
  /** The contact form's fields while the citizen changes them. */
  draft: PersonDraft = emptyPerson();
  readonly picker: SlotPicker;

  constructor(private readonly host: ManageHost) {
    host.addController(this);
    this.picker = new SlotPicker(host, {
      selection: () => {
        const { booking } = this.state;
        return booking && { locationId: booking.location.id, services: booking.services.map(({ id, quantity }) => ({ id, quantity })) };
      },
      today: () => this.today,
      lastBookable: () => this.lastBookable,
      date: () => this.state.date,
      held: () => this.state.held,
      slotHeld: (held) => this.#dispatch({ type: 'slotHeld', held }),
      holdExtended: (held) => this.#dispatch({ type: 'holdExtended', held }),
      holdLost: () => this.#dispatch({ type: 'holdExpired' }),
      fail: (error) => this.#fail(error),
    });
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

  #dispatch(event: ManageEvent): void {
    this.state = reduceManage(this.state, event);
    this.host.requestUpdate();
  }

  #fail(error: unknown): void {
    const failure = toBackendError(error);
    if (failure.reason === 'aborted') return;
    this.#dispatch({ type: 'failed', error: failure });
    emitTerminEvent(this.host, 'termin-error', { code: failure.code });
  }

  async lookup(code: string, email: string): Promise<void> {
    if (this.state.busy) return;
    this.#dispatch({ type: 'lookupStarted', code });
    try {
      this.#dispatch({ type: 'bookingShown', booking: await this.host.adapter.find(code, email), confirmedNow: false });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opening the e-mail's link is the double opt-in: a pending booking is confirmed by it. */
  async open(ref: BookingRef): Promise<void> {
    this.#releaseHeld();
    this.#dispatch({ type: 'linkOpened', code: ref.code });
    try {
      const found = await this.host.adapter.get(ref);
      const confirmedNow = found.status === 'pending';
      this.#dispatch({ type: 'bookingShown', booking: confirmedNow ? await this.host.adapter.confirm(ref) : found, confirmedNow });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** `erase`: the personal data goes at once too (Art. 17). */
  async cancel(erase = false): Promise<void> {
    // A booking is its own reference for the backend: it carries code and token.
    const ref = this.state.booking;
    if (!ref || this.state.busy) return;
    this.#dispatch({ type: 'cancelStarted' });
    try {
      await this.host.adapter.cancel(ref, erase);
      this.#dispatch({ type: 'cancelled', erased: erase });
      emitTerminEvent(this.host, 'termin-cancelled', { code: ref.code });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Art. 15: everything the backend holds, for the list and the download. */
  async showData(): Promise<PersonalData | undefined> {
    const ref = this.state.booking;
    if (!ref || this.state.busy) return;
    this.#dispatch({ type: 'dataRequested' });
    try {
      const data = await this.host.adapter.personalData(ref);
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
    const ref = this.state.booking;
    if (!ref || this.state.busy) return;
    this.#dispatch({ type: 'changeSubmitted' });
    try {
      const { person } = toPerson(this.draft, rules, this.today);
      this.#dispatch({ type: 'changed', booking: await this.host.adapter.update(ref, { person }) });
    } catch (error) {
      this.#fail(error);
    }
  }

  startReschedule(): void {
    if (!this.state.booking) return;
    this.#dispatch({ type: 'rescheduleStarted' });
    this.picker.reset();
    void this.picker.showMonth(monthOf(this.today));
  }

  abandonReschedule(): void {
    this.#releaseHeld();
    this.#dispatch({ type: 'rescheduleAbandoned' });
  }

  chooseDay(date: string): void {
    this.#dispatch({ type: 'dayChosen', date });
    this.picker.clearTaken();
    void this.picker.showDay(date);
  }

  chooseSlot(slot: Slot): void {
    if (this.state.held?.slot.start === slot.start) return;
    this.#releaseHeld();
    void this.picker.hold(slot);
  }

  /** The backend moves the booking onto the held slot and frees the old one in one step. */
  async submitReschedule(): Promise<void> {
    const { held } = this.state;
    const ref = this.state.booking;
    if (!ref || !held || this.state.busy) return;
    this.#dispatch({ type: 'rescheduleSubmitted' });
    try {
      const moved = await this.host.adapter.reschedule(ref, held.hold.id);
      this.#dispatch({ type: 'rescheduled', booking: moved });
      emitTerminEvent(this.host, 'termin-rescheduled', { code: moved.code, start: moved.start, end: moved.end });
    } catch (error) {
      if (toBackendError(error).reason === 'hold_expired') this.picker.expired();
      else this.#fail(error);
    }
  }

  #releaseHeld(): void {
    const { held } = this.state;
    if (!held) return;
    this.#dispatch({ type: 'slotReleased' });
    this.picker.release(held);
  }
}
