/**
 * Calendar and zone arithmetic for the conformance suite, built on Intl alone: an oracle independent of
 * the date library both implementations use, so that a shared mistake there cannot hide.
 */

/** `YYYY-MM-DD`. */
export type Day = string;

/** `day` plus `amount` calendar days (pure calendar arithmetic, no zone involved). */
export function addDays(day: Day, amount: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + amount);
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to`. */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The last Sunday of a month, where the EU switches its clocks (month 1–12). */
export function lastSunday(year: number, month: number): Day {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - (last.getUTCDay() % 7));
  return last.toISOString().slice(0, 10);
}

export interface ZonedParts {
  date: Day;
  /** `HH:MM:SS`, 24-hour clock. */
  time: string;
  /** `+01:00`, as RFC 3339 writes it (`+00:00` for UTC). */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock date, time and offset of an instant in a zone. */
export function zonedParts(instant: number | Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}`, offset };
}

/** The local calendar day of an instant in a zone. */
export function localDay(instant: number | Date, timeZone: string): Day {
  return zonedParts(instant, timeZone).date;
}

/** The offset part of an RFC 3339 string: `+01:00`, `-05:00` or `Z`. */
export function offsetOf(rfc3339: string): string {
  const match = /([+-]\d\d:\d\d|Z)$/i.exec(rfc3339);
  if (!match) throw new Error(`No offset in ${rfc3339}`);
  return match[1].toUpperCase();
}

/** The wall-clock `YYYY-MM-DD` and `HH:MM` an RFC 3339 string states, as written (not converted). */
export function statedWallClock(rfc3339: string): { date: Day; time: string } {
  const match = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d)/.exec(rfc3339);
  if (!match) throw new Error(`Not an RFC 3339 date-time: ${rfc3339}`);
  return { date: match[1], time: match[2] };
}

/** RFC 3339 for the instant at which the wall clock shows `day` `HH:MM` in the zone (the earlier one if twice). */
export function zonedDateTime(day: Day, hhmm: string, timeZone: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const asUtc = Date.parse(`${day}T${hhmm}:00Z`);
  const offsetMinutes = (offset: string) => {
    if (offset === 'Z' || offset === '+00:00') return 0;
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number);
    return sign * (h * 60 + m);
  };
  // The offset valid shortly before and after; the one whose result shows the asked wall clock wins.
  for (const probe of [asUtc - 86_400_000 / 2, asUtc + 86_400_000 / 2]) {
    const offset = zonedParts(probe, timeZone).offset;
    const instant = asUtc - offsetMinutes(offset) * 60_000;
    const shown = zonedParts(instant, timeZone);
    if (shown.date === day && shown.time.slice(0, 5) === `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`) {
      return `${day}T${hhmm}:00${shown.offset}`;
    }
  }
  throw new Error(`${day} ${hhmm} does not exist in ${timeZone}`);
}

/** RFC 3339 for an instant with the zone's offset at that instant, e.g. `2026-11-20T10:15:00+01:00`. */
export function rfc3339(instant: number | Date, timeZone: string): string {
  const { date, time, offset } = zonedParts(instant, timeZone);
  return `${date}T${time}${offset}`;
}
