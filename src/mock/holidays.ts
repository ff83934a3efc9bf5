/**
 * Days on which every Bürgerbüro in the mock is closed: the German nationwide public holidays plus
 * Christmas Eve and New Year's Eve, which town halls traditionally close. Works for any year.
 */
import { addDaysToDay, type Day } from '../format/zoned-day.js';

/** Easter Sunday in the Gregorian calendar (the "anonymous Gregorian" computus). */
function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

const FIXED_CLOSING_DAYS = ['01-01', '05-01', '10-03', '12-24', '12-25', '12-26', '12-31'];
/** Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag. */
const DAYS_AFTER_EASTER = [-2, 1, 39, 50];

export function isClosingDay(day: Day, timeZone: string): boolean {
  if (FIXED_CLOSING_DAYS.includes(day.slice(5))) return true;
  const easter = easterSunday(Number(day.slice(0, 4)));
  return DAYS_AFTER_EASTER.some((offset) => addDaysToDay(easter, offset, timeZone) === day);
}
