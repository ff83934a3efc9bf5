import { html, nothing, type TemplateResult } from 'lit';

export interface FormField {
  id: string;
  label: TemplateResult | string;
  hint?: string;
  error?: string;
  /** "Fehler:" / "Error:", read before the message by screen readers. */
  errorPrefix: string;
}

/** The ids a field's control is described by: its hint, then its error message. */
export function describedBy({ id, hint, error }: FormField): string | typeof nothing {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
}

/** A field as every form of the widget shows it: label, hint, the control, and the error below it (KERN). */
export function renderFormField(field: FormField, control: TemplateResult): TemplateResult {
  const { id, label, hint, error, errorPrefix } = field;
  return html`<div class="field ${error ? 'invalid' : ''}" part="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${control}
    ${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${errorPrefix}</span> ${error}</p>` : nothing}
  </div>`;
}
