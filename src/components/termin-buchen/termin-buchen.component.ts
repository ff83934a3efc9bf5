import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { clock } from '../../clock.js';
import { BookingController } from '../../flow/booking-controller.js';
import type { Intent } from '../../flow/intents.js';
import { fittingLocations, selectedServices, totalMinutes, visibleSteps, type StepId } from '../../flow/machine.js';
import type { PersonDraft } from '../../flow/person.js';
import { browserUsesTimeZone, formatDuration, timeZoneAbbreviation } from '../../format/datetime.js';
import { errorMessage } from '../../i18n/error-message.js';
import { catalogs, type Lang, type Messages } from '../../i18n/messages.js';
import '../steps/datetime-step.js';
import '../steps/details-step.js';
import '../steps/done-step.js';
import '../steps/location-step.js';
import '../steps/review-step.js';
import '../steps/services-step.js';
import { styles } from './termin-buchen.styles.js';

/**
 * Appointment booking for a municipal Bürgerbüro, embedded in the town's own page.
 *
 * @summary Lets a citizen book a Termin: service, location, day and time, details, review, confirmation.
 *
 * @fires termin-step - The citizen reached another step. `detail: { step }`.
 * @fires termin-booked - A booking was made. `detail: { code, status, start, end, locationId, services }`; never personal data.
 * @fires termin-error - A request failed. `detail: { code }`.
 *
 * @csspart header - The step header: back button, progress and heading.
 * @csspart progress - The "Schritt 2 von 5" progress indicator.
 * @csspart heading - The heading of the current step.
 * @csspart button - Every button.
 * @csspart button-primary - The main action of a step.
 * @csspart service - One service with its quantity stepper.
 * @csspart location - One location choice.
 * @csspart calendar - The month calendar.
 * @csspart day - A day in the calendar.
 * @csspart slot - A time slot button.
 * @csspart field - A form field with its label, hint and error.
 * @csspart hold - How long the chosen time stays reserved.
 * @csspart summary - The summary list on the review and confirmation steps.
 * @csspart confirmation - The confirmation panel with the booking code.
 * @csspart code - The booking code.
 *
 * @cssprop --tb-color-primary - Buttons, links, selected day (default #2044AA).
 * @cssprop --tb-color-on-primary - Text on primary (default #FFFFFF).
 * @cssprop --tb-color-text - Text colour (default #131525).
 * @cssprop --tb-color-text-muted - Hints and secondary text (default #51577A).
 * @cssprop --tb-color-bg - Background (default #FFFFFF).
 * @cssprop --tb-color-surface - Input fill and hued areas (default #F3F4F7).
 * @cssprop --tb-color-border - Borders (default #6E7597).
 * @cssprop --tb-color-error - Error text and bars (default #C31C13).
 * @cssprop --tb-color-success - Success bars (default #007155).
 * @cssprop --tb-color-focus - Focus ring (default #454B6B).
 * @cssprop --tb-radius - Corner radius of buttons and panels (default 4px).
 * @cssprop --tb-font-family - Font (default: inherited from the page).
 * @cssprop --tb-font-size-body - Body text size (default 1.125rem).
 * @cssprop --tb-space-3 - The base spacing step (default 16px); --tb-space-1 … --tb-space-8 form the scale.
 */
export class TerminBuchen extends LitElement {
  static override styles = styles;

  /** Base URL of the booking backend that implements the termin-buchen contract. */
  @property() api = '';

  /** `de` or `en`; without it, the nearest `lang` of the page decides, then German. */
  @property({ reflect: true }) override lang = '';

  /** Id of a service to preselect, e.g. on a page about passports. Unknown ids are ignored. */
  @property() service: string | null = null;

  /** Id of a location to preselect, e.g. on a page per office. Unknown ids are ignored. */
  @property() location: string | null = null;

  /** Person fields a CMS already knows (`firstName`, `lastName`, `email`, …), filled in for the citizen. */
  @property({ attribute: false }) prefill: Partial<PersonDraft> | null = null;

  private readonly flow = new BookingController(this);
  private focusHeadingAfterRender = false;
  private lastStep: StepId = 'services';

  get language(): Lang {
    const own = this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || 'de';
    return own.toLowerCase().startsWith('en') ? 'en' : 'de';
  }

  private get messages(): Messages {
    return catalogs[this.language];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && changed.get('api') !== undefined) this.flow.reset();
    if (this.flow.state.step !== this.lastStep) {
      this.focusHeadingAfterRender = true;
      this.lastStep = this.flow.state.step;
    }
  }

  protected override updated(): void {
    if (!this.focusHeadingAfterRender) return;
    this.focusHeadingAfterRender = false;
    // Screen reader and keyboard users start each step at its heading, not wherever focus was left.
    this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  private onIntent(event: CustomEvent<Intent>): void {
    event.stopPropagation();
    this.flow.handle(event.detail);
  }

  override render() {
    const m = this.messages;
    const flow = this.flow;
    const catalogReady = flow.state.catalog !== null;
    return html`<section class="widget" aria-labelledby="step-heading" @tb-intent=${this.onIntent} lang=${this.language}>
      ${catalogReady ? this.renderHeader() : nothing}
      ${flow.failure ? this.renderFailure() : nothing}
      ${catalogReady ? this.renderStep() : flow.catalog.status === 'loading' ? html`<p class="loading" role="status">${m.common.loading}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${flow.announcement}</div>
    </section>`;
  }

  private renderHeader() {
    const m = this.messages;
    const { step } = this.flow.state;
    const steps = visibleSteps(this.flow.state);
    const index = steps.indexOf(step);
    const title = step === 'done'
      ? this.flow.state.booking?.status === 'pending' ? m.done.pendingTitle : m.done.title
      : m[step].title;
    return html`<header class="step-header" part="header">
      ${index > 0
        ? html`<button type="button" class="link back" part="button" @click=${() => this.flow.handle({ type: 'back' })}>
            ${m.common.back}
          </button>`
        : nothing}
      ${index >= 0
        ? html`<div class="progress" part="progress">
            <span id="progress-label">${m.common.stepOf(index + 1, steps.length)}: ${m.common.stepNames[step as Exclude<StepId, 'done'>]}</span>
            <progress max=${steps.length} .value=${index + 1} aria-labelledby="progress-label"></progress>
          </div>`
        : nothing}
      <h2 id="step-heading" tabindex="-1" part="heading">${title}</h2>
      ${this.renderTimeZoneNote()}
    </header>`;
  }

  private renderTimeZoneNote() {
    const { catalog, step, held, booking } = this.flow.state;
    if (!catalog || !['datetime', 'review', 'done'].includes(step)) return nothing;
    const now = clock.now();
    if (browserUsesTimeZone(catalog.timeZone, now)) return nothing;
    const instant = booking?.start ?? held?.slot.start ?? now.toISOString();
    return html`<p class="muted tz-note">${this.messages.common.timeZoneNote(timeZoneAbbreviation(instant, catalog.timeZone, this.language))}</p>`;
  }

  private renderFailure() {
    const failure = this.flow.failure!;
    const m = this.messages;
    return html`<div class="notice error" role="alert">
      <h3>${m.errors.title}</h3>
      <p>${errorMessage(m, failure.error)} ${this.flow.state.step === 'details' || this.flow.state.step === 'review' ? m.errors.kept : ''}</p>
      ${failure.retry
        ? html`<div class="actions">
            <button type="button" part="button" @click=${() => this.flow.handle({ type: 'retry' })}>${m.common.retry}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderStep() {
    const { state } = this.flow;
    const catalog = state.catalog!;
    const common = { messages: this.messages, lang: this.language };
    const location = catalog.locations.find((candidate) => candidate.id === state.locationId) ?? null;
    const duration = formatDuration(totalMinutes(state), this.language);
    switch (state.step) {
      case 'services':
        return html`<tb-services-step .messages=${common.messages} .lang=${common.lang}
          .services=${catalog.services} .quantities=${state.quantities} .totalMinutes=${totalMinutes(state)}></tb-services-step>`;
      case 'location':
        return html`<tb-location-step .messages=${common.messages} .lang=${common.lang}
          .locations=${fittingLocations(state)} .selected=${state.locationId}></tb-location-step>`;
      case 'datetime':
        return html`<tb-datetime-step .messages=${common.messages} .lang=${common.lang}
          .month=${this.flow.month ?? ''} .days=${this.flow.days} .slots=${this.flow.slots} .date=${state.date}
          .held=${state.held} .holdingStart=${this.flow.holdingStart} .slotTaken=${this.flow.slotTaken}
          .holdExpired=${state.notice === 'holdExpired'} .today=${this.flow.today} .lastBookable=${this.flow.lastBookable}
          .timeZone=${catalog.timeZone} .summary=${location ? this.messages.datetime.intro(location.name, duration) : ''}></tb-datetime-step>`;
      case 'details':
        return html`<tb-details-step .messages=${common.messages} .lang=${common.lang}
          .person=${state.person} .rules=${catalog.form} .today=${this.flow.today} .privacyPolicyUrl=${catalog.privacyPolicyUrl}
          .held=${state.held} .holdExtended=${this.flow.holdExtended} .serverErrors=${this.flow.serverFieldErrors}></tb-details-step>`;
      case 'review':
        return html`<tb-review-step .messages=${common.messages} .lang=${common.lang}
          .services=${selectedServices(state).map((chosen) => ({ quantity: chosen.quantity, name: catalog.services.find((s) => s.id === chosen.id)?.name ?? chosen.id }))}
          .location=${location} .locationEditable=${visibleSteps(state).includes('location')} .held=${state.held}
          .holdExtended=${this.flow.holdExtended} .person=${state.person} .rules=${catalog.form}
          .timeZone=${catalog.timeZone} .submitting=${this.flow.submitting}></tb-review-step>`;
      case 'done':
        return html`<tb-done-step .messages=${common.messages} .lang=${common.lang}
          .booking=${state.booking} .timeZone=${catalog.timeZone}></tb-done-step>`;
    }
  }
}
