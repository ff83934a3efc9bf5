import { html, nothing, type TemplateResult } from 'lit';
import type { DaysResponse, Slot } from '../../api/schemas.js';
import type { PickerState } from '../../flow/slot-picker.js';
import { errorMessage } from '../../i18n/error-message.js';
import type { HeldSlot } from '../../flow/machine.js';
import { formatDateLong, formatDateShort, formatTime, monthOf } from '../../format/datetime.js';
import { callUs } from '../../i18n/error-message.js';
import '../calendar/calendar.component.js';
import '../slot-list/slot-list.component.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/** Step 3: a day in the month calendar, then a time on that day. */
export class DatetimeStep extends StepElement {
  static override properties = reactiveProperties(['picker', 'date', 'held', 'proving', 'holdExpired', 'today', 'lastBookable', 'phone', 'summary', 'failure']);

  /** Month, days, times and the reservation in progress, from the flow's slot picker. */
  picker!: PickerState;
  date!: string | null;
  held!: HeldSlot | null;
  /** The device is working out the backend's anti-bot puzzle: said in words, as it may take a moment. */
  proving!: boolean;
  holdExpired!: boolean;
  today!: string;
  lastBookable!: string;
  /** Whom to call when no time is free: the location's phone, else the town's. */
  phone?: string;
  /** What the times are for, above the calendar. */
  summary!: TemplateResult | string;
  /** A failed request about the times, shown right under their heading where the citizen is looking. */
  failure: TemplateResult | typeof nothing = nothing;

  #available = new Map<string, number>();
  /** A day was just chosen: its times' heading gets focus and comes into view once it is rendered. */
  #focusTimes = false;
  #availableFrom: DaysResponse | null = null;

  #availableDays(): ReadonlyMap<string, number> {
    const value = this.picker.days.status === 'ready' ? this.picker.days.value : null;
    if (value !== this.#availableFrom) {
      this.#availableFrom = value;
      this.#available = new Map((value?.days ?? []).map((day) => [day.date, day.free]));
    }
    return this.#available;
  }

  #chooseDay(date: string): void {
    this.#focusTimes = true;
    this.emit({ type: 'dayChosen', date });
    this.requestUpdate();
  }

  protected override updated(): void {
    const heading = this.querySelector<HTMLElement>('#times-heading');
    if (!this.#focusTimes || !heading) return;
    this.#focusTimes = false;
    // On a phone the times lie below the whole month: without this, a tap on a day changes nothing in view.
    heading.focus({ preventScroll: true });
    const { top, bottom } = heading.getBoundingClientRect();
    if (top < 0 || bottom > innerHeight / 2) heading.scrollIntoView({ block: 'start' });
  }

  #chooseSlot(slot: Slot): void {
    this.emit({ type: 'slotChosen', slot });
  }

  override render() {
    const m = this.messages.datetime;
    const days = this.picker.days.status === 'ready' ? this.picker.days.value : null;
    return html`
      <p class="intro">${this.summary}</p>
      ${this.holdExpired ? html`<p class="notice error" role="alert">${this.messages.errors.hold_expired}</p>` : nothing}
      <tb-calendar
        .messages=${this.messages}
        .lang=${this.lang}
        .month=${this.picker.month ?? ''}
        .available=${this.#availableDays()}
        .selected=${this.date}
        .today=${this.today}
        .lastBookable=${this.lastBookable}
        .loading=${this.picker.days.status === 'loading' || this.picker.days.status === 'idle'}
        .failed=${this.picker.days.status === 'error' ? errorMessage(this.messages, this.lang, this.picker.days.error) : ''}
        @tb-month-change=${(event: CustomEvent<{ month: string }>) => this.emit({ type: 'monthShown', month: event.detail.month })}
        @tb-day-select=${(event: CustomEvent<{ date: string }>) => this.#chooseDay(event.detail.date)}
      ></tb-calendar>
      ${this.#renderDayList()}
      ${days && days.days.length === 0 ? this.#renderEmptyMonth(days.nextAvailable) : nothing}
      ${this.date ? this.#renderSlots(this.date) : nothing}
      ${this.held && !this.picker.holdingStart
        ? html`<div class="actions">
            <button type="button" class="primary" part="button button-primary" @click=${() => this.emit({ type: 'heldSlotKept' })}>
              ${m.keep(formatTime(this.held.slot.start, this.timeZone, this.lang))}
            </button>
          </div>`
        : nothing}
    `;
  }

  /**
   * The month's bookable days as plain buttons: on a phone's screen reader, or for anyone who finds a grid
   * hard, a short list beats walking through every day of the month.
   */
  #renderDayList() {
    const available = this.#availableDays();
    if (available.size === 0) return nothing;
    const m = this.messages.calendar;
    return html`<details class="day-list">
      <summary>${this.messages.datetime.dayList}</summary>
      <ul>
        ${[...available].map(
          ([date, free]) => html`<li>
            <button type="button" class="link" aria-pressed=${date === this.date ? 'true' : 'false'} @click=${() => this.#chooseDay(date)}>
              ${m.day(formatDateLong(date, this.lang), m.freeSlots(free))}
            </button>
          </li>`,
        )}
      </ul>
    </details>`;
  }

  #renderEmptyMonth(nextAvailable: string | null) {
    const m = this.messages.datetime;
    const call = callUs(this.messages, this.phone);
    if (!nextAvailable) return html`<p class="notice" role="status">${m.noneAtAll}${call}</p>`;
    return html`<div class="notice" role="status">
      <p>${m.noneInMonth} ${m.nextAvailable(formatDateShort(nextAvailable, this.lang))}</p>
      ${this.phone ? html`<p>${call}</p>` : nothing}
      <div class="actions">
        <button type="button" part="button" @click=${() => this.#jumpTo(nextAvailable)}>${m.jump}</button>
      </div>
    </div>`;
  }

  #jumpTo(date: string): void {
    this.emit({ type: 'monthShown', month: monthOf(date) });
    this.#chooseDay(date);
  }

  #renderSlots(date: string) {
    const m = this.messages.datetime;
    const slots = this.picker.slots.status === 'ready' ? this.picker.slots.value.slots : [];
    // Everything about the times sits right under their heading, which a chosen day brings into view.
    return html`
      <h3 id="times-heading" class="times-heading" tabindex="-1">${this.messages.slots.heading(formatDateLong(date, this.lang))}</h3>
      ${this.failure}
      ${this.picker.slotTaken ? html`<p class="notice error" role="alert">${m.slotTaken}</p>` : nothing}
      ${this.picker.holdingStart || this.proving ? html`<p class="loading" role="status">${this.proving ? m.proving : m.holding}</p>` : nothing}
      ${this.picker.slots.status === 'loading' ? html`<p class="loading" role="status">${this.messages.common.loading}</p>` : nothing}
      ${this.picker.slots.status === 'ready'
        ? html`<tb-slot-list
            .messages=${this.messages}
            .lang=${this.lang}
            .slots=${slots}
            .timeZone=${this.timeZone}
            .selectedStart=${this.picker.holdingStart ?? this.held?.slot.start ?? null}
            .busy=${this.picker.holdingStart !== null}
            @tb-slot-select=${(event: CustomEvent<{ slot: Slot }>) => this.#chooseSlot(event.detail.slot)}
          ></tb-slot-list>`
        : nothing}
      <span class="visually-hidden" role="status">${this.picker.slots.status === 'ready' ? m.dayStatus(slots.length, formatDateLong(date, this.lang)) : ''}</span>
    `;
  }
}

defineOnce('tb-datetime-step', DatetimeStep);
