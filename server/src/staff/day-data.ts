/** The day the staff pages show: from `?date=` (default today, in the town's zone) and its bookings. */
import { LocalDate } from '../../../src/api/schemas.js';
import { dayOf, type Day } from '../../../src/format/zoned-day.js';
import type { LocationConfig, TownConfig } from '../config/town-schema.js';
import { dayBounds } from '../domain/availability.js';
import type { Queryable } from '../store/db.js';
import { recordViews } from '../store/staff-audit.js';
import { bookingsBetween, type StaffBooking } from '../store/staff-bookings.js';

export function chosenDay(town: TownConfig, requested: string | undefined, now: Date): Day {
  return requested && LocalDate.safeParse(requested).success ? requested : dayOf(now.getTime(), town.timeZone);
}

/** The day's bookings of a location, recorded in the audit log as seen by `actor` on page `where`. */
export async function bookingsOfDaySeen(
  db: Queryable,
  town: TownConfig,
  location: LocationConfig,
  day: Day,
  actor: string,
  where: string,
  now: Date,
): Promise<StaffBooking[]> {
  const bounds = dayBounds(day, town.timeZone);
  const bookings = await bookingsBetween(db, location.id, new Date(bounds.start), new Date(bounds.end));
  await recordViews(db, actor, bookings.filter((booking) => booking.person !== null), where, now);
  return bookings;
}
