import { html, nothing, type TemplateResult } from 'lit';
import type { FormRules, Location } from '../../api/schemas.js';
import type { HeldSlot } from '../../flow/machine.js';
import { visibleFields, type PersonDraft } from '../../flow/person.js';
import { locationLines, requirementList, serviceLines, timeRange } from './booking-facts.js';
import './hold-status.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

type EditableStep = 'services' | 'location' | 'datetime' | 'details';

/** Step 5: everything at a glance, each part with "Ändern", then one button that books. */
export class ReviewStep extends StepElement {
  static override properties = reactiveProperties(['services', 'location', 'locationEditable', 'held', 'holdExtended', 'person', 'rules', 'sms', 'submitting']);

  /** The chosen services, with what to bring for each where the catalog says. */
  services!: { name: string; quantity: number; requirements?: string[] }[];
  location!: Location | null;
  locationEditable!: boolean;
  held!: HeldSlot | null;
  /** See `tb-hold-status`'s `extended`. */
  holdExtended!: boolean | null;
  person!: PersonDraft;
  rules!: FormRules;
  /** The SMS reminder opt-in; undefined where the town does not offer it. */
  sms?: boolean;
  submitting!: boolean;

  #submit(): void {
    if (!this.submitting) this.emit({ type: 'submitBooking' });
  }

  /** Binding at once, only a request until the e-mail's link is opened, or not said by an older backend. */
  #submitLabel(): string {
    const m = this.messages.review;
    const doubleOptIn = this.location?.doubleOptIn;
    return doubleOptIn === undefined ? m.submitPlain : doubleOptIn ? m.submitRequest : m.submit;
  }

  override render() {
    const m = this.messages.review;
    const labels = this.messages.details.labels;
    const held = this.held;
    const requirements = requirementList(this.services);
    return html`
      ${this.held
        ? html`<tb-hold-status .messages=${this.messages} .lang=${this.lang} .deadline=${this.held.deadline} .extended=${this.holdExtended}></tb-hold-status>`
        : nothing}
      <p class="intro">${this.location?.doubleOptIn ? m.introRequest : m.intro}</p>
      <dl class="summary" part="summary">
        ${this.#row('services', m.services, serviceLines(this.services))}
        ${requirements ? this.#row(null, m.requirements, requirements, 'requirements') : nothing}
        ${this.location ? this.#row(this.locationEditable ? 'location' : null, m.location, locationLines(this.location)) : nothing}
        ${held ? this.#row('datetime', m.datetime, html`${timeRange(this, held.slot.start, held.slot.end)}`) : nothing}
        ${visibleFields(this.rules).map((field) =>
          this.#row('details', labels[field], this.person[field].trim() || html`<span class="muted">${m.notProvided}</span>`, field),
        )}
        ${this.sms === undefined ? nothing : this.#row('details', this.messages.details.sms, this.sms ? this.messages.privacy.yes : this.messages.privacy.no, 'sms')}
      </dl>
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="button button-primary"
          aria-disabled=${this.submitting ? 'true' : 'false'}
          @click=${this.#submit}
        >
          ${this.submitting ? m.submitting : this.#submitLabel()}
        </button>
      </div>
      ${this.submitting ? html`<p class="visually-hidden" role="status">${m.submitting}</p>` : nothing}
    `;
  }

  #row(edit: EditableStep | null, label: string, value: TemplateResult | string, key: string = edit ?? label) {
    const labelId = `review-${key}`;
    return html`<div class="summary-row">
      <dt id=${labelId}>${label}</dt>
      <dd>${value}</dd>
      <dd class="summary-action">
        ${edit
          ? html`<button type="button" class="link" @click=${() => this.emit({ type: 'edit', step: edit })}>
              ${this.messages.review.change}<span class="visually-hidden"> ${label}</span>
            </button>`
          : nothing}
      </dd>
    </div>`;
  }
}

defineOnce('tb-review-step', ReviewStep);
