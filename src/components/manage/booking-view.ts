import { html, nothing } from 'lit';
import type { Capabilities } from '../../api/port.js';
import type { Booking, PersonalData } from '../../api/schemas.js';
import type { ManageState } from '../../manage/manage-machine.js';
import { clock } from '../../clock.js';
import { callUs } from '../../i18n/error-message.js';
import { downloadIcs } from '../../ics/download.js';
import { PERSON_FIELDS } from '../../flow/person.js';
import { bookingRows, dateTime, saveToCalendar, timeRange } from '../steps/booking-facts.js';
import { defineOnce, reactiveProperties, StepElement } from '../steps/step-element.js';
import './confirm-dialog.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import { emitManageAction } from './manage-action.js';

/** One booking with what the citizen can do with it: move it, cancel it, put it in a calendar. */
export class BookingView extends StepElement {
  static override properties = reactiveProperties(['booking', 'notice', 'cancelling', 'tooLate', 'phone', 'data', 'capabilities']);

  booking!: Booking;
  notice!: ManageState['notice'];
  cancelling!: boolean;
  /** The backend answered `too_late`; its error says so, with the phone number. */
  tooLate!: boolean;
  /** The town's phone number, from the catalog. */
  phone?: string;
  /** What the backend holds about the citizen, once "Meine Daten ansehen" was pressed. */
  data!: PersonalData | null;
  /** What the backend can do: actions it cannot are not offered. */
  capabilities!: Capabilities;

  /** The one dialog asks either to cancel, or to cancel and erase. */
  #erase = false;

  #askToCancel(event: Event, erase = false): void {
    if (this.cancelling) return;
    this.#erase = erase;
    this.requestUpdate();
    void this.querySelector<ConfirmDialog>('tb-confirm-dialog')?.show(event.currentTarget as HTMLElement);
  }

  /** Art. 20: the same data as shown, as a file made here; no second request, nothing in a URL. */
  #download(): void {
    const { code, status, start, end, location, services } = this.booking;
    const file = { booking: { code, status, start, end, location: { id: location.id, name: location.name }, services }, ...this.data };
    downloadIcs(JSON.stringify(file, null, 2), `termin-${code}-daten.json`, 'application/json');
  }

  #dateTime(instant: string): string {
    return dateTime(this.messages, this.lang, this.timeZone, instant);
  }

  #renderData(data: PersonalData) {
    const m = this.messages;
    const p = m.privacy;
    const person: Record<string, string | undefined> = { ...data.person, notes: data.notes };
    const rows: [string, string | undefined][] = [
      ...PERSON_FIELDS.map((field): [string, string | undefined] => [field === 'notes' ? p.notes : m.details.labels[field], person[field]]),
      [m.details.sms, data.reminders && (data.reminders.sms ? p.yes : p.no)],
      [p.language, data.locale === 'de' ? 'Deutsch' : 'English'],
      [p.createdAt, this.#dateTime(data.createdAt)],
      [p.erasesAt, this.#dateTime(data.erasesAt)],
    ];
    return html`<section class="manage-entry" aria-labelledby="data-title">
      <h3 id="data-title">${p.title}</h3>
      <dl class="summary">${rows.filter(([, value]) => value).map(([label, value]) => html`<div class="summary-row"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
      <div class="actions"><button type="button" part="button" @click=${this.#download}>${p.download}</button></div>
    </section>`;
  }

  override render() {
    const m = this.messages.manage;
    const booking = this.booking;
    const when = timeRange(this, booking.start, booking.end);
    const pending = booking.status === 'pending';
    const until = booking.changeableUntil;
    // Past the deadline the booking says it carries, neither is offered: said up front, with whom to call.
    const closed = !!until && clock.now().getTime() >= Date.parse(until);
    const p = this.messages.privacy;
    const can = this.capabilities;
    return html`
      ${this.notice ? html`<p class="notice success" role="status">${this.notice === 'changed' ? p.changed : this.notice === 'confirmedNow' ? m.confirmedNow : m.rescheduled}</p>` : nothing}
      <dl class="summary" part="summary">
        <div class="summary-row">
          <dt>${m.codeLabel}</dt>
          <dd part="code">${booking.code}</dd>
        </div>
        ${bookingRows(this, booking)}
        <div class="summary-row">
          <dt>${m.status}</dt>
          <dd class="manage-status">
            <span class="badge ${pending ? 'pending' : ''}">${pending ? m.statusPending : m.statusConfirmed}
              ${pending && booking.confirmBy ? this.messages.done.confirmBy(this.#dateTime(booking.confirmBy)) : nothing}</span>
          </dd>
        </div>
      </dl>
      ${booking.erasesAt ? html`<p>${p.kept(this.#dateTime(booking.erasesAt))}</p>` : nothing}
      ${closed && !this.tooLate ? html`<p class="notice">${m.tooLate}${callUs(this.messages, this.phone)}</p>` : nothing}
      <div class="actions">
        ${this.tooLate || closed
          ? nothing
          : html`${can.canReschedule ? html`<button type="button" class="primary" part="button button-primary" @click=${() => emitManageAction(this, { type: 'reschedule' })}>${m.reschedule}</button>` : nothing}
              <button type="button" part="button" aria-disabled=${this.cancelling ? 'true' : 'false'} @click=${this.#askToCancel}>${m.cancel}</button>`}
        <button type="button" part="button" @click=${() => saveToCalendar(this)}>${this.messages.done.addToCalendar}</button>
      </div>
      ${this.cancelling ? html`<p class="loading" role="status">${m.cancelling}</p>` : nothing}
      <div class="actions">
        ${this.data || !can.canManageData ? nothing : html`<button type="button" part="button" @click=${() => emitManageAction(this, { type: 'showData' })}>${p.show}</button>`}
        ${can.canManageData ? html`<button type="button" part="button" @click=${() => emitManageAction(this, { type: 'change' })}>${p.change}</button>` : nothing}
        ${this.tooLate || closed || !can.canErase ? nothing : html`<button type="button" class="danger" part="button" @click=${(event: Event) => this.#askToCancel(event, true)}>${p.erase}</button>`}
      </div>
      ${this.data ? this.#renderData(this.data) : nothing}
      <tb-confirm-dialog
        .messages=${this.messages}
        .lang=${this.lang}
        heading=${this.#erase ? p.eraseTitle : m.dialogTitle}
        text=${this.#erase ? p.eraseText(when) : m.dialogText(when)}
        confirmLabel=${this.#erase ? p.eraseConfirm : m.dialogConfirm}
        keepLabel=${m.dialogKeep}
        @tb-dialog-confirm=${() => emitManageAction(this, { type: 'cancel', erase: this.#erase })}
      ></tb-confirm-dialog>
    `;
  }
}

defineOnce('tb-booking-view', BookingView);
