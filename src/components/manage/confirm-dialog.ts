import { html } from 'lit';
import { defineOnce, StepElement } from '../steps/step-element.js';
import { emit } from '../../events.js';

/**
 * A modal yes/no question on a native `<dialog>`: `showModal()` makes the page inert and closes on Escape.
 * Focus goes back to the button that opened it, whichever way it closes.
 *
 * @fires tb-dialog-confirm - The citizen chose the confirming button.
 */
export class ConfirmDialog extends StepElement {
  static override properties = {
    heading: {},
    text: {},
    confirmLabel: {},
    keepLabel: {},
  };

  heading!: string;
  text!: string;
  confirmLabel!: string;
  keepLabel!: string;

  #opener: HTMLElement | null = null;

  get #dialog(): HTMLDialogElement | null {
    return this.querySelector('dialog');
  }

  async show(opener: HTMLElement): Promise<void> {
    this.#opener = opener;
    await this.updateComplete;
    this.#dialog?.showModal();
  }

  #restoreFocus(): void {
    this.#opener?.focus();
    this.#opener = null;
  }

  /** Chromium lets Tab leave a modal dialog for the browser's own controls; here it goes round the two buttons. */
  #keepTabInside(event: KeyboardEvent): void {
    const buttons = this.querySelectorAll('button');
    const edge = buttons[event.shiftKey ? 0 : 1];
    if (event.key !== 'Tab' || event.target !== edge) return;
    event.preventDefault();
    buttons[event.shiftKey ? 1 : 0].focus();
  }

  #confirm(): void {
    this.#dialog?.close();
    emit(this, 'tb-dialog-confirm');
  }

  override render() {
    return html`<dialog aria-labelledby="confirm-dialog-heading" aria-describedby="confirm-dialog-text" @close=${this.#restoreFocus} @keydown=${this.#keepTabInside}>
      <h3 id="confirm-dialog-heading">${this.heading}</h3>
      <p id="confirm-dialog-text">${this.text}</p>
      <div class="actions">
        <button type="button" part="button" autofocus @click=${() => this.#dialog?.close()}>${this.keepLabel}</button>
        <button type="button" class="danger" part="button" @click=${this.#confirm}>${this.confirmLabel}</button>
      </div>
    </dialog>`;
  }
}

defineOnce('tb-confirm-dialog', ConfirmDialog);
