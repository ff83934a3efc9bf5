import { html, nothing } from 'lit';
import type { FormRules } from '../../api/schemas.js';
import type { HeldSlot } from '../../flow/machine.js';
import {
  ruleFor,
  validateField,
  validatePerson,
  visibleFields,
  type FieldErrors,
  type PersonDraft,
  type PersonField,
} from '../../flow/person.js';
import './hold-status.js';
import { describedBy, renderFormField, type FormField } from './form-field.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/** How the browser should help with each field: autofill, keyboard and input type. */
const FIELD_INPUT: Record<PersonField, { autocomplete: string; type?: string; inputmode?: string }> = {
  firstName: { autocomplete: 'given-name' },
  lastName: { autocomplete: 'family-name' },
  email: { autocomplete: 'email', type: 'email', inputmode: 'email' },
  phone: { autocomplete: 'tel', type: 'tel', inputmode: 'tel' },
  street: { autocomplete: 'street-address' },
  postalCode: { autocomplete: 'postal-code', inputmode: 'numeric' },
  city: { autocomplete: 'address-level2' },
  birthDate: { autocomplete: 'bday' },
  notes: { autocomplete: 'off' },
};

const fieldId = (field: PersonField) => `field-${field}`;

/** Step 4: the citizen's details, only the fields the town asks for. */
export class DetailsStep extends StepElement {
  static override properties = reactiveProperties(['person', 'rules', 'sms', 'today', 'privacyPolicyUrl', 'held', 'holdExtended', 'serverErrors'], ['shown', 'submitted']);

  person!: PersonDraft;
  rules!: FormRules;
  /** The SMS reminder opt-in, ticked or not; undefined where it is not offered (and in the manage view). */
  sms?: boolean;
  today!: string;
  privacyPolicyUrl!: string;
  held: HeldSlot | null = null;
  /** See `tb-hold-status`'s `extended`. */
  holdExtended: boolean | null = false;
  serverErrors: Partial<Record<string, string>> = {};

  /** Errors shown now: validated on leaving a filled field, and all at once on submit. */
  private shown: FieldErrors = {};
  /** From the first submit on, the summary lists every error the form shows, as it changes. */
  private submitted = false;
  /**
   * The submit button is being pressed: leaving a field now must not show its error, which would move
   * the button away under the pointer and swallow the click. The submit checks every field anyway.
   */
  #pressing = false;

  /** The town's rules, with the phone required while the SMS reminder is ticked. */
  #rules(sms = this.sms): FormRules {
    return sms ? { ...this.rules, phone: 'required' } : this.rules;
  }

  #errorText(field: PersonField): string | undefined {
    const problem = this.shown[field];
    if (problem) {
      const messages: Partial<Record<string, string>> = this.messages.details.errors[field];
      return messages[problem] ?? messages.required;
    }
    return this.serverErrors[field] ? this.messages.details.serverInvalid : undefined;
  }

  #onInput(field: PersonField, value: string): void {
    this.#pressing = false;
    this.emit({ type: 'personChanged', field, value });
    // Once a field shows an error, it clears as soon as the input is right: no need to leave it again.
    if (this.shown[field] && !validateField(field, { ...this.person, [field]: value }, this.#rules(), this.today)) {
      this.shown = { ...this.shown, [field]: undefined };
    }
  }

  #onBlur(field: PersonField): void {
    if (this.#pressing || !this.person[field].trim()) return;
    this.shown = { ...this.shown, [field]: validateField(field, this.person, this.#rules(), this.today) };
  }

  #submit(event: Event): void {
    event.preventDefault();
    this.#pressing = false;
    this.shown = validatePerson(this.person, this.#rules(), this.today);
    this.submitted = true;
    if (this.#errorFields().length > 0) {
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('.error-summary')?.focus());
      return;
    }
    this.emit({ type: 'detailsConfirmed' });
  }

  #errorFields(): PersonField[] {
    return visibleFields(this.#rules()).filter((field) => this.#errorText(field));
  }

  #focusField(event: Event, field: PersonField): void {
    // A real fragment link would change the host page's URL; move focus instead.
    event.preventDefault();
    this.querySelector<HTMLElement>(`#${fieldId(field)}`)?.focus();
  }

  override render() {
    const m = this.messages.details;
    return html`
      ${this.held
        ? html`<tb-hold-status .messages=${this.messages} .lang=${this.lang} .deadline=${this.held.deadline} .extended=${this.holdExtended}></tb-hold-status>`
        : nothing}
      ${this.submitted && this.#errorFields().length > 0 ? this.#renderSummary() : nothing}
      <p class="intro">${m.intro}</p>
      <form novalidate @submit=${this.#submit}>
        ${visibleFields(this.#rules()).map((field) => [this.#renderField(field), field === 'phone' && this.sms !== undefined ? this.#renderSms() : nothing])}
        <p class="privacy">
          ${m.privacy}
          <a href=${this.privacyPolicyUrl} target="_blank" rel="noopener noreferrer">${m.privacyLink}</a>.
        </p>
        <div class="actions">
          <button type="submit" class="primary" part="button button-primary" @pointerdown=${() => (this.#pressing = true)}>${this.messages.common.continue}</button>
        </div>
      </form>
    `;
  }

  #renderSummary() {
    return html`<div class="notice error error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${this.messages.details.summaryTitle}</h3>
      <ul>
        ${this.#errorFields().map(
          (field) => html`<li>
            <a href="#${fieldId(field)}" @click=${(event: Event) => this.#focusField(event, field)}>${this.#errorText(field)}</a>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  #onSms(sms: boolean): void {
    this.emit({ type: 'smsChanged', sms });
    // A "required" shown for the phone goes when the tick goes.
    if (this.shown.phone) this.shown = { ...this.shown, phone: validateField('phone', this.person, this.#rules(sms), this.today) };
  }

  #renderSms() {
    const m = this.messages.details;
    const view: FormField = { id: 'field-sms', label: m.sms, hint: m.smsHint, errorPrefix: '' };
    return renderFormField(
      view,
      html`<input id=${view.id} type="checkbox" aria-describedby=${describedBy(view)} .checked=${this.sms === true}
        @change=${(event: Event) => this.#onSms((event.target as HTMLInputElement).checked)} />`,
    );
  }

  #renderField(field: PersonField) {
    const m = this.messages.details;
    const hints: Partial<Record<PersonField, string>> = m.hints;
    const optional = ruleFor(field, this.#rules()) === 'optional';
    const view: FormField = {
      id: fieldId(field),
      label: html`${m.labels[field]} ${optional ? html`<span class="muted">${this.messages.common.optional}</span>` : nothing}`,
      hint: hints[field],
      error: this.#errorText(field),
      errorPrefix: this.messages.common.errorPrefix,
    };
    const input = FIELD_INPUT[field];
    const control =
      field === 'notes'
        ? html`<textarea
            id=${view.id}
            rows="3"
            aria-describedby=${describedBy(view)}
            aria-invalid=${view.error ? 'true' : 'false'}
            .value=${this.person[field]}
            @input=${(event: InputEvent) => this.#onInput(field, (event.target as HTMLTextAreaElement).value)}
            @blur=${() => this.#onBlur(field)}
          ></textarea>`
        : html`<input
            id=${view.id}
            name=${field}
            type=${input.type ?? 'text'}
            autocomplete=${input.autocomplete}
            inputmode=${input.inputmode ?? nothing}
            spellcheck="false"
            aria-describedby=${describedBy(view)}
            aria-invalid=${view.error ? 'true' : 'false'}
            .value=${this.person[field]}
            @input=${(event: InputEvent) => this.#onInput(field, (event.target as HTMLInputElement).value)}
            @blur=${() => this.#onBlur(field)}
          />`;
    return renderFormField(view, control);
  }
}

defineOnce('tb-details-step', DetailsStep);
