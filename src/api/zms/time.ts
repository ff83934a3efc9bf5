/**
 * ZMS counts time in unix seconds (ints in the calendar, decimal strings in a process); the widget's
 * domain speaks RFC 3339 instants with the offset valid at that instant, and calendar days in the
 * offices' zone. ZMS runs in Munich and Berlin, so that zone is Europe/Berlin.
 */
export const ZMS_TIME_ZONE = 'Europe/Berlin';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZMS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function wallClockOf(milliseconds: number): WallClock {
  const parts = Object.fromEntries(wallClock.formatToParts(milliseconds).map((part) => [part.type, part.value]));
  return parts as unknown as WallClock;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `1733130000` → `2024-12-02T10:00:00+01:00`: the wall clock in Berlin and its offset at that instant. */
export function instantOfUnixSeconds(seconds: number): string {
  const clock = wallClockOf(seconds * 1000);
  const asIfUtc = Date.UTC(+clock.year, +clock.month - 1, +clock.day, +clock.hour, +clock.minute, +clock.second);
  const offsetMinutes = Math.round((asIfUtc - seconds * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${clock.year}-${clock.month}-${clock.day}T${clock.hour}:${clock.minute}:${clock.second}${offset}`;
}

/** The Berlin calendar day on which an instant (unix seconds) falls: a slot belongs to the day it starts on. */
export function berlinDayOfUnixSeconds(seconds: number): string {
  const clock = wallClockOf(seconds * 1000);
  return `${clock.year}-${clock.month}-${clock.day}`;
}

/** An RFC 3339 instant back to the unix seconds ZMS expects. */
export function unixSecondsOf(instant: string): number {
  return Math.floor(Date.parse(instant) / 1000);
}
