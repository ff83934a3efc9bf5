import { html, nothing } from 'lit';
import type { Service } from '../../api/schemas.js';
import { formatDuration } from '../../format/datetime.js';
import { clampQuantity } from '../../flow/machine.js';
import { foldForSearch, matchesQuery } from '../../flow/search.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/** From this many services on, a search field filters the list. */
const SEARCH_THRESHOLD = 8;

/** Step 1: what the citizen needs, and for how many people. */
export class ServicesStep extends StepElement {
  static override properties = reactiveProperties(['services', 'quantities', 'totalMinutes'], ['query', 'showRequiredError']);

  services!: Service[];
  quantities!: Readonly<Record<string, number>>;
  totalMinutes!: number;

  private query = '';
  private showRequiredError = false;

  #folded = new WeakMap<Service, string>();

  #foldedText(service: Service): string {
    let text = this.#folded.get(service);
    if (text === undefined) {
      text = foldForSearch(`${service.name} ${service.description ?? ''}`);
      this.#folded.set(service, text);
    }
    return text;
  }

  get #visibleServices(): Service[] {
    if (!this.query.trim()) return this.services;
    return this.services.filter(
      (service) => (this.quantities[service.id] ?? 0) > 0 || matchesQuery(this.#foldedText(service), this.query),
    );
  }

  #setQuantity(service: Service, quantity: number): void {
    this.showRequiredError = false;
    this.emit({ type: 'quantityChanged', serviceId: service.id, quantity });
  }

  /** What the field shows must be what counts, even when the typed number was out of range. */
  #typeQuantity(service: Service, input: HTMLInputElement): void {
    const quantity = clampQuantity(Number(input.value), service.maxQuantity);
    input.value = String(quantity);
    this.#setQuantity(service, quantity);
  }

  #continue(): void {
    if (this.totalMinutes === 0) {
      this.showRequiredError = true;
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#services-error')?.focus());
      return;
    }
    this.emit({ type: 'servicesConfirmed' });
  }

  override render() {
    const m = this.messages.services;
    const visible = this.#visibleServices;
    const searching = this.services.length >= SEARCH_THRESHOLD;
    return html`
      <p class="intro">${m.intro}</p>
      ${searching
        ? html`<div class="field search">
            <label for="service-search">${m.searchLabel}</label>
            <span class="hint" id="service-search-hint">${m.searchHint}</span>
            <input
              id="service-search"
              type="search"
              autocomplete="off"
              enterkeyhint="search"
              aria-describedby="service-search-hint"
              aria-controls="service-list"
              .value=${this.query}
              @input=${(event: InputEvent) => (this.query = (event.target as HTMLInputElement).value)}
            />
            <span class="muted" role="status">${this.query.trim() ? m.matches(visible.length) : ''}</span>
          </div>`
        : nothing}
      ${this.showRequiredError
        ? html`<p class="notice error" id="services-error" tabindex="-1">
            <span class="visually-hidden">${this.messages.common.errorPrefix}</span> ${m.noneChosen}
          </p>`
        : nothing}
      ${visible.length === 0 ? html`<p class="notice">${m.noMatch}</p>` : nothing}
      <ul class="service-list" id="service-list" aria-label=${m.listLabel}>
        ${visible.map((service) => this.#renderService(service))}
      </ul>
      <p class="total" aria-live="polite">${this.totalMinutes > 0 ? m.total(formatDuration(this.totalMinutes, this.lang)) : nothing}</p>
      <div class="actions">
        <button type="button" class="primary" part="button button-primary" @click=${this.#continue}>
          ${this.messages.common.continue}
        </button>
      </div>
    `;
  }

  #renderService(service: Service) {
    const m = this.messages.services;
    const quantity = this.quantities[service.id] ?? 0;
    const nameId = `service-${service.id}-name`;
    return html`<li class="service ${quantity > 0 ? 'chosen' : ''}" part="service">
      <div class="service-text">
        <span class="service-name" id=${nameId}>${service.name}</span>
        ${service.description ? html`<span class="service-description">${service.description}</span>` : nothing}
        <span class="muted">${m.duration(service.durationMinutes)}</span>
      </div>
      <div class="stepper" role="group" aria-labelledby=${nameId}>
        <button
          type="button"
          aria-label=${m.decrease(service.name)}
          aria-disabled=${quantity === 0 ? 'true' : 'false'}
          @click=${() => quantity > 0 && this.#setQuantity(service, quantity - 1)}
        >−</button>
        <input
          type="number"
          inputmode="numeric"
          min="0"
          max=${service.maxQuantity}
          aria-label=${m.quantity(service.name)}
          .value=${String(quantity)}
          @change=${(event: Event) => this.#typeQuantity(service, event.target as HTMLInputElement)}
        />
        <button
          type="button"
          aria-label=${m.increase(service.name)}
          aria-disabled=${quantity >= service.maxQuantity ? 'true' : 'false'}
          @click=${() => quantity < service.maxQuantity && this.#setQuantity(service, quantity + 1)}
        >+</button>
      </div>
    </li>`;
  }
}

defineOnce('tb-services-step', ServicesStep);
