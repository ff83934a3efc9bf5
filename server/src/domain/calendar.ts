/**
 * Which local days a location is open, and its opening intervals on a day as instants. Public holidays of
 * the town's Bundesland come from feiertagejs; the town file adds the location's own closures.
 */
import { isHoliday } from 'feiertagejs';
import type { LocationConfig, TownConfig, Weekday } from '../config/town-schema.js';
import { isoWeekday, minuteOfDay, wallClockInstant, type Day } from '../../../src/format/zoned-day.js';

/** Epoch milliseconds, end exclusive. */
export interface Interval {
  start: number;
  end: number;
}

const WEEKDAY_BY_ISO: Record<number, Weekday> = { 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri', 6: 'sat', 7: 'sun' };

/**
 * feiertagejs works out the whole year's holidays on every call (milliseconds each); a day's answer never
 * changes, so it is kept. Only days inside a booking window get here, so the map stays small; the cap is
 * a guard, not a policy.
 */
const holidayAnswers = new Map<string, boolean>();

export function isPublicHoliday(day: Day, state: TownConfig['state']): boolean {
  const key = `${state} ${day}`;
  let holiday = holidayAnswers.get(key);
  if (holiday === undefined) {
    const [year, month, date] = day.split('-').map(Number);
    // feiertagejs compares the calendar date of a local Date; noon keeps it clear of any zone edge.
    holiday = isHoliday(new Date(year, month - 1, date, 12), state);
    if (holidayAnswers.size >= 10_000) holidayAnswers.clear();
    holidayAnswers.set(key, holiday);
  }
  return holiday;
}

export function isClosedByTown(location: LocationConfig, day: Day): boolean {
  return location.closures.some(({ first, last }) => first <= day && day <= last);
}

/** The opening intervals of `day` as wall-clock minute ranges, or none when the location is closed. */
export function openingMinutes(town: TownConfig, location: LocationConfig, day: Day): [number, number][] {
  if (isPublicHoliday(day, town.state) || isClosedByTown(location, day)) return [];
  const intervals = location.openingHours[WEEKDAY_BY_ISO[isoWeekday(day, town.timeZone)]] ?? [];
  return intervals.map(([from, to]) => [minuteOfDay(from), minuteOfDay(to)]);
}

/**
 * Start times on the grid of each opening interval (anchored at its opening time) for an appointment of
 * `lengthMinutes`, which must end by closing time. Starts are built from wall-clock minutes, so a DST
 * switch neither shifts nor duplicates one; the length is real elapsed time.
 */
export function candidateSlots(town: TownConfig, location: LocationConfig, day: Day, lengthMinutes: number): Interval[] {
  // Everything this depends on is read from the town file, which does not change while the process runs;
  // building the instants costs a time-zone conversion each, so a location's days are kept.
  let byDay = candidatesByLocation.get(location);
  if (!byDay) {
    byDay = new Map();
    candidatesByLocation.set(location, byDay);
  }
  const key = `${town.timeZone} ${town.state} ${town.rules.slotStepMinutes} ${day} ${lengthMinutes}`;
  let slots = byDay.get(key);
  if (!slots) {
    slots = Object.freeze(buildCandidateSlots(town, location, day, lengthMinutes).map((slot) => Object.freeze(slot)));
    if (byDay.size >= 10_000) byDay.clear();
    byDay.set(key, slots);
  }
  // A copy of the list; the slots themselves are frozen.
  return slots.slice();
}

const candidatesByLocation = new WeakMap<LocationConfig, Map<string, readonly Interval[]>>();

function buildCandidateSlots(town: TownConfig, location: LocationConfig, day: Day, lengthMinutes: number): Interval[] {
  const step = town.rules.slotStepMinutes;
  const slots: Interval[] = [];
  for (const [opening, closing] of openingMinutes(town, location, day)) {
    const closesAt = wallClockInstant(day, closing, town.timeZone);
    for (let minute = opening; minute < closing; minute += step) {
      const start = wallClockInstant(day, minute, town.timeZone);
      const end = start + lengthMinutes * 60_000;
      if (end > closesAt) break;
      slots.push({ start, end });
    }
  }
  return slots;
}
