import { emit } from '../../events.js';

/** What the manage views ask the manage view for; like intents, they never leave the widget. */
export type ManageAction =
  | { type: 'lookup'; code: string; email: string }
  | { type: 'cancel'; erase?: boolean }
  | { type: 'reschedule' }
  | { type: 'showData' }
  | { type: 'change' };

export function emitManageAction(from: Element, action: ManageAction): void {
  emit(from, 'tb-manage', action);
}

declare global {
  interface HTMLElementEventMap {
    'tb-manage': CustomEvent<ManageAction>;
    'tb-dialog-confirm': CustomEvent<void>;
  }
}
