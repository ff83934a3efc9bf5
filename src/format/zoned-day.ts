/**
 * Calendar arithmetic in the backend's time zone. Local times are always built from their wall-clock
 * parts (never by adding hours to midnight), so a DST switch can neither shift nor duplicate a slot.
 */
import { TZDate } from '@date-fns/tz';
import { format, formatISO, getISODay } from 'date-fns';

/** A calendar day `YYYY-MM-DD` in the backend's time zone. */
export type Day = string;

function parseDay(day: Day): [year: number, monthIndex: number, date: number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year, month - 1, date];
}

/** The instant at which the given wall-clock minute of the day occurs in the time zone. */
export function wallClockInstant(day: Day, minuteOfDay: number, timeZone: string): number {
  const [year, monthIndex, date] = parseDay(day);
  return new TZDate(year, monthIndex, date, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime();
}

export function dayOf(instant: number, timeZone: string): Day {
  return format(new TZDate(instant, timeZone), 'yyyy-MM-dd');
}

/**
 * Calendar arithmetic on the date alone: adding days to a date gives the same date in every time zone, so
 * no zone is consulted (`timeZone` stays for the callers' sake). UTC has no DST, so `Date.UTC` is exact.
 */
export function addDaysToDay(day: Day, amount: number, _timeZone: string): Day {
  const [year, monthIndex, date] = parseDay(day);
  return new Date(Date.UTC(year, monthIndex, date + amount)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day, timeZone: string): number {
  const [year, monthIndex, date] = parseDay(day);
  return getISODay(new TZDate(year, monthIndex, date, timeZone));
}

/** RFC 3339 with the zone's offset at that instant, e.g. `2026-12-03T08:30:00+01:00`. */
export function formatInstant(instant: number, timeZone: string): string {
  return formatISO(new TZDate(instant, timeZone));
}

/** `HH:mm` → minutes since local midnight. */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
