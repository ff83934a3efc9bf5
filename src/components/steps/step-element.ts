import { LitElement, type PropertyDeclarations } from 'lit';
import { emitIntent, type Intent } from '../../flow/intents.js';
import type { Lang, Messages } from '../../i18n/messages.js';

/**
 * Static `properties` of an element of ours: `inputs` are set by the parent's template (`.name=${…}`), so no
 * attribute is observed for them; `state` is the element's own and re-renders it as it changes.
 * An input every parent sets has no default (`name!: Type`): it would only be overwritten before the first render.
 */
export function reactiveProperties(inputs: string[], state: string[] = []): PropertyDeclarations {
  return Object.fromEntries([
    ...inputs.map((name) => [name, { attribute: false }]),
    ...state.map((name) => [name, { state: true }]),
  ]);
}

/**
 * Base of the step components, and of the calendar and slot list inside them. They render into their own
 * light DOM, inside the root's shadow root, so that labels, `aria-describedby` and the error summary's
 * links all resolve within one tree, and the root's stylesheet styles them.
 */
export class StepElement extends LitElement {
  static override properties = reactiveProperties(['messages', 'lang', 'timeZone']);

  messages!: Messages;
  override lang: Lang = 'de';
  /** The office's time zone: the dates and times a step shows follow its clocks. */
  timeZone = 'Europe/Berlin';

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
