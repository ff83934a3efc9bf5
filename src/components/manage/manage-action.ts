/** What the manage views ask the manage view for; like intents, they never leave the widget. */
export type ManageAction =
  | { type: 'lookup'; code: string; email: string }
  | { type: 'cancel'; erase?: boolean }
  | { type: 'reschedule' }
  | { type: 'showData' }
  | { type: 'change' };

export function emitManageAction(from: Element, action: ManageAction): void {
  from.dispatchEvent(new CustomEvent<ManageAction>('tb-manage', { detail: action, bubbles: true, composed: false }));
}

declare global {
  interface HTMLElementEventMap {
    'tb-manage': CustomEvent<ManageAction>;
    'tb-dialog-confirm': CustomEvent<void>;
  }
}
