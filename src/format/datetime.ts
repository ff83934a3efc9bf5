/**
 * Date and time helpers. Instants are shown in the office's time zone, whatever the browser's zone is;
 * calendar days travel as `YYYY-MM-DD` strings and are never turned into instants of the browser's zone.
 */
// The mini variant: the full TZDate adds string formatting that Intl does for us here.
import { TZDateMini as TZDate, tzOffset } from '@date-fns/tz';
import {
  addDays,
  addMonths as addMonthsTo,
  eachDayOfInterval,
  eachWeekOfInterval,
  endOfMonth,
  endOfWeek,
  formatISO,
  isSameMonth,
  startOfMonth,
  startOfWeek,
} from 'date-fns';
import type { Lang } from '../i18n/messages.js';

/** A calendar week, Monday first; days of the neighbouring months are `null`. */
export type CalendarWeek = readonly (string | null)[];

const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const WEEK = { weekStartsOn: 1 } as const;
// A calendar day has no zone of its own; UTC has no DST, so day arithmetic in it never skips or repeats a day.
const DAY_ZONE = 'UTC';

const DATE_STYLES = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateLong: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { weekday: 'short', day: 'numeric', month: 'short' },
  monthYear: { month: 'long', year: 'numeric' },
  weekdayLong: { weekday: 'long' },
  weekdayShort: { weekday: 'short' },
  zoneName: { timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const unitFormatters = new Map<string, Intl.NumberFormat>();

// Building an Intl formatter costs far more than using one, and calendars format dozens of days per render.
function dateFormatter(lang: Lang, style: keyof typeof DATE_STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${style}|${timeZone}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_STYLES[style], timeZone });
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

function unitFormatter(lang: Lang, unit: 'hour' | 'minute'): Intl.NumberFormat {
  const key = `${lang}|${unit}`;
  let formatter = unitFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit, unitDisplay: 'short' });
    unitFormatters.set(key, formatter);
  }
  return formatter;
}

function dayFromString(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new TZDate(year, month - 1, day, DAY_ZONE);
}

function dayToString(date: Date): string {
  return formatISO(date, { representation: 'date' });
}

function inZone(instant: string | Date, timeZone: string): Date {
  return new TZDate(new Date(instant).getTime(), timeZone);
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return dayToString(inZone(now, timeZone));
}

/** The date (`YYYY-MM-DD`) on which `instant` falls in `timeZone`. */
export function localDateOf(instant: string, timeZone: string): string {
  return dayToString(inZone(instant, timeZone));
}

/** The hour (0–23) of `instant` on the clocks of `timeZone`. */
export function hourIn(instant: string, timeZone: string): number {
  return inZone(instant, timeZone).getHours();
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
  return dayFromString(date).getDate();
}

export type WeekdayName = { long: string; short: string };
const weekdayNamesByLang = new Map<Lang, readonly WeekdayName[]>();

/** Monday to Sunday, each with its full and its short name, for example "Montag" and "Mo". */
export function weekdayNames(lang: Lang): readonly WeekdayName[] {
  let names = weekdayNamesByLang.get(lang);
  if (!names) {
    const anyDay = dayFromString('2026-01-01');
    names = eachDayOfInterval({ start: startOfWeek(anyDay, WEEK), end: endOfWeek(anyDay, WEEK) }).map((day) => ({
      long: dateFormatter(lang, 'weekdayLong', DAY_ZONE).format(day),
      short: dateFormatter(lang, 'weekdayShort', DAY_ZONE).format(day),
    }));
    weekdayNamesByLang.set(lang, names);
  }
  return names;
}

export function addDaysToDate(date: string, days: number): string {
  return dayToString(addDays(dayFromString(date), days));
}

/** Moves a date by whole months; a day missing in the target month becomes its last day (31 Jan + 1 → 28 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  return dayToString(addMonthsTo(dayFromString(date), months));
}

/** The Monday of the week `date` lies in. */
export function startOfWeekOf(date: string): string {
  return dayToString(startOfWeek(dayFromString(date), WEEK));
}

/** The Sunday of the week `date` lies in. */
export function endOfWeekOf(date: string): string {
  return dayToString(endOfWeek(dayFromString(date), WEEK));
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
  return dayToString(endOfMonth(dayFromString(firstDayOf(month))));
}

/** Moves a `YYYY-MM` month by `months`. */
export function addMonths(month: string, months: number): string {
  return monthOf(addMonthsToDate(firstDayOf(month), months));
}

/** The weeks of a `YYYY-MM` month, Monday first, 4 to 6 of them. */
export function monthGrid(month: string): CalendarWeek[] {
  const first = dayFromString(firstDayOf(month));
  return eachWeekOfInterval({ start: startOfMonth(first), end: endOfMonth(first) }, WEEK).map((monday) =>
    eachDayOfInterval({ start: monday, end: endOfWeek(monday, WEEK) }).map((day) =>
      isSameMonth(day, first) ? dayToString(day) : null,
    ),
  );
}

/** The zone's short name at `instant`, for example "MEZ"/"MESZ" in German and "CET"/"CEST" in English. */
export function timeZoneAbbreviation(instant: string, timeZone: string, lang: Lang): string {
  const parts = dateFormatter(lang, 'zoneName', timeZone).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** Whether the browser's clocks show the same time as `timeZone`'s at `now`. */
export function browserUsesTimeZone(timeZone: string, now: Date): boolean {
  return tzOffset(timeZone, now) === -now.getTimezoneOffset();
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
