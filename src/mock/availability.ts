/**
 * Free slots and days as the contract publishes them: the schedule's unbooked slots within the booking
 * horizon, minus the past and minus everything held or booked through the mock.
 */
import type { Catalog, DaysResponse, ServiceSelection } from '../api/schemas.js';
import { MockProblem } from './problems.js';
import { overlaps, unbookedSlots, type TimeRange } from './schedule.js';
import { addDaysToDay, dayOf, type Day } from '../format/zoned-day.js';

export interface AvailabilityContext {
  catalog: Catalog;
  seed: number;
  now: number;
  /** Time ranges at the location that holds, bookings and other citizens already occupy. */
  occupied: (locationId: string) => TimeRange[];
}

/** Total appointment length; rejects services the location does not offer or too many of one. */
export function selectionMinutes(catalog: Catalog, locationId: string, services: readonly ServiceSelection[]): number {
  if (!catalog.locations.some((location) => location.id === locationId)) {
    throw new MockProblem('invalid_input', [{ field: 'location', code: 'unknown' }]);
  }
  if (services.length === 0) throw new MockProblem('invalid_input', [{ field: 'services', code: 'required' }]);
  let minutes = 0;
  for (const { id, quantity } of services) {
    const service = catalog.services.find((candidate) => candidate.id === id);
    const offered = catalog.offers.some((offer) => offer.serviceId === id && offer.locationId === locationId);
    if (!service || !offered) throw new MockProblem('invalid_input', [{ field: 'services', code: 'not_offered' }]);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > service.maxQuantity) {
      throw new MockProblem('invalid_input', [{ field: 'services', code: 'quantity' }]);
    }
    minutes += service.durationMinutes * quantity;
  }
  return minutes;
}

/** First and last bookable day: today up to today + bookingHorizonDays, both included. */
export function bookingWindow({ catalog, now }: AvailabilityContext): { first: Day; last: Day } {
  const first = dayOf(now, catalog.timeZone);
  return { first, last: addDaysToDay(first, catalog.bookingHorizonDays, catalog.timeZone) };
}

export function freeSlots(context: AvailabilityContext, locationId: string, day: Day, minutes: number): TimeRange[] {
  const { first, last } = bookingWindow(context);
  if (day < first || day > last) return [];
  const occupied = context.occupied(locationId);
  return unbookedSlots(context.seed, context.catalog.timeZone, locationId, day, minutes).filter(
    (slot) => slot.start > context.now && !occupied.some((range) => overlaps(slot, range)),
  );
}

export function freeDays(
  context: AvailabilityContext,
  locationId: string,
  minutes: number,
  from: Day,
  to: Day,
): DaysResponse {
  const { first, last } = bookingWindow(context);
  const { timeZone } = context.catalog;
  const days: DaysResponse['days'] = [];
  for (let day = from < first ? first : from; day <= to && day <= last; day = addDaysToDay(day, 1, timeZone)) {
    const free = freeSlots(context, locationId, day, minutes).length;
    if (free > 0) days.push({ date: day, free });
  }
  let nextAvailable: Day | null = null;
  const after = addDaysToDay(to, 1, timeZone);
  for (let day = after < first ? first : after; day <= last; day = addDaysToDay(day, 1, timeZone)) {
    if (freeSlots(context, locationId, day, minutes).length > 0) {
      nextAvailable = day;
      break;
    }
  }
  return { days, nextAvailable };
}
