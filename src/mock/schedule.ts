/**
 * Which slots a Bürgerbüro could offer on a day, before holds and bookings made through the mock are
 * taken into account: opening hours, closing days and the appointments "other citizens" booked earlier.
 */
import { fallbackOpeningHours, openingHoursByLocation } from './catalog.js';
import { isClosingDay } from './holidays.js';
import { unitFromParts } from './random.js';
import { isoWeekday, minuteOfDay, wallClockInstant, type Day } from '../format/zoned-day.js';

/** Slots start on a quarter-hour grid, which citizens find easy to remember. */
export const SLOT_STEP_MINUTES = 15;

/** Epoch milliseconds, end exclusive. */
export interface TimeRange {
  start: number;
  end: number;
}

export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}

export interface GridSlot extends TimeRange {
  /** Local wall-clock minute of the start, which stays 480 for 08:00 even on a DST-switch day. */
  minuteOfDay: number;
}

/** Every slot of the given length that fits completely into one of the opening intervals. */
export function gridSlots(
  day: Day,
  intervals: readonly (readonly [from: string, to: string])[],
  durationMinutes: number,
  timeZone: string,
): GridSlot[] {
  const slots: GridSlot[] = [];
  for (const [from, to] of intervals) {
    const closing = minuteOfDay(to);
    for (let minute = minuteOfDay(from); minute + durationMinutes <= closing; minute += SLOT_STEP_MINUTES) {
      const start = wallClockInstant(day, minute, timeZone);
      slots.push({ start, end: start + durationMinutes * 60_000, minuteOfDay: minute });
    }
  }
  return slots;
}

/** Share of a day's quarter hours that were booked before the mock started: a few days are full. */
function prebookedShare(seed: number, locationId: string, day: Day): number {
  const kind = unitFromParts(seed, locationId, day);
  if (kind < 0.07) return 1;
  if (kind < 0.25) return 0.9;
  return 0.2 + 0.4 * unitFromParts(seed, locationId, day, 'share');
}

function isPrebooked(seed: number, locationId: string, day: Day, minute: number): boolean {
  return unitFromParts(seed, locationId, day, minute) < prebookedShare(seed, locationId, day);
}

export function unbookedSlots(
  seed: number,
  timeZone: string,
  locationId: string,
  day: Day,
  durationMinutes: number,
): TimeRange[] {
  if (isClosingDay(day, timeZone)) return [];
  const openingHours = openingHoursByLocation[locationId] ?? fallbackOpeningHours;
  const intervals = openingHours[isoWeekday(day, timeZone)] ?? [];
  return gridSlots(day, intervals, durationMinutes, timeZone).filter((slot) => {
    const end = slot.minuteOfDay + durationMinutes;
    for (let minute = slot.minuteOfDay; minute < end; minute += SLOT_STEP_MINUTES) {
      if (isPrebooked(seed, locationId, day, minute)) return false;
    }
    return true;
  });
}
