/**
 * Managing a booking as a plain reducer: find it (by code and e-mail, or through the e-mail's link),
 * then cancel or move it. No DOM and no network: the manage controller makes the requests and feeds
 * their results back in as events.
 */
import type { BackendError } from '../api/port.js';
import type { Booking, PersonalData } from '../api/schemas.js';
import type { HeldSlot } from '../flow/machine.js';

export type ManageView = 'lookup' | 'opening' | 'booking' | 'reschedule' | 'cancelled' | 'change';

export interface ManageState {
  view: ManageView;
  booking: Booking | null;
  /** What just happened to the booking shown, for a success notice. */
  notice: 'confirmedNow' | 'rescheduled' | 'changed' | null;
  /** What the backend holds about the citizen (`GET …/data`), once asked for. */
  data: PersonalData | null;
  /** The cancellation also erased the personal data. */
  erased: boolean;
  /** The last request that failed, shown on the current view. */
  error: BackendError | null;
  /** The error came from opening a link, not from the lookup form. */
  linkFailed: boolean;
  busy: 'lookup' | 'cancel' | 'reschedule' | 'data' | 'change' | null;
  /** Prefills the lookup form, e.g. after a link that no longer works. */
  code: string;
  date: string | null;
  held: HeldSlot | null;
  holdExpired: boolean;
  /** The backend said it is too late: neither cancelling nor moving can work online any more. */
  tooLate: boolean;
}

export type ManageEvent =
  | { type: 'lookupStarted'; code: string }
  | { type: 'linkOpened'; code: string }
  | { type: 'bookingShown'; booking: Booking; confirmedNow: boolean }
  | { type: 'failed'; error: BackendError }
  | { type: 'cancelStarted' }
  | { type: 'cancelled'; erased: boolean }
  | { type: 'dataRequested' }
  | { type: 'dataShown'; data: PersonalData }
  | { type: 'changeStarted' }
  | { type: 'changeSubmitted' }
  | { type: 'changed'; booking: Booking }
  | { type: 'rescheduleStarted' }
  | { type: 'dayChosen'; date: string }
  | { type: 'slotHeld'; held: HeldSlot }
  | { type: 'holdExtended'; held: HeldSlot }
  | { type: 'slotReleased' }
  | { type: 'holdExpired' }
  | { type: 'rescheduleSubmitted' }
  | { type: 'rescheduled'; booking: Booking }
  | { type: 'rescheduleAbandoned' };

export const initialManageState = (): ManageState => ({
  view: 'lookup',
  booking: null,
  notice: null,
  data: null,
  erased: false,
  error: null,
  linkFailed: false,
  busy: null,
  code: '',
  date: null,
  held: null,
  holdExpired: false,
  tooLate: false,
});

const withoutReschedule = { date: null, held: null, holdExpired: false };

export function reduceManage(state: ManageState, event: ManageEvent): ManageState {
  switch (event.type) {
    case 'lookupStarted':
      return { ...state, busy: 'lookup', error: null, linkFailed: false, code: event.code };
    case 'linkOpened':
      return { ...initialManageState(), view: 'opening', code: event.code };
    case 'bookingShown':
      return {
        ...state,
        ...withoutReschedule,
        view: 'booking',
        booking: event.booking,
        tooLate: false,
        notice: event.confirmedNow ? 'confirmedNow' : null,
        error: null,
        busy: null,
        code: event.booking.code,
      };
    case 'failed': {
      // One rule for both: once one of them is too late, neither is offered any more, only the way to call.
      if (event.error.reason === 'too_late' && state.booking)
        return { ...state, ...withoutReschedule, view: 'booking', error: event.error, busy: null, tooLate: true };
      // A link that does not open its booking leaves the citizen at the lookup form, code filled in.
      const view = state.view === 'opening' ? 'lookup' : state.view;
      return { ...state, view, error: event.error, linkFailed: state.view === 'opening', busy: null };
    }
    case 'cancelStarted':
      return state.booking ? { ...state, busy: 'cancel', error: null, notice: null } : state;
    case 'cancelled':
      return { ...state, ...withoutReschedule, view: 'cancelled', busy: null, error: null, data: null, erased: event.erased };
    case 'dataRequested':
      return { ...state, busy: 'data', error: null };
    case 'dataShown':
      return { ...state, data: event.data, busy: null };
    case 'changeStarted':
      return state.data ? { ...state, view: 'change', notice: null, error: null } : state;
    case 'changeSubmitted':
      return { ...state, busy: 'change', error: null };
    case 'changed':
      return { ...state, view: 'booking', booking: event.booking, data: null, notice: 'changed', busy: null, error: null };
    case 'rescheduleStarted':
      return state.booking ? { ...state, ...withoutReschedule, view: 'reschedule', notice: null, error: null } : state;
    case 'dayChosen':
      return { ...state, date: event.date, error: null };
    case 'slotHeld':
      return { ...state, held: event.held, holdExpired: false, error: null };
    case 'holdExtended':
      return state.held ? { ...state, held: event.held } : state;
    case 'slotReleased':
      return { ...state, held: null };
    case 'holdExpired':
      return { ...state, held: null, holdExpired: true, busy: null };
    case 'rescheduleSubmitted':
      return state.held ? { ...state, busy: 'reschedule', error: null } : state;
    case 'rescheduled':
      return { ...state, ...withoutReschedule, view: 'booking', booking: event.booking, notice: 'rescheduled', busy: null, error: null };
    case 'rescheduleAbandoned':
      return { ...state, ...withoutReschedule, view: state.booking ? 'booking' : 'lookup', error: null };
  }
}
