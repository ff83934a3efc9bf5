import type { Catalog } from '../api/schemas.js';
import { clock } from '../clock.js';
import { addDaysToDate, localDateOf } from '../format/datetime.js';

/** Today and the last bookable day, in the office's time zone (Berlin until the catalog says otherwise). */
export function bookableWindow(catalog: Catalog | null): { today: string; lastBookable: string } {
  const today = localDateOf(clock.now(), catalog?.timeZone ?? 'Europe/Berlin');
  return { today, lastBookable: addDaysToDate(today, catalog?.bookingHorizonDays ?? 0) };
}
