/** GET /catalog, /days and /slots: what can be booked, and when. */
import { Hono } from 'hono';
import { LocalDate, type DaysResponse, type SlotsResponse } from '../../../src/api/schemas.js';
import { addDaysToDay, formatInstant, type Day } from '../../../src/format/zoned-day.js';
import { bookingWindow, dayBounds, freeDays, freeSlots } from '../domain/availability.js';
import { invalidInput } from '../domain/errors.js';
import { checkSelection, parseServicesParameter } from '../domain/selection.js';
import { toCatalog } from '../domain/wire.js';
import { busyRanges } from '../store/staff-closures.js';
import type { AppDeps } from './deps.js';
import { requestLocale } from './locale.js';

/** A month view asks for at most six weeks; a quarter leaves room without inviting whole-year scans. */
const MAX_RANGE_DAYS = 93;

function dayParameter(value: string | undefined, name: string): Day {
  if (value === undefined || value === '') throw invalidInput(name, 'required');
  if (!LocalDate.safeParse(value).success) throw invalidInput(name, 'invalid');
  return value;
}

export function availabilityRoutes({ town, db, now }: AppDeps): Hono {
  const app = new Hono();
  const { timeZone } = town;

  app.get('/catalog', (c) => c.json(toCatalog(town, requestLocale(c))));

  app.get('/days', async (c) => {
    const selection = checkSelection(town, c.req.query('location') ?? '', parseServicesParameter(c.req.query('services')));
    const from = dayParameter(c.req.query('from'), 'from');
    const to = dayParameter(c.req.query('to'), 'to');
    if (to < from) throw invalidInput('to', 'before_from');
    if (addDaysToDay(from, MAX_RANGE_DAYS, timeZone) < to) throw invalidInput('to', 'range_too_long');
    const moment = now();
    const { first, last } = bookingWindow(town, moment.getTime());
    const scanFrom = from < first ? first : from;
    if (scanFrom > last) return c.json({ days: [], nextAvailable: null } satisfies DaysResponse);
    const occupied = await busyRanges(
      db,
      selection.location,
      { start: dayBounds(scanFrom, timeZone).start, end: dayBounds(last, timeZone).end },
      moment,
    );
    const days = freeDays(town, selection.location, from, to, selection.lengthMinutes, occupied, moment.getTime());
    const after = addDaysToDay(to, 1, timeZone);
    const nextAvailable: Day | null = freeDays(town, selection.location, after < first ? first : after, last,
      selection.lengthMinutes, occupied, moment.getTime(), { firstOnly: true })[0]?.date ?? null;
    return c.json({ days, nextAvailable } satisfies DaysResponse);
  });

  app.get('/slots', async (c) => {
    const selection = checkSelection(town, c.req.query('location') ?? '', parseServicesParameter(c.req.query('services')));
    const date = dayParameter(c.req.query('date'), 'date');
    const moment = now();
    const occupied = await busyRanges(db, selection.location, dayBounds(date, timeZone), moment);
    const slots = freeSlots(town, selection.location, date, selection.lengthMinutes, occupied, moment.getTime());
    return c.json({
      slots: slots.map((slot) => ({ start: formatInstant(slot.start, timeZone), end: formatInstant(slot.end, timeZone) })),
    } satisfies SlotsResponse);
  });

  return app;
}
