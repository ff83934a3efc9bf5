import { html, nothing } from 'lit';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/** From this many seconds before expiry on, the citizen is warned and offered more time (WCAG 2.2.1). */
export const WARN_BEFORE_SECONDS = 120;


/**
 * How long the chosen time stays reserved. Ticks on its own, so the rest of the widget does not
 * re-render every second.
 */
export class HoldStatus extends StepElement {
  static override properties = reactiveProperties(['deadline', 'extended'], ['remaining']);

  /** `performance.now()` value at which the hold ends. */
  deadline!: number;
  /** "Mehr Zeit" just worked; null where the backend cannot extend a reservation, so it is not offered. */
  extended!: boolean | null;

  private remaining = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('deadline')) this.remaining = this.#secondsLeft();
  }

  #secondsLeft(): number {
    return Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
  }

  #tick(): void {
    this.remaining = this.#secondsLeft();
    if (this.remaining === 0) {
      clearInterval(this.#timer);
      this.emit({ type: 'holdTimedOut' });
    }
  }

  override render() {
    const m = this.messages.hold;
    // Whole minutes, rounded up, as the rest of the widget writes durations: "noch 10 Minuten", never "10:00 Minuten".
    const time = this.messages.common.minutes(Math.ceil(this.remaining / 60));
    if (this.remaining > WARN_BEFORE_SECONDS) {
      return html`<p class="hold" part="hold">
        ${m.remaining(time)} ${this.extended ? html`<span role="status">${m.extended}</span>` : nothing}
      </p>`;
    }
    // Only the fixed sentence is an alert: a ticking time inside it would be read out every second.
    return html`<div class="notice warning hold" part="hold">
      <p role="alert">${m.warning}</p>
      <p>${m.remaining(time)}</p>
      ${this.extended === null
        ? nothing
        : html`<div class="actions">
            <button type="button" part="button" @click=${() => this.emit({ type: 'extendHold' })}>${m.extend}</button>
          </div>`}
    </div>`;
  }
}

defineOnce('tb-hold-status', HoldStatus);
