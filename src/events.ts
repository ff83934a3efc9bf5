/**
 * The widget's public events, in one place: their names and what each carries. Details hold codes,
 * times and ids, never personal data: the host page's analytics see every one of them.
 */
import type { Booking } from './api/schemas.js';
import type { StepId } from './flow/machine.js';

export interface TerminEventDetails {
  'termin-step': { step: StepId };
  'termin-booked': Pick<Booking, 'code' | 'status' | 'start' | 'end'> & { locationId: string; services: { id: string; quantity: number }[] };
  /** The backend's own error code, for the webmaster's logs; citizens read a sentence instead. */
  'termin-error': { code: string };
  'termin-cancelled': { code: string };
  'termin-rescheduled': Pick<Booking, 'code' | 'start' | 'end'>;
}

/**
 * Dispatches a bubbling event from `from`. Only a `composed` one leaves the widget's shadow root for the page:
 * the widget's inner events stay inside.
 */
export function emit<Detail>(from: EventTarget, name: string, detail?: Detail, composed = false): void {
  from.dispatchEvent(new CustomEvent<Detail>(name, { detail, bubbles: true, composed }));
}

export function emitTerminEvent<Name extends keyof TerminEventDetails>(host: HTMLElement, name: Name, detail: TerminEventDetails[Name]): void {
  emit(host, name, detail, true);
}

/** What `termin-booked` tells the page about a booking: never the person. */
export const bookedDetail = (booking: Booking): TerminEventDetails['termin-booked'] => ({
  code: booking.code,
  status: booking.status,
  start: booking.start,
  end: booking.end,
  locationId: booking.location.id,
  services: booking.services.map(({ id, quantity }) => ({ id, quantity })),
});

declare global {
  interface HTMLElementEventMap {
    'termin-step': CustomEvent<TerminEventDetails['termin-step']>;
    'termin-booked': CustomEvent<TerminEventDetails['termin-booked']>;
    'termin-error': CustomEvent<TerminEventDetails['termin-error']>;
    'termin-cancelled': CustomEvent<TerminEventDetails['termin-cancelled']>;
    'termin-rescheduled': CustomEvent<TerminEventDetails['termin-rescheduled']>;
  }
}
