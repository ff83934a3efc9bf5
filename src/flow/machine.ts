/**
 * The booking flow as a plain reducer: what the citizen has chosen and which step they are on.
 * No DOM, no network, no timers: the element's controller performs requests and feeds their results
 * back in as events, so every transition can be unit-tested.
 */
import type { BackendError, ErrorReason } from '../api/port.js';
import type { Booking, Catalog, Hold, ServiceSelection, Slot } from '../api/schemas.js';
import { emptyPerson, type PersonDraft, type PersonField } from './person.js';
import type { FailurePlace, PickerRetry } from './slot-picker.js';

export const STEPS = ['services', 'location', 'datetime', 'details', 'review', 'done'] as const;
export type StepId = (typeof STEPS)[number];

export interface HeldSlot {
  slot: Slot;
  hold: Hold;
  /** The selection the slot was held for: another selection needs another slot length. */
  services: ServiceSelection[];
  /** `performance.now()`-style deadline; the device's wall clock may be wrong, its monotonic clock is not. */
  deadline: number;
}

/** What "Erneut versuchen" sends again, as plain data: the controller turns it into the request. */
export type Retry = { request: 'catalog' } | { request: 'booking' } | PickerRetry;

/** A problem the citizen must see next to the step they are on, with what can mend it. */
export interface Failure {
  error: BackendError;
  /** None where sending the same again cannot help. */
  retry?: Retry;
  /** About the times of the chosen day: shown next to them, not above the calendar. */
  nearTimes?: boolean;
}

export interface FlowState {
  step: StepId;
  catalog: Catalog | null;
  quantities: Readonly<Record<string, number>>;
  locationId: string | null;
  date: string | null;
  held: HeldSlot | null;
  person: PersonDraft;
  /** The citizen ticked "Erinnerung per SMS" (only where `smsOffered`). */
  sms: boolean;
  /** Set when the citizen came from the review step via "Ändern": continuing returns there. */
  reviewing: boolean;
  /** Reused for every retry of the same booking, so a double click or a retry books once. */
  idempotencyKey: string | null;
  booking: Booking | null;
  /** A page about one office (`location` alone): the services step lists only what it offers. */
  servicesAt: string | null;
  /** Why the flow moved the citizen back on its own (an expired hold), or did not follow the page's preselection. */
  notice: 'holdExpired' | 'notOffered' | null;
  /** The catalog's request until the catalog is here: on its way, or failed. */
  catalogRequest: 'loading' | 'failed' | null;
  /** The booking request is on its way: the submit button waits for its answer. */
  submitting: boolean;
  failure: Failure | null;
  /** The fields the backend refused (422), until the citizen changes them or leaves the details step. */
  serverErrors: Partial<Record<PersonField, string>>;
}

export type FlowEvent =
  | { type: 'catalogRequested' }
  | { type: 'catalogLoaded'; catalog: Catalog; preselect?: { serviceId?: string | null; locationId?: string | null } }
  | { type: 'quantityChanged'; serviceId: string; quantity: number }
  | { type: 'servicesConfirmed' }
  | { type: 'locationChosen'; locationId: string }
  | { type: 'dayChosen'; date: string }
  | { type: 'slotHeld'; slot: Slot; hold: Hold; deadline: number }
  | { type: 'heldSlotKept' }
  | { type: 'holdExtended'; hold: Hold; deadline: number }
  | { type: 'holdExpired' }
  | { type: 'slotReleased' }
  | { type: 'personChanged'; field: PersonField; value: string }
  | { type: 'smsChanged'; sms: boolean }
  | { type: 'personPrefilled'; person: Partial<PersonDraft> }
  | { type: 'detailsConfirmed' }
  | { type: 'bookingStarted'; idempotencyKey: string }
  | { type: 'booked'; booking: Booking }
  | { type: 'catalogFailed' | 'bookingFailed'; error: BackendError }
  /** The slot picker's requests: the days of a month, the times of a day, a hold, more time. */
  | { type: 'failed'; error: BackendError; retry?: PickerRetry; where?: FailurePlace }
  /** The citizen did something else: the failure shown is old news. */
  | { type: 'failureCleared' }
  | { type: 'edit'; step: 'services' | 'location' | 'datetime' | 'details' }
  | { type: 'back' }
  | { type: 'restart' };

export const initialState = (): FlowState => ({
  step: 'services',
  catalog: null,
  quantities: {},
  locationId: null,
  date: null,
  held: null,
  person: emptyPerson(),
  sms: false,
  reviewing: false,
  idempotencyKey: null,
  booking: null,
  servicesAt: null,
  notice: null,
  catalogRequest: null,
  submitting: false,
  failure: null,
  serverErrors: {},
});

/** The town sends text message reminders and asks for the phone number: the details step offers the opt-in. */
export const smsOffered = (catalog: Catalog): boolean => catalog.reminders?.sms === true && catalog.form.phone !== 'hidden';

export function selectedServices(state: FlowState): ServiceSelection[] {
  return (state.catalog?.services ?? [])
    .filter((service) => (state.quantities[service.id] ?? 0) > 0)
    .map((service) => ({ id: service.id, quantity: state.quantities[service.id] }));
}

/** Locations that offer every chosen service. */
export function fittingLocations(state: FlowState) {
  const catalog = state.catalog;
  if (!catalog) return [];
  const wanted = selectedServices(state).map((service) => service.id);
  return catalog.locations.filter((location) =>
    wanted.every((serviceId) =>
      catalog.offers.some((offer) => offer.locationId === location.id && offer.serviceId === serviceId),
    ),
  );
}

/** Minutes the appointment will take: Σ durationMinutes × quantity. */
export function totalMinutes(state: FlowState): number {
  const services = state.catalog?.services ?? [];
  return selectedServices(state).reduce(
    (sum, chosen) => sum + (services.find((service) => service.id === chosen.id)?.durationMinutes ?? 0) * chosen.quantity,
    0,
  );
}

/** The steps the citizen walks through; the location step disappears when only one location fits. */
export function visibleSteps(state: FlowState): StepId[] {
  const skipLocation = state.catalog !== null && state.catalog.locations.length === 1
    || (selectedServices(state).length > 0 && fittingLocations(state).length === 1);
  return STEPS.filter((step) => step !== 'done' && !(step === 'location' && skipLocation));
}

/** How many of a service one booking can hold: a whole number from 0 to the service's maximum. */
export function clampQuantity(quantity: number, maxQuantity: number): number {
  return Math.max(0, Math.min(maxQuantity, Math.round(quantity) || 0));
}

function afterServices(state: FlowState): FlowState {
  const fitting = fittingLocations(state);
  const locationStillFits = fitting.some((location) => location.id === state.locationId);
  const locationId = fitting.length === 1 ? fitting[0].id : locationStillFits ? state.locationId : null;
  // A different selection means a different slot length: the held slot no longer matches.
  const next = { ...state, locationId, held: null, date: null, reviewing: false, notice: null };
  // A page about one office has answered "where" already.
  return { ...next, step: locationId && (fitting.length === 1 || locationId === state.servicesAt) ? 'datetime' : 'location' };
}

/** Sending the same booking again cannot mend these; anything else (a network error, an unknown code) may pass. */
const LASTING_BOOKING_ERRORS: readonly ErrorReason[] = ['hold_expired', 'invalid_input', 'limit_reached', 'not_found', 'gone', 'too_late', 'not_allowed'];

/** A superseded request is no failure to show: the newer one answers instead. */
const shown = (state: FlowState, failure: Failure): Failure | null => (failure.error.reason === 'aborted' ? state.failure : failure);

export function reduce(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'catalogRequested':
      return { ...state, catalogRequest: 'loading' };
    case 'catalogFailed':
      return { ...state, catalogRequest: 'failed', failure: shown(state, { error: event.error, retry: { request: 'catalog' } }) };
    case 'catalogLoaded': {
      const { catalog, preselect } = event;
      const arrived = { ...state, catalog, catalogRequest: null };
      // Arriving again (in another language) renames; only the first arrival starts where the page is about.
      if (state.catalog || !preselect) return arrived;
      const service = catalog.services.find((candidate) => candidate.id === preselect.serviceId);
      const location = catalog.locations.find((candidate) => candidate.id === preselect.locationId);
      const chosen = { ...arrived, quantities: service ? { [service.id]: 1 } : {}, locationId: location?.id ?? null };
      if (!service) return { ...chosen, servicesAt: chosen.locationId };
      if (!location) return afterServices(chosen);
      // Never switch silently: an office that lacks the service is said so, and the citizen chooses.
      return fittingLocations(chosen).includes(location)
        ? { ...chosen, step: 'datetime' }
        : { ...chosen, locationId: null, notice: 'notOffered' };
    }
    case 'quantityChanged': {
      const max = state.catalog?.services.find((service) => service.id === event.serviceId)?.maxQuantity ?? 0;
      return { ...state, quantities: { ...state.quantities, [event.serviceId]: clampQuantity(event.quantity, max) } };
    }
    case 'servicesConfirmed': {
      if (selectedServices(state).length === 0) return state;
      // Both selections come from `selectedServices`, so equal ones are written alike.
      if (state.held && JSON.stringify(state.held.services) === JSON.stringify(selectedServices(state))) {
        // Unchanged services keep the held slot, so going back and forth costs the citizen nothing.
        // On to the step after this one, the first of the visible steps.
        return { ...state, step: state.reviewing ? 'review' : visibleSteps(state)[1], reviewing: false };
      }
      return afterServices(state);
    }
    case 'locationChosen': {
      if (state.reviewing && state.locationId === event.locationId && state.held)
        return { ...state, step: 'review', reviewing: false };
      // Another location means other times: the day and the held slot were for the old one.
      const timesForgotten = state.locationId !== event.locationId && { held: null, date: null, reviewing: false };
      return { ...state, locationId: event.locationId, servicesAt: null, step: 'datetime', ...timesForgotten };
    }
    case 'dayChosen':
      return { ...state, date: event.date };
    case 'slotHeld':
      return {
        ...state,
        held: { slot: event.slot, hold: event.hold, deadline: event.deadline, services: selectedServices(state) },
        // A new hold is a new booking request: a key reused with another holdId would be rejected.
        idempotencyKey: null,
        notice: null,
        step: state.reviewing ? 'review' : 'details',
        reviewing: false,
      };
    case 'heldSlotKept':
      return state.held ? { ...state, step: state.reviewing ? 'review' : 'details', reviewing: false } : state;
    case 'holdExtended':
      return state.held ? { ...state, held: { ...state.held, hold: event.hold, deadline: event.deadline } } : state;
    case 'holdExpired':
      if (state.step === 'done') return state;
      return { ...state, held: null, step: 'datetime', notice: 'holdExpired', reviewing: false, idempotencyKey: null, serverErrors: {} };
    case 'slotReleased':
      return { ...state, held: null };
    case 'personChanged':
      // A field the backend refused is the citizen's to mend: its message goes once they change it.
      return {
        ...state,
        person: { ...state.person, [event.field]: event.value },
        serverErrors: { ...state.serverErrors, [event.field]: undefined },
      };
    case 'smsChanged':
      return { ...state, sms: event.sms };
    case 'personPrefilled': {
      // What the citizen typed wins over what the page knows.
      const known = Object.entries(event.person).filter(([field]) => !state.person[field as PersonField]);
      return { ...state, person: { ...state.person, ...Object.fromEntries(known) } };
    }
    case 'detailsConfirmed':
      return state.held ? { ...state, step: 'review', reviewing: false, serverErrors: {} } : state;
    case 'bookingStarted':
      return { ...state, idempotencyKey: state.idempotencyKey ?? event.idempotencyKey, submitting: true };
    case 'booked':
      return { ...state, booking: event.booking, held: null, step: 'done', reviewing: false, submitting: false };
    case 'bookingFailed': {
      const { error } = event;
      const retry = LASTING_BOOKING_ERRORS.includes(error.reason) ? undefined : { request: 'booking' as const };
      const settled = { ...state, submitting: false, failure: shown(state, { error, retry }) };
      if (error.reason !== 'invalid_input' || error.fields.length === 0) return settled;
      // The citizen mends what the backend refused in the form, where each such field says so.
      const serverErrors = Object.fromEntries(error.fields.map((issue) => [issue.field.replace(/^person\./, ''), issue.code]));
      return { ...reduce(settled, { type: 'edit', step: 'details' }), serverErrors };
    }
    case 'failed':
      // Days that failed say so in the calendar itself.
      if (event.where === 'days') return state;
      return { ...state, failure: shown(state, { error: event.error, retry: event.retry, nearTimes: !!event.where }) };
    case 'failureCleared':
      return { ...state, failure: null };
    case 'edit':
      if (state.step === 'review') return { ...state, step: event.step, reviewing: true };
      // The summary above the calendar leads back to what the page preselected.
      return state.step === 'datetime' && event.step === 'services' ? { ...state, step: 'services' } : state;
    case 'back': {
      // `done` is not among the visible steps: there is no way back from a booking made.
      const steps = visibleSteps(state);
      const index = steps.indexOf(state.step);
      return index > 0 ? { ...state, step: steps[index - 1], reviewing: false, notice: null, serverErrors: {} } : state;
    }
    case 'restart':
      return { ...initialState(), catalog: state.catalog, catalogRequest: state.catalogRequest, person: state.person };
  }
}
