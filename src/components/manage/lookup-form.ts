import { html, nothing } from 'lit';
import { LookupRequest } from '../../api/schemas.js';
import { normaliseCode } from '../../api/v1/link.js';
import { describedBy, renderFormField, type FormField } from '../steps/form-field.js';
import { defineOnce, reactiveProperties, StepElement } from '../steps/step-element.js';
import { emitManageAction } from './manage-action.js';

type LookupField = 'code' | 'email';

/** Finds a booking by its code and the e-mail address it was booked with. */
export class LookupForm extends StepElement {
  static override properties = reactiveProperties(['code', 'busy'], ['errors']);

  /** Prefill, e.g. the code of a link that no longer works. */
  code!: string;
  busy!: boolean;

  private errors: Partial<Record<LookupField, string>> = {};

  #value(field: LookupField): string {
    return this.querySelector<HTMLInputElement>(`#lookup-${field}`)?.value ?? '';
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const m = this.messages.manage;
    const code = normaliseCode(this.#value('code'));
    const email = this.#value('email').trim();
    const errors: Partial<Record<LookupField, string>> = {};
    if (!code) errors.code = m.codeRequired;
    // The same address field as in the booking form, in the same words.
    const emailErrors = this.messages.details.errors.email;
    if (!email) errors.email = emailErrors.required;
    else if (!LookupRequest.shape.email.safeParse(email).success) errors.email = emailErrors.email;
    this.errors = errors;
    const firstInvalid = (['code', 'email'] as const).find((field) => errors[field]);
    if (firstInvalid) {
      void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#lookup-${firstInvalid}`)?.focus());
      return;
    }
    // Shows the citizen the code the way it is printed, so that a typo is easier to spot.
    this.querySelector<HTMLInputElement>('#lookup-code')!.value = code;
    emitManageAction(this, { type: 'lookup', code, email });
  }

  override render() {
    const m = this.messages.manage;
    return html`
      <p class="intro">${m.lookupIntro}</p>
      <form novalidate @submit=${this.#submit}>
        ${this.#renderField('code', m.codeLabel, m.codeHint, this.code, {
          autocomplete: 'off',
          autocapitalize: 'characters',
          type: 'text',
        })}
        ${this.#renderField('email', this.messages.details.labels.email, '', '', { autocomplete: 'email', autocapitalize: 'off', type: 'email' })}
        <div class="actions">
          <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.busy ? 'true' : 'false'}>${m.find}</button>
        </div>
        ${this.busy ? html`<p class="loading" role="status">${m.finding}</p>` : nothing}
      </form>
    `;
  }

  #renderField(field: LookupField, label: string, hint: string, initial: string, input: { autocomplete: string; autocapitalize: string; type: string }) {
    const view: FormField = { id: `lookup-${field}`, label, hint, error: this.errors[field], errorPrefix: this.messages.common.errorPrefix };
    return renderFormField(
      view,
      html`<input
        id=${view.id}
        name=${field}
        type=${input.type}
        autocomplete=${input.autocomplete}
        autocapitalize=${input.autocapitalize}
        spellcheck="false"
        .defaultValue=${initial}
        aria-invalid=${view.error ? 'true' : 'false'}
        aria-describedby=${describedBy(view)}
        @input=${() => view.error && (this.errors = { ...this.errors, [field]: undefined })}
      />`,
    );
  }
}

defineOnce('tb-lookup-form', LookupForm);
