/**
 * `npm start` only: the demo town's pages (built into dist-demo/ by `demo/vite.live.config.ts`) and the built widget,
 * served from the same origin as the API, plus a booking to try the manage page with. Never mounted by
 * `npm run server`.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Hono } from 'hono';
import { addDaysToDay, dayOf } from '../../src/format/zoned-day.js';
import type { TownConfig } from './config/town-schema.js';
import { dayBounds, freeSlots } from './domain/availability.js';
import { reminderPolicy } from './domain/outbox-plan.js';
import { confirmationDeadline } from './domain/person-rules.js';
import { createBooking } from './store/bookings.js';
import type { Db } from './store/db.js';
import { createHold, occupiedRanges } from './store/reservations.js';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const DEMO_PAGES = new URL('../../dist-demo/', import.meta.url).pathname;
export const DEMO_EMAIL = 'erika.mustermann@example.org';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function serveFile(root: string, relative: string): Promise<Response | undefined> {
  const path = normalize(join(root, relative));
  if (!path.startsWith(root)) return undefined;
  try {
    const body = await readFile(path);
    return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' } });
  } catch {
    return undefined;
  }
}

export function mountDemo(app: Hono, demoBooking: () => Promise<string | undefined>): void {
  app.get('/termin-buchen.js', async (c) => (await serveFile(DIST, 'termin-buchen.js')) ?? c.notFound());
  app.get('/termin-buchen.js.map', async (c) => (await serveFile(DIST, 'termin-buchen.js.map')) ?? c.notFound());
  // Demo data only: a fictitious citizen's booking code, so the manage page can say how to try it.
  app.get('/demo/try.json', async (c) => c.json({ code: await demoBooking(), email: DEMO_EMAIL }, 200, { 'Cache-Control': 'no-store' }));
  app.get('*', async (c, next) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = await serveFile(DEMO_PAGES, path);
    if (!file) return next();
    return file;
  });
}

/**
 * A live booking of Erika Mustermann's at least two days ahead (so it can still be moved and cancelled),
 * made like any other: a hold, then a booking. Reuses one made earlier.
 */
export async function ensureDemoBooking(db: Db, town: TownConfig, now: Date): Promise<string | undefined> {
  const [existing] = await db.query<{ code: string }>(
    `SELECT code FROM bookings WHERE email_key = $1 AND status IN ('pending', 'confirmed') AND start_at > $2
     ORDER BY start_at LIMIT 1`,
    [DEMO_EMAIL, new Date(now.getTime() + (town.rules.changeDeadlineHours + 1) * 3_600_000)],
  );
  if (existing) return existing.code;
  const location = town.locations.find((candidate) => !candidate.doubleOptIn) ?? town.locations[0];
  const service = town.services.find((candidate) => candidate.id === location.services[0]);
  if (!service) return undefined;
  const earliest = now.getTime() + 48 * 3_600_000;
  for (let day = dayOf(earliest, town.timeZone), tries = 0; tries < town.rules.bookingHorizonDays; tries++, day = addDaysToDay(day, 1, town.timeZone)) {
    const occupied = await occupiedRanges(db, location.id, dayBounds(day, town.timeZone), now);
    const slot = freeSlots(town, location, day, service.durationMinutes, occupied, now.getTime()).find((free) => free.start >= earliest);
    if (!slot) continue;
    const services = [{ id: service.id, quantity: 1 }];
    const hold = await createHold(db, { locationId: location.id, counters: location.counters, services, slot }, now, new Date(now.getTime() + 60_000));
    const made = await db.transaction((tx) => createBooking(tx, {
      holdId: hold.id,
      person: { firstName: 'Erika', lastName: 'Mustermann', email: DEMO_EMAIL },
      locale: 'de',
      maxActivePerEmail: town.rules.maxActiveBookingsPerEmail,
      confirmBy: (held) => confirmationDeadline(town, held, now),
      smsReminder: false,
      reminders: reminderPolicy(town),
    }, now));
    return made.booking.code;
  }
  return undefined;
}
