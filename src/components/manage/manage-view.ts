import { html, nothing, type PropertyValues } from 'lit';
import type { Backend, BookingRef } from '../../api/port.js';
import type { Catalog } from '../../api/schemas.js';
import type { Intent } from '../../flow/intents.js';
import { callFor, errorMessage } from '../../i18n/error-message.js';
import type { Messages } from '../../i18n/messages.js';
import { ManageController } from '../../manage/manage-controller.js';
import type { ManageView as ManageViewId } from '../../manage/manage-machine.js';
import { timeRange } from '../steps/booking-facts.js';
import '../steps/datetime-step.js';
import '../steps/details-step.js';
import { defineOnce, reactiveProperties, StepElement } from '../steps/step-element.js';
import './booking-view.js';
import './lookup-form.js';
import type { ManageAction } from './manage-action.js';
import { emit } from '../../events.js';

/**
 * "Termin verwalten": find a booking, then confirm, cancel or move it. Renders the heading of each of
 * its views as `#step-heading`, like the booking steps, and moves focus there when the view changes.
 *
 * @fires tb-mode-change - The citizen wants to book a new appointment instead. `detail: { mode: 'book' }`; stays inside the widget.
 */
export class ManageView extends StepElement {
  static override properties = reactiveProperties(['adapter', 'proving', 'catalog', 'link']);

  /** The booking backend, shared with the booking flow. */
  adapter!: Backend;
  /** The adapter is solving a proof-of-work puzzle. */
  proving!: boolean;
  /** Time zone and booking horizon come from here; rendering waits for it. */
  catalog!: Catalog | null;
  /** A link from the e-mail to open; each new object opens again. */
  link!: BookingRef | null;

  readonly #manage = new ManageController(this);
  #shownView: ManageViewId = 'lookup';
  #shownTooLate = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('link') && this.link) void this.#manage.open(this.link);
  }

  protected override updated(): void {
    const { view, tooLate } = this.#manage.state;
    // The buttons that were too late are gone, and focus with them: it starts again at the heading.
    if (view === this.#shownView && tooLate === this.#shownTooLate) return;
    this.#shownView = view;
    this.#shownTooLate = tooLate;
    // Each view starts at its heading, for screen reader and keyboard users alike.
    this.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  #onAction(event: CustomEvent<ManageAction>): void {
    event.stopPropagation();
    const action = event.detail;
    switch (action.type) {
      case 'lookup':
        void this.#manage.lookup(action.code, action.email);
        break;
      case 'cancel':
        void this.#manage.cancel(action.erase);
        break;
      case 'showData':
        void this.#manage.showData();
        break;
      case 'change':
        void this.#manage.startChange();
        break;
      case 'reschedule':
        this.#manage.startReschedule();
        break;
    }
  }

  #bookNew(): void {
    emit(this, 'tb-mode-change', { mode: 'book' });
  }

  /** The day and slot steps of the booking flow send intents; here they move the booking instead. */
  #onIntent(event: CustomEvent<Intent>): void {
    event.stopPropagation();
    const intent = event.detail;
    if (intent.type === 'monthShown') void this.#manage.picker.showMonth(intent.month);
    else if (intent.type === 'dayChosen') this.#manage.chooseDay(intent.date);
    else if (intent.type === 'slotChosen') this.#manage.chooseSlot(intent.slot);
    else if (intent.type === 'extendHold') void this.#manage.picker.extend();
    else if (intent.type === 'holdTimedOut') this.#manage.picker.expired();
    else if (intent.type === 'heldSlotKept') void this.#manage.submitReschedule();
    // The booking form's details step, reused for "Kontaktdaten ändern".
    else if (intent.type === 'personChanged') {
      // A new object and a render, so that the details step checks what was typed, not what was stored.
      this.#manage.draft = { ...this.#manage.draft, [intent.field]: intent.value };
      this.requestUpdate();
    }
    else if (intent.type === 'detailsConfirmed' && this.catalog) void this.#manage.saveChange(this.#contactRules(this.catalog));
  }

  /** The booking form's rules without the notes, which are no contact details. */
  #contactRules(catalog: Catalog) {
    return { ...catalog.form, notes: 'hidden' as const };
  }

  get #timeZone(): string {
    return this.catalog?.timeZone ?? 'Europe/Berlin';
  }

  #headingFor(view: ManageViewId): string {
    const m = this.messages.manage;
    const headings: Record<ManageViewId, string> = {
      lookup: m.lookupTitle,
      opening: m.bookingTitle,
      booking: m.bookingTitle,
      reschedule: m.rescheduleTitle,
      cancelled: m.cancelledTitle,
      change: this.messages.privacy.changeTitle,
    };
    return headings[view];
  }

  override render() {
    const { view } = this.#manage.state;
    return html`<div @tb-manage=${this.#onAction} @tb-intent=${this.#onIntent}>
      <header class="step-header" part="header">
        <h2 id="step-heading" tabindex="-1" part="heading">${this.#headingFor(view)}</h2>
      </header>
      ${this.#renderError()}
      ${this.catalog ? this.#renderView(view) : html`<p class="loading" role="status">${this.messages.common.loading}</p>`}
      <p class="manage-entry">
        <button type="button" class="link" part="button" @click=${this.#bookNew}>
          ${this.messages.manage.bookNew}
        </button>
      </p>
    </div>`;
  }

  #renderError() {
    const { error } = this.#manage.state;
    if (!error) return nothing;
    const m = this.messages;
    // The lookup form is the way on from a dead link, where there is one; an adapter's own words come first.
    const linkBroken = this.#manage.state.linkFailed && error.reason === 'not_found' && !error.text && this.adapter.capabilities.canLookup;
    // An erased booking is over, which is news, not a failure.
    if (error.reason === 'gone') return html`<p class="notice" role="status">${m.errors.gone}</p>`;
    return html`<div class="notice error" role="alert">
      <p>${linkBroken ? m.manage.linkNotFound : errorMessage(m, this.lang, error)}${callFor(m, error, this.catalog?.contact?.phone)}</p>
    </div>`;
  }

  #renderView(view: ManageViewId) {
    const { state } = this.#manage;
    switch (view) {
      case 'lookup':
        // Without a lookup, the e-mail's link is the only way to a booking: the page says so.
        return this.adapter.capabilities.canLookup
          ? html`<tb-lookup-form .messages=${this.messages} .lang=${this.lang} .code=${state.code} .busy=${state.busy === 'lookup'}></tb-lookup-form>`
          : html`<p>${this.messages.manage.linkOnly}</p>`;
      case 'opening':
        return html`<p class="loading" role="status">${this.messages.manage.opening}</p>`;
      case 'booking':
        return html`<tb-booking-view .messages=${this.messages} .lang=${this.lang} .booking=${state.booking!}
          .timeZone=${this.#timeZone} .notice=${state.notice} .cancelling=${state.busy === 'cancel'} .tooLate=${state.tooLate}
          .phone=${this.catalog?.contact?.phone} .data=${state.data} .capabilities=${this.adapter.capabilities}></tb-booking-view>`;
      case 'change':
        return this.#renderChange();
      case 'reschedule':
        return this.#renderReschedule();
      case 'cancelled':
        return html`<p class="notice success" role="status">${state.erased ? this.messages.privacy.erased : this.messages.manage.cancelledText(state.booking!.code)}</p>`;
    }
  }

  #renderChange() {
    const m = this.messages;
    // The booking form's own fields and checks; only its submit button says what it does here.
    const messages: Messages = { ...m, common: { ...m.common, continue: m.privacy.save } };
    return html`<tb-details-step .messages=${messages} .lang=${this.lang} .person=${this.#manage.draft}
        .rules=${this.#contactRules(this.catalog!)} .today=${this.#manage.today} .privacyPolicyUrl=${this.catalog!.privacyPolicyUrl}></tb-details-step>
      ${this.#manage.state.busy === 'change' ? html`<p class="loading" role="status">${m.common.loading}</p>` : nothing}
      <div class="actions">
        <button type="button" part="button" @click=${() => this.#manage.abandonReschedule()}>${m.privacy.keep}</button>
      </div>`;
  }

  #renderReschedule() {
    const { state } = this.#manage;
    const booking = state.booking!;
    const m = this.messages;
    // The booking flow's "continue with this time" button is the one that moves the booking here.
    const messages: Messages = { ...m, datetime: { ...m.datetime, keep: m.manage.moveTo } };
    return html`
      <tb-datetime-step .messages=${messages} .lang=${this.lang}
        .picker=${this.#manage.picker.state} .proving=${this.proving} .date=${state.date} .held=${state.held}
        .holdExpired=${state.holdExpired} .today=${this.#manage.today} .lastBookable=${this.#manage.lastBookable}
        .timeZone=${this.#timeZone}
        .summary=${m.manage.rescheduleIntro(timeRange({ messages: m, lang: this.lang, timeZone: this.#timeZone }, booking.start, booking.end))}></tb-datetime-step>
      ${state.busy === 'reschedule' ? html`<p class="loading" role="status">${m.manage.rescheduling}</p>` : nothing}
      <div class="actions">
        <button type="button" part="button" @click=${() => this.#manage.abandonReschedule()}>${m.manage.keepOld}</button>
      </div>
    `;
  }
}

defineOnce('tb-manage-view', ManageView);

declare global {
  interface HTMLElementEventMap {
    'tb-mode-change': CustomEvent<{ mode: 'book' | 'manage' }>;
  }
}
