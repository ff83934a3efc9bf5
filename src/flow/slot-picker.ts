import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toBackendError, type Backend, type BackendError } from '../api/port.js';
import type { DaysResponse, ServiceSelection, Slot, SlotsResponse } from '../api/schemas.js';
import { firstDayOf, lastDayOf } from '../format/datetime.js';
import type { HeldSlot } from './machine.js';
import { RequestCache } from './request-cache.js';

export type Remote<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: BackendError };

/** What availability depends on: another location or other quantities mean other slot lengths. */
export interface Selection {
  locationId: string;
  services: ServiceSelection[];
}

export const selectionKey = (selection: Selection) =>
  `${selection.locationId}|${selection.services.map((service) => `${service.id}:${service.quantity}`).join(',')}|`;

/** Where a failure shows: next to the times, or nowhere but the calendar, which says itself that its days failed. */
export type FailurePlace = 'times' | 'days';

/** What the picker sends again when the citizen retries: plain data, so that a flow's reducer can keep it. */
export type PickerRetry = { request: 'slots'; date: string } | { request: 'hold'; slot: Slot } | { request: 'extend' };

/** The element both flows run in: it knows the backend adapter, which `api` and `backend` may change at any time. */
export interface PickerHost extends ReactiveControllerHost {
  readonly adapter: Backend;
}

/** What the picker needs from the flow it serves: booking a new appointment, or moving one. */
export interface PickerOwner {
  /** What the citizen wants times for; null until location and services are known. */
  selection(): Selection | null;
  today(): string;
  /** The last bookable day, or null while the catalog (which tells the horizon) is still on its way. */
  lastBookable(): string | null;
  /** The day and the held slot, as the owner's reducer keeps them. */
  date(): string | null;
  held(): HeldSlot | null;
  slotHeld(held: HeldSlot): void;
  holdExtended(held: HeldSlot): void;
  holdLost(): void;
  /** `retry`: what to hand back to `retry()` should the citizen try again. */
  fail(error: BackendError, retry?: PickerRetry, where?: FailurePlace): void;
}

/** The picker's view of month, days, times and the reservation in progress; replaced whole on every change. */
export interface PickerState {
  month: string | null;
  days: Remote<DaysResponse>;
  slots: Remote<SlotsResponse>;
  /** The start of the slot being reserved right now. */
  holdingStart: string | null;
  /** The slot the citizen chose was taken by someone else just before. */
  slotTaken: boolean;
  /** "Mehr Zeit" worked: the countdown says so. */
  extended: boolean;
}

export const initialPickerState = (): PickerState => ({
  month: null,
  days: { status: 'idle' },
  slots: { status: 'idle' },
  holdingStart: null,
  slotTaken: false,
  extended: false,
});

/** `performance.now()`: the device's wall clock may be wrong, its monotonic clock is not. */
const deadlineIn = (seconds: number) => performance.now() + seconds * 1000;

/**
 * Month, day, time and reservation, once for both flows: booking a new appointment and moving one in
 * the manage view. Answers are cached per selection and day, late answers to older questions are
 * dropped, and a held slot is freed when the citizen lets go of it or leaves the page.
 */
export class SlotPicker implements ReactiveController {
  state: PickerState = initialPickerState();

  readonly #daysCache = new RequestCache<DaysResponse>();
  readonly #slotsCache = new RequestCache<SlotsResponse>();
  /** Which answers `days` and `slots` wait for, so that a late answer to an older question is dropped. */
  #daysKey = '';
  #slotsKey = '';

  constructor(
    private readonly host: PickerHost,
    private readonly owner: PickerOwner,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#releaseOnLeave);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#releaseOnLeave);
  }

  /**
   * Closing the tab or navigating away frees the held slot at once. The owner keeps the hold: if the
   * page comes back from the back/forward cache, using it fails as expired, which the flows handle.
   */
  readonly #releaseOnLeave = (): void => {
    const held = this.owner.held();
    if (held) this.release(held, { keepalive: true });
  };

  #set(patch: Partial<PickerState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }

  /** Everything shown so far belongs to another backend or another booking. */
  reset(): void {
    this.forget();
    this.state = initialPickerState();
  }

  forget(keyPrefix = ''): void {
    this.#daysCache.forget(keyPrefix);
    this.#slotsCache.forget(keyPrefix);
  }

  /** Frees a slot the flow no longer wants; failing to is harmless, the hold simply expires. */
  release(held: HeldSlot, options?: { keepalive?: boolean }): void {
    void this.host.adapter.release(held.hold.id, options).catch(() => undefined);
  }

  #daysQuery(selection: Selection, month: string) {
    const today = this.owner.today();
    const lastBookable = this.owner.lastBookable();
    const from = firstDayOf(month) > today ? firstDayOf(month) : today;
    // Before the catalog has told the horizon, the whole month is asked for; the key then shows whether
    // that answer fits the question asked once the horizon is known.
    const to = lastBookable && lastBookable < lastDayOf(month) ? lastBookable : lastDayOf(month);
    return { key: `${selectionKey(selection)}${from}/${to}`, query: { ...selection, from, to } };
  }

  /** Days (and the likely first day's times) asked for before the flow needs them, e.g. for a preselection. */
  prefetch(selection: Selection, month: string): void {
    const { key, query } = this.#daysQuery(selection, month);
    void this.#daysCache.fetch(key, () => this.host.adapter.days(query)).then(
      (days) => this.#prefetchFirstSlots(selection, days),
      () => undefined,
    );
  }

  async showMonth(month: string, { prefetchSlots = false } = {}): Promise<void> {
    const selection = this.owner.selection();
    if (!selection) return;
    const { key, query } = this.#daysQuery(selection, month);
    this.#daysKey = key;
    const arrived = this.#daysCache.arrived(key);
    this.#set({ month, days: arrived ? { status: 'ready', value: arrived } : { status: 'loading' } });
    if (arrived) {
      if (prefetchSlots) this.#prefetchFirstSlots(selection, arrived);
      return;
    }
    try {
      const value = await this.#daysCache.fetch(key, () => this.host.adapter.days(query));
      if (this.#daysKey !== key) return;
      this.#set({ days: { status: 'ready', value } });
      if (prefetchSlots) this.#prefetchFirstSlots(selection, value);
    } catch (error) {
      const failure = toBackendError(error);
      if (failure.reason === 'aborted' || this.#daysKey !== key) return;
      this.#set({ days: { status: 'error', error: failure } });
      this.owner.fail(failure, undefined, 'days');
    }
  }

  /** The day a citizen is most likely to pick first; asked for before they do, unless they already chose. */
  #prefetchFirstSlots(selection: Selection, answer: DaysResponse): void {
    const date = answer.days[0]?.date ?? answer.nextAvailable;
    const current = this.owner.selection();
    const selectionChanged = this.owner.lastBookable() !== null && (!current || selectionKey(current) !== selectionKey(selection));
    // A slots request supersedes the one in flight: it must never cut off the citizen's own choice.
    if (!date || this.owner.date() || selectionChanged) return;
    void this.#slotsCache.fetch(`${selectionKey(selection)}${date}`, () => this.host.adapter.slots({ ...selection, date }));
  }

  async showDay(date: string, fresh = false): Promise<void> {
    const selection = this.owner.selection();
    if (!selection) return;
    const key = `${selectionKey(selection)}${date}`;
    this.#slotsKey = key;
    if (fresh) this.#slotsCache.forget(key);
    const arrived = this.#slotsCache.arrived(key);
    this.#set({ slots: arrived ? { status: 'ready', value: arrived } : { status: 'loading' } });
    if (arrived) return;
    try {
      const value = await this.#slotsCache.fetch(key, () => this.host.adapter.slots({ ...selection, date }));
      if (this.#slotsKey !== key || this.owner.date() !== date) return;
      this.#set({ slots: { status: 'ready', value } });
    } catch (error) {
      const failure = toBackendError(error);
      if (failure.reason === 'aborted' || this.#slotsKey !== key) return;
      this.#set({ slots: { status: 'error', error: failure } });
      this.owner.fail(failure, { request: 'slots', date }, 'times');
    }
  }

  /** A new step: "that time was just taken" no longer applies. */
  clearTaken(): void {
    if (this.state.slotTaken) this.#set({ slotTaken: false });
  }

  /** After a hold failed or expired, what was shown may be stale: ask again. */
  refresh(): void {
    this.forget();
    const { month } = this.state;
    const date = this.owner.date();
    if (month) void this.showMonth(month);
    if (date) void this.showDay(date, true);
  }

  async hold(slot: Slot): Promise<void> {
    const selection = this.owner.selection();
    if (!selection || this.state.holdingStart) return;
    this.#set({ holdingStart: slot.start, slotTaken: false });
    try {
      const hold = await this.host.adapter.hold({ ...selection, start: slot.start });
      this.#set({ holdingStart: null, extended: false });
      this.owner.slotHeld({ slot, hold, services: selection.services, deadline: deadlineIn(hold.expiresInSeconds) });
    } catch (error) {
      const failure = toBackendError(error);
      this.#set({ holdingStart: null, slotTaken: failure.reason === 'slot_taken' });
      if (this.state.slotTaken) this.refresh();
      else this.owner.fail(failure, { request: 'hold', slot }, 'times');
    }
  }

  async extend(): Promise<void> {
    const held = this.owner.held();
    if (!held) return;
    try {
      const hold = await this.host.adapter.extend(held.hold.id);
      this.#set({ extended: true });
      this.owner.holdExtended({ ...held, hold, deadline: deadlineIn(hold.expiresInSeconds) });
    } catch (error) {
      const failure = toBackendError(error);
      if (failure.reason === 'hold_expired' || failure.reason === 'not_found') this.expired();
      else this.owner.fail(failure, { request: 'extend' });
    }
  }

  /** Sends again what failed, as `fail` described it; the times are asked for afresh, not from the cache. */
  retry(what: PickerRetry): void {
    if (what.request === 'slots') void this.showDay(what.date, true);
    else if (what.request === 'hold') void this.hold(what.slot);
    else void this.extend();
  }

  /** The reservation ran out (the countdown, or the backend said so): fresh times, the form kept. */
  expired(): void {
    this.owner.holdLost();
    this.refresh();
  }
}
