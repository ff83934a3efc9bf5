import { html, nothing, svg, type PropertyValues } from 'lit';
import {
  addDaysToDate,
  addMonths,
  addMonthsToDate,
  dayOfMonth,
  endOfWeekOf,
  firstDayOf,
  formatDateLong,
  formatMonthYear,
  lastDayOf,
  monthGrid,
  monthOf,
  startOfWeekOf,
  weekdayNames,
} from '../../format/datetime.js';
import { de } from '../../i18n/de.js';
import type { Messages } from '../../i18n/messages.js';
import { emit } from '../../events.js';
import { reactiveProperties, StepElement } from '../steps/step-element.js';

export type MonthChangeDetail = { month: string };
export type DaySelectDetail = { date: string };

/** `loading` and `unknown` (the days could not be loaded) are never shown as booked out. */
type DayState = 'available' | 'past' | 'not-yet-bookable' | 'no-free-slots' | 'loading' | 'unknown';

interface CalendarDay {
  date: string;
  number: number;
  label: string;
  state: DayState;
}

let instances = 0;

/** Days the arrow keys move: one back or on, a week up or down. */
const ARROW_DAYS: Partial<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
/** Months Page Up and Page Down move; with Shift, years. */
const PAGE_MONTHS: Partial<Record<string, number>> = { PageUp: -1, PageDown: 1 };

const chevron = (points: string) =>
  html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    ${svg`<polyline points=${points} fill="none" stroke="currentColor" stroke-width="2.5" />`}
  </svg>`;

/**
 * A month of days to choose an appointment day from, following the WAI-ARIA APG date picker grid.
 *
 * Renders into its own light DOM so that it shares the root's shadow tree; its styles are
 * `calendarStyles` from `calendar.styles.ts`.
 *
 * @fires tb-month-change - The citizen wants to see another month; the parent sets `month` in response.
 * @fires tb-day-select - The citizen chose a bookable day.
 */
export class Calendar extends StepElement {
  static override properties = {
    loading: { type: Boolean },
    failed: {},
    ...reactiveProperties(['month', 'available', 'selected', 'today', 'lastBookable'], ['activeDate']),
  };

  /** The month shown, `YYYY-MM`. */
  month = '';
  /** Bookable days and their number of free slots; days not in the map have none. */
  available: ReadonlyMap<string, number> = new Map();
  selected: string | null = null;
  /** Today in the office's time zone, `YYYY-MM-DD`. */
  today = '';
  /** The last day the booking horizon reaches, `YYYY-MM-DD`. */
  lastBookable = '';
  loading = false;
  /** The free days could not be loaded: why, in the citizen's words (empty while they could). The calendar says so and offers to ask again. */
  failed = '';
  override messages: Messages = de;

  /** The day holding the grid's single tab stop once the citizen has moved or clicked. */
  private activeDate: string | null = null;

  /** A day in another month that keyboard navigation asked for; it gets focus once the parent shows its month. */
  #pendingFocus: string | null = null;
  #weeks: (CalendarDay | null)[][] = [];
  readonly #headingId = `tb-calendar-heading-${++instances}`;

  protected override willUpdate(changed: PropertyValues<this>) {
    const inputs = ['month', 'available', 'today', 'lastBookable', 'loading', 'failed', 'messages', 'lang'] as const;
    if (inputs.some((name) => changed.has(name))) this.#weeks = this.#buildWeeks();
    if (changed.has('selected') && this.selected) this.activeDate = this.selected;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('month') || !this.#pendingFocus) return;
    const date = this.#pendingFocus;
    this.#pendingFocus = null;
    if (monthOf(date) === this.month && this.#focusIsStillInGrid()) this.#cellFor(date)?.focus();
  }

  override render() {
    if (!this.month) return nothing;
    const messages = this.messages.calendar;
    const previous = addMonths(this.month, -1);
    const next = addMonths(this.month, 1);
    const tabStop = this.#tabStop();
    return html`
      <div class="header">
        ${this.#renderNav(previous, '15 5 8 12 15 19', messages.previousMonth)}
        <h3 id=${this.#headingId} aria-live="polite">${formatMonthYear(this.month, this.lang)}</h3>
        ${this.#renderNav(next, '9 5 16 12 9 19', messages.nextMonth)}
      </div>
      <table
        role="grid"
        part="calendar"
        aria-labelledby=${this.#headingId}
        aria-busy=${this.loading ? 'true' : 'false'}
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @focusin=${this.#onFocusIn}
      >
        <thead>
          <tr>
            ${weekdayNames(this.lang).map(
              (weekday) => html`<th scope="col"><abbr title=${weekday.long}>${weekday.short}</abbr></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${this.#weeks.map(
            (week) => html`<tr>${week.map((day) => (day ? this.#renderDay(day, tabStop) : html`<td></td>`))}</tr>`,
          )}
        </tbody>
      </table>
      ${this.loading ? html`<p class="loading" role="status">${messages.loadingDays}</p>` : nothing}
      ${this.failed
        ? html`<div class="notice error" role="alert">
            <p>${messages.failedDays} ${this.failed}</p>
            <button type="button" part="button" @click=${() => this.#requestMonth(this.month)}>${this.messages.common.retry}</button>
          </div>`
        : nothing}
      <ul class="legend">
        ${(
          [
            ['available', messages.legendAvailable],
            ['selected', messages.legendSelected],
            ['unavailable', messages.legendUnavailable],
            ['today', messages.legendToday],
          ] as const
        ).map(([swatch, label]) => html`<li><span class="swatch ${swatch}" aria-hidden="true"></span>${label}</li>`)}
      </ul>
    `;
  }

  /** The button to the month before or after: the chevron points the way, the hidden text names the month. */
  #renderNav(month: string, chevronPoints: string, label: (monthName: string) => string) {
    return html`<button type="button" class="nav" aria-disabled=${this.#canShow(month) ? 'false' : 'true'} @click=${() => this.#requestMonth(month)}>
      ${chevron(chevronPoints)}<span class="visually-hidden">${label(formatMonthYear(month, this.lang))}</span>
    </button>`;
  }

  #renderDay(day: CalendarDay, tabStop: string) {
    const selected = day.date === this.selected;
    return html`<td
      class="day"
      part="day${day.state === 'available' ? ' day-available' : ''}${selected ? ' day-selected' : ''}"
      data-date=${day.date}
      data-state=${day.state}
      tabindex=${day.date === tabStop ? '0' : '-1'}
      aria-label=${day.label}
      aria-selected=${selected ? 'true' : nothing}
      aria-disabled=${['past', 'not-yet-bookable', 'no-free-slots'].includes(day.state) ? 'true' : nothing}
      aria-current=${day.date === this.today ? 'date' : nothing}
    >${day.number}</td>`;
  }

  #buildWeeks(): (CalendarDay | null)[][] {
    return monthGrid(this.month).map((week) =>
      week.map((date) => {
        if (!date) return null;
        const state = this.#stateOf(date);
        return { date, number: dayOfMonth(date), state, label: this.#labelOf(date, state) };
      }),
    );
  }

  #stateOf(date: string): DayState {
    if (date < this.today) return 'past';
    if (date > this.lastBookable) return 'not-yet-bookable';
    if (this.loading) return 'loading';
    if (this.failed) return 'unknown';
    return this.available.has(date) ? 'available' : 'no-free-slots';
  }

  #labelOf(date: string, state: DayState): string {
    const messages = this.messages.calendar;
    const name = formatDateLong(date, this.lang);
    // While the days load, or when they could not be, the date alone: nothing is known about it yet.
    const status = {
      available: messages.freeSlots(this.available.get(date) ?? 0),
      past: messages.past,
      'not-yet-bookable': messages.notYetBookable,
      'no-free-slots': messages.noFreeSlots,
      loading: '',
      unknown: '',
    }[state];
    return status ? messages.day(name, status) : name;
  }

  #tabStop(): string {
    const inMonth = (date: string | null): date is string => date !== null && monthOf(date) === this.month;
    if (inMonth(this.activeDate)) return this.activeDate;
    if (inMonth(this.selected)) return this.selected;
    const firstBookable = this.#weeks.flat().find((day) => day?.state === 'available');
    if (firstBookable) return firstBookable.date;
    return inMonth(this.today) ? this.today : firstDayOf(this.month);
  }

  /** Months before today's and after the booking horizon's hold nothing to book. */
  #canShow(month: string): boolean {
    return month >= monthOf(this.today) && month <= monthOf(this.lastBookable);
  }

  #requestMonth(month: string) {
    if (!this.#canShow(month)) return;
    emit<MonthChangeDetail>(this, 'tb-month-change', { month }, true);
  }

  #onKeyDown(event: KeyboardEvent) {
    const from = this.#dateOf(event.target);
    if (!from) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#select(from);
      return;
    }
    const target = this.#keyTarget(event, from);
    if (target === null) return;
    event.preventDefault();
    void this.#moveTo(target);
  }

  #keyTarget(event: KeyboardEvent, from: string): string | null {
    const { key } = event;
    if (ARROW_DAYS[key]) return addDaysToDate(from, ARROW_DAYS[key]);
    if (PAGE_MONTHS[key]) return addMonthsToDate(from, PAGE_MONTHS[key] * (event.shiftKey ? 12 : 1));
    // The grid shows no days of neighbouring months, so Home and End stop at the month's edge.
    if (key === 'Home') return maxDate(startOfWeekOf(from), firstDayOf(monthOf(from)));
    if (key === 'End') return minDate(endOfWeekOf(from), lastDayOf(monthOf(from)));
    return null;
  }

  async #moveTo(date: string) {
    if (!this.#canShow(monthOf(date))) return;
    this.activeDate = date;
    if (monthOf(date) === this.month) {
      await this.updateComplete;
      this.#cellFor(date)?.focus();
      return;
    }
    // The parent owns `month`; focus follows once it shows the new month.
    this.#pendingFocus = date;
    this.#requestMonth(monthOf(date));
  }

  /** Re-rendering a month can remove the focused cell; focus elsewhere in the page must not be stolen. */
  #focusIsStillInGrid(): boolean {
    const root = this.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    return !active || active === document.body || (this.contains(active) && active.matches('td'));
  }

  #onClick(event: MouseEvent) {
    const date = this.#dateOf(event.target);
    if (date) this.#select(date);
  }

  /** Whichever day gets focus, by keyboard, pointer or script, becomes the grid's tab stop. */
  #onFocusIn(event: FocusEvent) {
    const date = this.#dateOf(event.target);
    if (date) this.activeDate = date;
  }

  #select(date: string) {
    if (this.#stateOf(date) !== 'available') return;
    emit<DaySelectDetail>(this, 'tb-day-select', { date }, true);
  }

  #dateOf(target: EventTarget | null): string | null {
    const cell = target instanceof Element ? target.closest<HTMLElement>('td[data-date]') : null;
    return cell?.dataset.date ?? null;
  }

  #cellFor(date: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`td[data-date="${date}"]`);
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

// Spelled out, not defineOnce(): the manifest analyzer finds the tag name only in a customElements.define call.
if (!customElements.get('tb-calendar')) customElements.define('tb-calendar', Calendar);

declare global {
  interface HTMLElementTagNameMap {
    'tb-calendar': Calendar;
  }
  interface HTMLElementEventMap {
    'tb-month-change': CustomEvent<MonthChangeDetail>;
    'tb-day-select': CustomEvent<DaySelectDetail>;
  }
}
