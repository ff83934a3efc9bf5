import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { clock } from '../../clock.js';
import { BookingController } from '../../flow/booking-controller.js';
import type { Intent } from '../../flow/intents.js';
import { fittingLocations, selectedServices, smsOffered, totalMinutes, visibleSteps, type StepId } from '../../flow/machine.js';
import type { PersonDraft } from '../../flow/person.js';
import { browserUsesTimeZone, formatDuration, timeZoneAbbreviation } from '../../format/datetime.js';
import { callFor, errorMessage } from '../../i18n/error-message.js';
import { catalogs, type Lang, type Messages } from '../../i18n/messages.js';
import { createBackend, type Backend, type BookingRef } from '../../api/port.js';
// The contract v1 adapter is the default in every build; others register themselves beside it.
import '../../api/v1/backend.js';
import { v1Links } from '../../api/v1/link.js';
import { takeBookingLink } from '../../manage/take-link.js';
import '../manage/manage-view.js';
import { manageStyles } from '../manage/manage.styles.js';
import '../steps/datetime-step.js';
import '../steps/details-step.js';
import '../steps/done-step.js';
import '../steps/location-step.js';
import '../steps/review-step.js';
import '../steps/services-step.js';
import { HeadingLevelController } from './heading-level-controller.js';
import { TextScaleController } from './text-scale-controller.js';
import { styles } from './termin-buchen.styles.js';

/** The catalog entry with this id, if there is one. */
const byId = <Entry extends { id: string }>(list: Entry[] | undefined, id: string | null): Entry | undefined =>
  list?.find((entry) => entry.id === id);

/**
 * Appointment booking for a municipal Bürgerbüro, embedded in the town's own page.
 *
 * @summary Lets a citizen book a Termin: service, location, day and time, details, review, confirmation.
 *
 * @fires termin-step - The citizen reached another step. `detail: { step }`.
 * @fires termin-booked - A booking was made. `detail: { code, status, start, end, locationId, services }`; never personal data.
 * @fires termin-error - A request failed. `detail: { code }`.
 * @fires termin-cancelled - A booking was cancelled. `detail: { code }`.
 * @fires termin-rescheduled - A booking was moved. `detail: { code, start, end }`.
 *
 * @csspart header - The step header: back button, progress and heading.
 * @csspart progress - The "Schritt 2 von 5" progress indicator.
 * @csspart heading - The heading of the current step.
 * @csspart button - A button.
 * @csspart button-primary - The main action of a step.
 * @csspart service - One service with its quantity stepper.
 * @csspart location - One location choice.
 * @csspart calendar - The month calendar.
 * @csspart day - A day in the calendar.
 * @csspart day-available - A day with free times.
 * @csspart day-selected - The chosen day.
 * @csspart slot - A time slot button.
 * @csspart slot-selected - The chosen time slot.
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
 * @cssprop --tb-font-size-body - Body text size (default 18px times `--tb-text-scale`, the reader's browser text size over 16px).
 * @cssprop --tb-space-3 - The base spacing step (default 16px); --tb-space-1 … --tb-space-8 form the scale.
 */
export class TerminBuchen extends LitElement {
  static override styles = [styles, manageStyles];

  static override properties = {
    api: {},
    backend: {},
    lang: {},
    service: {},
    location: {},
    prefill: { attribute: false },
    mode: { reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  /** Base URL of the booking backend that implements the termin-buchen contract. */
  api = '';

  /**
   * Which kind of backend `api` points to: `v1` (the termin-buchen contract, default), or `zms` for a ZMS
   * (eappointment) citizen API, in the build that ships that adapter (termin-buchen-zms.js).
   */
  backend = 'v1';

  // Not reflected: an empty `lang` attribute on the host would declare the element's language unknown.
  /** `de` or `en`; without it, the nearest `lang` of the page decides, then German. */
  override lang = '';

  /** Id of a service to preselect, e.g. on a page about passports. Unknown ids are ignored. */
  service: string | null = null;

  /** Id of a location to preselect, e.g. on a page per office. Unknown ids are ignored. */
  location: string | null = null;

  /** Person fields a CMS already knows (`firstName`, `lastName`, `email`, …), filled in for the citizen. */
  prefill: Partial<PersonDraft> | null = null;

  /** `book` (default), or `manage` for a page where citizens find, confirm, move or cancel a booking. */
  mode: 'book' | 'manage' = 'book';

  /**
   * The level of the step headings in the page's outline, 1 to 6: 2 (the default) under a page's `h1`,
   * 3 where the widget sits under an `h2`. Sub-headings follow one level below.
   */
  headingLevel = 2;

  /** The booking an e-mail link (`#termin=<code>.<token>`) asked for; the token never stays in the URL. */
  #manageLink: BookingRef | null = null;
  #adapter: { key: string; backend: Backend } | null = null;
  /** The adapter is solving a proof-of-work puzzle; the steps say so while it takes long. */
  #proving = false;

  readonly #flow = new BookingController(this);
  #focusHeadingAfterRender = false;
  /** The step shown by the last render; null before the catalog has arrived. */
  #lastStep: StepId | null = null;
  #lastLanguage: Lang | null = null;

  constructor() {
    super();
    // They register themselves with this element; nothing needs to call them afterwards.
    new HeadingLevelController(this);
    new TextScaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#openManageLink();
    // The confirmation's own manage link points into this page: following it only changes the hash.
    window.addEventListener('hashchange', this.#openManageLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#openManageLink);
  }

  readonly #openManageLink = (): void => {
    // A backend's own link format first, ours too: a town may mail either.
    const link = takeBookingLink([this.adapter.links, v1Links]);
    if (!link) return;
    this.#manageLink = link;
    this.mode = 'manage';
  };

  /**
   * The adapter for `backend` and `api`, made anew when either changes.
   * @internal
   */
  get adapter(): Backend {
    const key = `${this.backend} ${this.api}`;
    if (this.#adapter?.key !== key) {
      const backend = createBackend(this.backend, { baseUrl: this.api, lang: () => this.language, onWork: (working) => {
        this.#proving = working;
        this.requestUpdate();
      } });
      this.#adapter = { key, backend };
    }
    return this.#adapter.backend;
  }

  get language(): Lang {
    const own = this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || 'de';
    return own.toLowerCase().startsWith('en') ? 'en' : 'de';
  }

  get #messages(): Messages {
    return catalogs[this.language];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A changed backend starts over; the first values set are no change.
    if (changed.get('api') !== undefined || changed.get('backend') !== undefined) this.#flow.reset();
    if (this.#lastLanguage && this.#lastLanguage !== this.language) this.#flow.languageChanged();
    this.#lastLanguage = this.language;
    const step = this.#flow.state.catalog && this.#flow.state.step;
    if (step !== this.#lastStep) {
      // The first step shown, even a preselected later one, must not pull the page's focus into the widget.
      this.#focusHeadingAfterRender = !!this.#lastStep && !!step;
      this.#lastStep = step || null;
    }
  }

  protected override updated(): void {
    if (!this.#focusHeadingAfterRender) return;
    this.#focusHeadingAfterRender = false;
    // Screen reader and keyboard users start each step at its heading, not wherever focus was left.
    this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  #onIntent(event: CustomEvent<Intent>): void {
    event.stopPropagation();
    this.#flow.handle(event.detail);
  }

  override render() {
    const m = this.#messages;
    const flow = this.#flow;
    const catalogReady = flow.state.catalog !== null;
    return html`<section class="widget" aria-labelledby="step-heading" @tb-intent=${this.#onIntent} lang=${this.language}>
      ${this.mode === 'manage' ? nothing : catalogReady ? this.#renderHeader() : nothing}
      ${flow.state.failure && !flow.state.failure.nearTimes ? this.#renderFailure() : nothing}
      ${this.mode === 'manage'
        ? html`<tb-manage-view .messages=${m} .lang=${this.language} .adapter=${this.adapter} .proving=${this.#proving} .catalog=${flow.state.catalog} .link=${this.#manageLink}
            @tb-mode-change=${(event: CustomEvent<{ mode: 'book' | 'manage' }>) => this.#switchMode(event.detail.mode)}></tb-manage-view>`
        : catalogReady ? this.#renderStep() : flow.state.catalogRequest === 'loading' ? html`<p class="loading" role="status">${m.common.loading}</p>` : nothing}
    </section>`;
  }

  #switchMode(mode: 'book' | 'manage'): void {
    this.#manageLink = null;
    this.mode = mode;
    if (mode === 'book') this.#flow.handle({ type: 'restart' });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus());
  }

  #renderHeader() {
    const m = this.#messages;
    const { step } = this.#flow.state;
    const steps = visibleSteps(this.#flow.state);
    const index = steps.indexOf(step);
    const title = step === 'done'
      ? this.#flow.state.booking?.status === 'pending' ? m.done.pendingTitle : m.done.title
      : m[step].title;
    return html`<header class="step-header" part="header">
      ${index > 0
        ? html`<button type="button" class="link back" part="button" @click=${() => this.#flow.handle({ type: 'back' })}>
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
      ${this.#renderTimeZoneNote()}
    </header>`;
  }

  #renderTimeZoneNote() {
    const { catalog, step, held, booking, date } = this.#flow.state;
    if (!catalog || !['datetime', 'review', 'done'].includes(step)) return nothing;
    const now = clock.now();
    if (browserUsesTimeZone(catalog.timeZone, now)) return nothing;
    // The times listed are those of the chosen day, which may lie on the other side of a DST switch than today.
    const chosenDay = date ? `${date}T12:00:00Z` : null;
    const instant = booking?.start ?? held?.slot.start ?? chosenDay ?? now.toISOString();
    return html`<p class="muted tz-note">${this.#messages.common.timeZoneNote(timeZoneAbbreviation(instant, catalog.timeZone, this.language))}</p>`;
  }

  #renderFailure() {
    const failure = this.#flow.state.failure!;
    const m = this.#messages;
    return html`<div class="notice error" role="alert">
      <h3>${m.errors.title}</h3>
      <p>${errorMessage(m, this.language, failure.error)} ${this.#flow.state.step === 'details' || this.#flow.state.step === 'review' ? m.errors.kept : ''}${callFor(m, failure.error, this.#flow.state.catalog?.contact?.phone)}</p>
      ${failure.retry
        ? html`<div class="actions">
            <button type="button" part="button" @click=${() => this.#flow.handle({ type: 'retry' })}>${m.common.retry}</button>
          </div>`
        : nothing}
    </div>`;
  }

  /** The page preselected a service at an office that does not offer it: said once, and the citizen chooses. */
  #renderNotOffered() {
    const { catalog } = this.#flow.state;
    return html`<p class="notice" role="status">
      ${this.#messages.services.notOffered(byId(catalog?.locations, this.location)?.name ?? '', byId(catalog?.services, this.service)?.name ?? '')}
    </p>`;
  }

  /** What the times are for, with the way back to change it: preselected or chosen, the citizen sees it. */
  #renderChoice(location: string, duration: string) {
    const m = this.#messages;
    const services = this.#chosenServices()
      .map(({ name, quantity }) => `${name}, ${m.datetime.persons(quantity)}`)
      .join('; ');
    return html`${m.datetime.chosen(services, location, duration)}
      <button type="button" class="link" part="button" @click=${() => this.#flow.handle({ type: 'edit', step: 'services' })}>
        ${m.review.change}<span class="visually-hidden"> ${m.datetime.changeWhat}</span>
      </button>`;
  }

  /** The chosen services as the catalog has them, each with its quantity. */
  #chosenServices() {
    const { state } = this.#flow;
    return selectedServices(state).map(({ id, quantity }) => ({ ...byId(state.catalog!.services, id)!, quantity }));
  }

  /** Without a lookup by code and e-mail, the confirmation and its calendar entry point to the e-mail's link instead. */
  #doneMessages(): Messages {
    const m = this.#messages;
    if (this.adapter.capabilities.canLookup) return m;
    return { ...m, done: { ...m.done, codeHint: m.done.codeAtCounter }, ics: { ...m.ics, manageHint: m.manage.linkOnly } };
  }

  /** Whether "Mehr Zeit" is offered, and whether it just worked. */
  get #holdExtension() {
    return this.adapter.capabilities.canExtendHold ? this.#flow.picker.state.extended : null;
  }

  #renderStep() {
    const { state } = this.#flow;
    const catalog = state.catalog!;
    const messages = this.#messages;
    const lang = this.language;
    const location = byId(catalog.locations, state.locationId) ?? null;
    const duration = formatDuration(totalMinutes(state), this.language);
    switch (state.step) {
      case 'services':
        return html`${state.notice === 'notOffered' ? this.#renderNotOffered() : nothing}
          <tb-services-step .messages=${messages} .lang=${lang}
          .services=${catalog.services.filter((service) => !state.servicesAt || catalog.offers.some((offer) => offer.serviceId === service.id && offer.locationId === state.servicesAt))}
          .quantities=${state.quantities} .totalMinutes=${totalMinutes(state)}></tb-services-step>
          <p class="manage-entry">${this.#messages.manage.openHint}
            <button type="button" class="link" part="button" @click=${() => this.#switchMode('manage')}>${this.#messages.manage.open}</button>
          </p>`;
      case 'location':
        return html`<tb-location-step .messages=${messages} .lang=${lang}
          .locations=${fittingLocations(state)} .selected=${state.locationId}></tb-location-step>`;
      case 'datetime':
        return html`<tb-datetime-step .messages=${messages} .lang=${lang}
          .picker=${this.#flow.picker.state} .proving=${this.#proving} .date=${state.date} .held=${state.held} .holdExpired=${state.notice === 'holdExpired'} .today=${this.#flow.today} .lastBookable=${this.#flow.lastBookable}
          .timeZone=${catalog.timeZone} .phone=${location?.phone ?? catalog.contact?.phone} .summary=${this.#renderChoice(location?.name ?? '', duration)}
          .failure=${state.failure?.nearTimes ? this.#renderFailure() : nothing}></tb-datetime-step>`;
      case 'details':
        return html`<tb-details-step .messages=${messages} .lang=${lang}
          .person=${state.person} .rules=${catalog.form} .sms=${smsOffered(catalog) ? state.sms : undefined} .today=${this.#flow.today} .privacyPolicyUrl=${catalog.privacyPolicyUrl}
          .held=${state.held} .holdExtended=${this.#holdExtension} .serverErrors=${state.serverErrors}></tb-details-step>`;
      case 'review':
        return html`<tb-review-step .messages=${messages} .lang=${lang}
          .services=${this.#chosenServices()}
          .location=${location} .locationEditable=${visibleSteps(state).includes('location')} .held=${state.held}
          .holdExtended=${this.#holdExtension} .person=${state.person} .rules=${catalog.form} .sms=${smsOffered(catalog) ? state.sms : undefined}
          .timeZone=${catalog.timeZone} .submitting=${state.submitting}></tb-review-step>`;
      case 'done':
        return html`<tb-done-step .messages=${this.#doneMessages()} .lang=${lang}
          .booking=${state.booking} .timeZone=${catalog.timeZone} .email=${state.person.email.trim()} .links=${this.adapter.links}></tb-done-step>`;
    }
  }
}
