import { html, nothing, type PropertyValues } from 'lit';
import type { Slot } from '../../api/schemas.js';
import { formatTime, hourIn } from '../../format/datetime.js';
import { de } from '../../i18n/de.js';
import type { Messages } from '../../i18n/messages.js';
import { emit } from '../../events.js';
import { reactiveProperties, StepElement } from '../steps/step-element.js';

export type SlotSelectDetail = { slot: Slot };

interface SlotView {
  slot: Slot;
  time: string;
  label: string;
}

interface SlotGroup {
  id: string;
  heading: string;
  slots: SlotView[];
}

/** Office hours from noon on count as afternoon. */
const AFTERNOON_FROM_HOUR = 12;

let instances = 0;

const checkMark = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <polyline points="5 12 10 17 19 7" fill="none" stroke="currentColor" stroke-width="3" />
</svg>`;

/**
 * The free times of one day (the step above names the day), grouped into morning and afternoon of the office's clock.
 *
 * Renders into its own light DOM so that it shares the root's shadow tree; its styles are
 * `slotListStyles` from `slot-list.styles.ts`.
 *
 * @fires tb-slot-select - The citizen chose a time.
 */
export class SlotList extends StepElement {
  static override properties = {
    busy: { type: Boolean },
    ...reactiveProperties(['slots', 'selectedStart']),
  };

  slots: readonly Slot[] = [];
  selectedStart: string | null = null;
  /** A hold for a chosen time is being requested; further choices wait for it. */
  busy = false;
  override messages: Messages = de;

  #groups: SlotGroup[] = [];
  readonly #idPrefix = `tb-slots-${++instances}`;

  protected override willUpdate(changed: PropertyValues<this>) {
    const inputs = ['slots', 'timeZone', 'messages', 'lang'] as const;
    if (inputs.some((name) => changed.has(name))) this.#groups = this.#buildGroups();
  }

  override render() {
    return this.slots.length === 0
      ? html`<p class="none">${this.messages.slots.none}</p>`
      : this.#groups.map((group) => this.#renderGroup(group));
  }

  #renderGroup(group: SlotGroup) {
    if (group.slots.length === 0) return nothing;
    const headingId = `${this.#idPrefix}-${group.id}`;
    return html`<div role="group" class="group" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${group.heading}</h4>
      <ul class="slots">
        ${group.slots.map((view) => {
          const selected = view.slot.start === this.selectedStart;
          return html`<li>
            <button
              type="button"
              part=${selected ? 'slot slot-selected' : 'slot'}
              aria-label=${view.label}
              aria-pressed=${selected ? 'true' : 'false'}
              aria-disabled=${this.busy ? 'true' : nothing}
              @click=${() => this.#choose(view.slot)}
            >
              ${selected ? checkMark : nothing}${view.time}
            </button>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  #buildGroups(): SlotGroup[] {
    const messages = this.messages.slots;
    const morning: SlotGroup = { id: 'morning', heading: messages.morning, slots: [] };
    const afternoon: SlotGroup = { id: 'afternoon', heading: messages.afternoon, slots: [] };
    for (const slot of this.slots) {
      const time = formatTime(slot.start, this.timeZone, this.lang);
      const label = messages.slot(time, formatTime(slot.end, this.timeZone, this.lang));
      const group = hourIn(slot.start, this.timeZone) < AFTERNOON_FROM_HOUR ? morning : afternoon;
      group.slots.push({ slot, time, label });
    }
    return [morning, afternoon];
  }

  #choose(slot: Slot) {
    if (this.busy) return;
    emit<SlotSelectDetail>(this, 'tb-slot-select', { slot }, true);
  }
}

// Spelled out, not defineOnce(): the manifest analyzer finds the tag name only in a customElements.define call.
if (!customElements.get('tb-slot-list')) customElements.define('tb-slot-list', SlotList);

declare global {
  interface HTMLElementTagNameMap {
    'tb-slot-list': SlotList;
  }
  interface HTMLElementEventMap {
    'tb-slot-select': CustomEvent<SlotSelectDetail>;
  }
}
