/**
 * Date and time helpers. Instants are shown in the office's time zone, whatever the browser's zone is;
 * calendar days travel as `YYYY-MM-DD` strings and are never turned into instants of the browser's zone.
 */
import type { Lang } from '../i18n/messages.js';

/** A calendar week, Monday first; days of the neighbouring months are `null`. */
export type CalendarWeek = readonly (string | null)[];

// Plain `Date` arithmetic in UTC and `Intl` for time zones: date-fns and @date-fns/tz cost 1.8 KB gzip for this.
const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const DAY_MS = 86_400_000;
// A calendar day has no zone of its own; UTC has no DST, so day arithmetic in it never skips or repeats a day.
const DAY_ZONE = 'UTC';

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const DATE_STYLES = {
  time: TIME,
  dateLong: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { weekday: 'short', day: 'numeric', month: 'short' },
  monthYear: { month: 'long', year: 'numeric' },
  weekdayLong: { weekday: 'long' },
  weekdayShort: { weekday: 'short' },
  zoneName: { timeZoneName: 'short' },
  parts: { ...TIME, year: 'numeric', month: '2-digit', day: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const made = new Map<string, unknown>();

/**
 * What `make` returns for `key`, made once: building an Intl formatter costs far more than using one, and
 * calendars format dozens of days per render.
 */
function once<T>(key: string, make: () => T): T {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

function dateFormatter(lang: Lang, style: keyof typeof DATE_STYLES, timeZone?: string): Intl.DateTimeFormat {
  return once(`${lang}|${style}|${timeZone}`, () => new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_STYLES[style], timeZone }));
}

function unitFormatter(lang: Lang, unit: 'hour' | 'minute'): Intl.NumberFormat {
  return once(`${lang}|${unit}`, () => new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit, unitDisplay: 'short' }));
}

/** Midnight UTC of a `YYYY-MM-DD` day: formatted in UTC, it is that day whatever the browser's zone. */
function dayFromString(date: string): Date {
  return new Date(date);
}

function dayToString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Year, month, day, hour and minute of `instant` on the clocks of `timeZone`, as two-digit strings. */
function clockIn(instant: string | Date, timeZone: string): Record<string, string> {
  const parts = dateFormatter('de', 'parts', timeZone).formatToParts(new Date(instant));
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** The date (`YYYY-MM-DD`) on which `instant` falls in `timeZone`. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const clock = clockIn(instant, timeZone);
  return `${clock.year}-${clock.month}-${clock.day}`;
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return localDateOf(now, timeZone);
}

/** The hour (0–23) of `instant` on the clocks of `timeZone`. */
export function hourIn(instant: string, timeZone: string): number {
  return Number(clockIn(instant, timeZone).hour);
}

/** Clock time of `instant` in `timeZone`, for example "08:30". */
export function formatTime(instant: string, timeZone: string, lang: Lang): string {
  return dateFormatter(lang, 'time', timeZone).format(new Date(instant));
}

/** For example "Donnerstag, 3. Dezember 2026" / "Thursday, 3 December 2026". */
export function formatDateLong(date: string, lang: Lang): string {
  return dateFormatter(lang, 'dateLong', DAY_ZONE).format(dayFromString(date));
}

/** For example "Do., 3. Dez." / "Thu 3 Dec". */
export function formatDateShort(date: string, lang: Lang): string {
  return dateFormatter(lang, 'dateShort', DAY_ZONE).format(dayFromString(date));
}

/** For example "Dezember 2026" for `2026-12`. */
export function formatMonthYear(month: string, lang: Lang): string {
  return dateFormatter(lang, 'monthYear', DAY_ZONE).format(dayFromString(`${month}-01`));
}

/** The day of the month of a `YYYY-MM-DD` date, as a number. */
export function dayOfMonth(date: string): number {
  return dayFromString(date).getUTCDate();
}

export type WeekdayName = { long: string; short: string };

/** Monday to Sunday, each with its full and its short name, for example "Montag" and "Mo". */
export function weekdayNames(lang: Lang): readonly WeekdayName[] {
  // 1 January 2024 was a Monday.
  return once(`${lang}|weekdays`, () =>
    Array.from({ length: 7 }, (_, index) => {
      const day = dayFromString(addDaysToDate('2024-01-01', index));
      return {
        long: dateFormatter(lang, 'weekdayLong', DAY_ZONE).format(day),
        short: dateFormatter(lang, 'weekdayShort', DAY_ZONE).format(day),
      };
    }),
  );
}

export function addDaysToDate(date: string, days: number): string {
  return dayToString(new Date(dayFromString(date).getTime() + days * DAY_MS));
}

/** Moves a date by whole months; a day missing in the target month becomes its last day (31 Jan + 1 → 28 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  // Day 0 of the month after the target month is the target month's last day.
  const lastDay = new Date(Date.UTC(year, month + months, 0)).getUTCDate();
  return dayToString(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

/** The Monday of the week `date` lies in. */
export function startOfWeekOf(date: string): string {
  return addDaysToDate(date, -((dayFromString(date).getUTCDay() + 6) % 7));
}

/** The Sunday of the week `date` lies in. */
export function endOfWeekOf(date: string): string {
  return addDaysToDate(startOfWeekOf(date), 6);
}

/** The month (`YYYY-MM`) of a `YYYY-MM-DD` date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The first day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The last day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  return addDaysToDate(firstDayOf(addMonths(month, 1)), -1);
}

/** Moves a `YYYY-MM` month by `months`. */
export function addMonths(month: string, months: number): string {
  return monthOf(addMonthsToDate(firstDayOf(month), months));
}

/** The weeks of a `YYYY-MM` month, Monday first, 4 to 6 of them. */
export function monthGrid(month: string): CalendarWeek[] {
  const weeks: CalendarWeek[] = [];
  for (let monday = startOfWeekOf(firstDayOf(month)); monday <= lastDayOf(month); monday = addDaysToDate(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, index) => {
      const day = addDaysToDate(monday, index);
      return monthOf(day) === month ? day : null;
    }));
  }
  return weeks;
}

/** The zone's short name at `instant`, for example "MEZ"/"MESZ" in German and "CET"/"CEST" in English. */
export function timeZoneAbbreviation(instant: string, timeZone: string, lang: Lang): string {
  const parts = dateFormatter(lang, 'zoneName', timeZone).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** Whether the browser's clocks show the same time as `timeZone`'s at `now`. */
export function browserUsesTimeZone(timeZone: string, now: Date): boolean {
  // Without a zone, Intl formats in the browser's.
  const wallClock = (zone?: string) => dateFormatter('de', 'parts', zone).format(now);
  return wallClock(timeZone) === wallClock();
}

/** For example "1 Std. 15 Min." / "1 hr 15 mins". */
export function formatDuration(minutes: number, lang: Lang): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(unitFormatter(lang, 'hour').format(hours));
  if (rest > 0 || hours === 0) parts.push(unitFormatter(lang, 'minute').format(rest));
  return parts.join(' ');
}
