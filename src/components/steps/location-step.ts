import { html, nothing } from 'lit';
import type { Location } from '../../api/schemas.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/** Step 2: one of the locations that offer every chosen service. */
export class LocationStep extends StepElement {
  static override properties = reactiveProperties(['locations', 'selected'], ['choice', 'showRequiredError']);

  locations!: Location[];
  selected!: string | null;

  private choice: string | null = null;
  private showRequiredError = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selected')) this.choice = this.selected;
  }

  #continue(): void {
    if (!this.choice) {
      this.showRequiredError = true;
      void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('input[type=radio]')?.focus());
      return;
    }
    this.emit({ type: 'locationChosen', locationId: this.choice });
  }

  override render() {
    const m = this.messages.location;
    if (this.locations.length === 0) return html`<p class="notice">${m.none}</p>${this.#renderActions()}`;
    return html`
      <p class="intro">${m.intro}</p>
      <div class="field-group ${this.showRequiredError ? 'invalid' : ''}" role="radiogroup" aria-labelledby="step-heading"
        aria-describedby=${this.showRequiredError ? 'location-error' : nothing}>
        ${this.showRequiredError
          ? html`<p class="field-error" id="location-error">
              <span class="visually-hidden">${this.messages.common.errorPrefix}</span> ${m.noneChosen}
            </p>`
          : nothing}
        ${this.locations.map((location) => this.#renderLocation(location))}
      </div>
      ${this.#renderActions()}
    `;
  }

  #renderLocation(location: Location) {
    const id = `location-${location.id}`;
    return html`<div class="choice" part="location">
      <input
        type="radio"
        name="location"
        id=${id}
        .checked=${this.choice === location.id}
        aria-describedby="${id}-address"
        @change=${() => {
          this.choice = location.id;
          this.showRequiredError = false;
        }}
      />
      <label for=${id}>
        <span class="choice-title">${location.name}</span>
        <span class="choice-detail" id="${id}-address">
          ${location.address.street}, ${location.address.postalCode} ${location.address.city}
          ${location.hint ? html`<br /><span class="muted">${location.hint}</span>` : nothing}
        </span>
      </label>
    </div>`;
  }

  #renderActions() {
    return html`<div class="actions">
      ${this.locations.length > 0
        ? html`<button type="button" class="primary" part="button button-primary" @click=${this.#continue}>
            ${this.messages.common.continue}
          </button>`
        : nothing}
    </div>`;
  }
}

defineOnce('tb-location-step', LocationStep);
