import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Booking } from '../../api/schemas.js';
import type { ManageState } from '../../manage/manage-machine.js';
import { clock } from '../../clock.js';
import { callUs } from '../../i18n/error-message.js';
import { bookingRows, dateTime, saveToCalendar, timeRange } from '../steps/booking-facts.js';
import { defineOnce, StepElement } from '../steps/step-element.js';
import './confirm-dialog.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import { emitManageAction } from './manage-action.js';

/** One booking with what the citizen can do with it: move it, cancel it, put it in a calendar. */
export class BookingView extends StepElement {
  @property({ attribute: false }) booking!: Booking;
  @property({ attribute: false }) timeZone = 'Europe/Berlin';
  @property({ attribute: false }) notice: ManageState['notice'] = null;
  @property({ attribute: false }) cancelling = false;
  /** The backend answered `too_late`; its error says so, with the phone number. */
  @property({ attribute: false }) tooLate = false;
  /** The town's phone number, from the catalog. */
  @property({ attribute: false }) phone?: string;

  #askToCancel(event: Event): void {
    if (this.cancelling) return;
    void this.querySelector<ConfirmDialog>('tb-confirm-dialog')?.show(event.currentTarget as HTMLElement);
  }

  #addToCalendar(): void {
    saveToCalendar(this.booking, this.messages, this.lang);
  }

  override render() {
    const m = this.messages.manage;
    const booking = this.booking;
    const when = timeRange(this.messages, this.lang, this.timeZone, booking.start, booking.end);
    const pending = booking.status === 'pending';
    const until = booking.changeableUntil;
    // Past the deadline the booking says it carries, neither is offered: said up front, with whom to call.
    const closed = !!until && clock.now().getTime() >= Date.parse(until);
    const at = (instant: string) => dateTime(this.messages, this.lang, this.timeZone, instant);
    return html`
      ${this.notice ? html`<p class="notice success" role="status">${this.notice === 'confirmedNow' ? m.confirmedNow : m.rescheduled}</p>` : nothing}
      <dl class="summary" part="summary">
        <div class="summary-row">
          <dt>${m.codeLabel}</dt>
          <dd part="code">${booking.code}</dd>
        </div>
        ${bookingRows(this.messages, this.lang, this.timeZone, booking)}
        <div class="summary-row">
          <dt>${m.status}</dt>
          <dd class="manage-status">
            <span class="badge ${pending ? 'pending' : ''}">${pending ? m.statusPending : m.statusConfirmed}
              ${pending && booking.confirmBy ? this.messages.done.confirmBy(at(booking.confirmBy)) : nothing}</span>
          </dd>
        </div>
      </dl>
      ${closed && !this.tooLate ? html`<p class="notice">${m.tooLate}${callUs(this.messages, this.phone)}</p>` : nothing}
      <div class="actions">
        ${this.tooLate || closed
          ? nothing
          : html`<button type="button" class="primary" part="button button-primary" @click=${() => emitManageAction(this, { type: 'reschedule' })}>${m.reschedule}</button>
              <button type="button" part="button" aria-disabled=${this.cancelling ? 'true' : 'false'} @click=${this.#askToCancel}>${m.cancel}</button>`}
        <button type="button" part="button" @click=${this.#addToCalendar}>${this.messages.done.addToCalendar}</button>
      </div>
      ${this.cancelling ? html`<p class="loading" role="status">${m.cancelling}</p>` : nothing}
      <tb-confirm-dialog
        .messages=${this.messages}
        .lang=${this.lang}
        heading=${m.dialogTitle}
        text=${m.dialogText(when)}
        confirmLabel=${m.dialogConfirm}
        keepLabel=${m.dialogKeep}
        @tb-dialog-confirm=${() => emitManageAction(this, { type: 'cancel' })}
      ></tb-confirm-dialog>
    `;
  }
}

defineOnce('tb-booking-view', BookingView);
