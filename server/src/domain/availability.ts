/**
 * Free start times: the candidate slots of a day minus the past, the minimum notice, the horizon and every
 * live reservation. A slot is free when at least one counter is free for the whole of it. Pure: the
 * reservations and `now` come in as data.
 */
import type { LocationConfig, TownConfig } from '../config/town-schema.js';
import { addDaysToDay, dayOf, wallClockInstant, type Day } from '../../../src/format/zoned-day.js';
import { candidateSlots, type Interval } from './calendar.js';

/** A live hold or booking on one counter. */
export interface Occupied extends Interval {
  counter: number;
}

/** First and last bookable day: today up to today + bookingHorizonDays, both included. */
export function bookingWindow(town: TownConfig, now: number): { first: Day; last: Day } {
  const first = dayOf(now, town.timeZone);
  return { first, last: addDaysToDay(first, town.rules.bookingHorizonDays, town.timeZone) };
}

export function earliestStart(town: TownConfig, now: number): number {
  return now + town.rules.minimumNoticeMinutes * 60_000;
}

/**
 * Closures set by staff as occupied ranges on every counter: slots that touch one are taken whichever
 * counter is asked, and bookings already inside stay as they are (they are not in this list).
 */
export function closedOnAllCounters(closures: readonly Interval[], counters: number): Occupied[] {
  return closures.flatMap((closure) =>
    Array.from({ length: counters }, (_, index) => ({ counter: index + 1, start: closure.start, end: closure.end })));
}

/** Occupied ranges per counter, sorted by start, for quick overlap checks. */
function byCounter(occupied: readonly Occupied[], counters: number): Interval[][] {
  const lanes: Interval[][] = Array.from({ length: counters }, () => []);
  for (const range of occupied) lanes[range.counter - 1]?.push(range);
  for (const lane of lanes) lane.sort((a, b) => a.start - b.start);
  return lanes;
}

function laneIsFree(lane: readonly Interval[], slot: Interval): boolean {
  for (const range of lane) {
    if (range.start >= slot.end) return true;
    if (range.end > slot.start) return false;
  }
  return true;
}

/** The free slots of one day, in order. */
export function freeSlots(
  town: TownConfig,
  location: LocationConfig,
  day: Day,
  lengthMinutes: number,
  occupied: readonly Occupied[],
  now: number,
): Interval[] {
  return freeSlotsIn(town, location, day, lengthMinutes, occupied, bookingWindow(town, now), earliestStart(town, now));
}

function freeSlotsIn(
  town: TownConfig,
  location: LocationConfig,
  day: Day,
  lengthMinutes: number,
  occupied: readonly Occupied[],
  { first, last }: { first: Day; last: Day },
  earliest: number,
): Interval[] {
  if (day < first || day > last) return [];
  const slots = candidateSlots(town, location, day, lengthMinutes);
  if (slots.length === 0) return [];
  const lanes = byCounter(occupied, location.counters);
  return slots.filter((slot) => slot.start >= earliest && lanes.some((lane) => laneIsFree(lane, slot)));
}

/** The instants at which a local day begins and the next one begins. */
export function dayBounds(day: Day, timeZone: string): Interval {
  return { start: wallClockInstant(day, 0, timeZone), end: wallClockInstant(addDaysToDay(day, 1, timeZone), 0, timeZone) };
}

/**
 * Days from `from` to `to` (both included, clipped to the booking window) that have a free slot, with how
 * many. `occupied` may span the whole range; each day looks only at what overlaps it.
 */
export function freeDays(
  town: TownConfig,
  location: LocationConfig,
  from: Day,
  to: Day,
  lengthMinutes: number,
  occupied: readonly Occupied[],
  now: number,
  { firstOnly = false } = {},
): { date: Day; free: number }[] {
  const window = bookingWindow(town, now);
  const earliest = earliestStart(town, now);
  const days: { date: Day; free: number }[] = [];
  for (let day = from < window.first ? window.first : from; day <= to && day <= window.last; day = addDaysToDay(day, 1, town.timeZone)) {
    if (candidateSlots(town, location, day, lengthMinutes).length === 0) continue;
    const bounds = dayBounds(day, town.timeZone);
    const thatDay = occupied.filter((range) => range.start < bounds.end && range.end > bounds.start);
    const free = freeSlotsIn(town, location, day, lengthMinutes, thatDay, window, earliest).length;
    if (free > 0) {
      days.push({ date: day, free });
      if (firstOnly) break;
    }
  }
  return days;
}
