import { LitElement, type PropertyDeclarations } from 'lit';
import { emitIntent, type Intent } from '../../flow/intents.js';
import type { Lang, Messages } from '../../i18n/messages.js';

/**
 * Base of the step components. They render into their own light DOM, inside the root's shadow root, so
 * that labels, `aria-describedby` and the error summary's links all resolve within one tree, and the
 * root's stylesheet styles them.
 */
export class StepElement extends LitElement {
  static override properties: PropertyDeclarations = {
    messages: { attribute: false },
    lang: { attribute: false },
  };

  messages!: Messages;
  override lang: Lang = 'de';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected emit(intent: Intent): void {
    emitIntent(this, intent);
  }
}

export function defineOnce(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
