import type { Slot } from '../api/schemas.js';
import type { FlowEvent } from './machine.js';
import { emit } from '../events.js';

/**
 * What a step component asks for. Plain choices go straight into the reducer; the rest need a request
 * first, which only the booking controller makes.
 */
export type Intent =
  | Extract<
      FlowEvent,
      {
        type:
          | 'quantityChanged'
          | 'servicesConfirmed'
          | 'locationChosen'
          | 'heldSlotKept'
          | 'personChanged'
          | 'smsChanged'
          | 'detailsConfirmed'
          | 'edit'
          | 'back'
          | 'restart';
      }
    >
  | { type: 'monthShown'; month: string }
  | { type: 'dayChosen'; date: string }
  | { type: 'slotChosen'; slot: Slot }
  | { type: 'extendHold' }
  | { type: 'holdTimedOut' }
  | { type: 'submitBooking' }
  | { type: 'retry' };

/**
 * Intents stay inside the widget's shadow root (`composed: false`): they may carry what the citizen
 * typed, and the host page's scripts and analytics must never see that.
 */
export function emitIntent(from: Element, intent: Intent): void {
  emit(from, 'tb-intent', intent);
}

declare global {
  interface HTMLElementEventMap {
    'tb-intent': CustomEvent<Intent>;
  }
}
