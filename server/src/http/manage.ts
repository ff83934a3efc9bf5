/**
 * The manage link's operations, each with the booking's token as `Authorization: Bearer`: show, confirm
 * (double opt-in), cancel and reschedule.
 */
import { Hono, type Context } from 'hono';
import { RescheduleRequest } from '../../../src/api/schemas.js';
import { DomainError } from '../domain/errors.js';
import { reminderPolicy } from '../domain/outbox-plan.js';
import { assertLive, authorizedBooking, cancelBooking, confirmBooking, rescheduleBooking } from '../store/bookings.js';
import { parseBody } from './body.js';
import { wireBooking } from './bookings.js';
import type { AppDeps } from './deps.js';
import { requestLocale } from './locale.js';

/** Tokens are base64url; anything else cannot be one of ours. */
function bearerToken(c: Context): string {
  const token = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!token) throw new DomainError('unauthorized');
  return token;
}

export function manageRoutes(deps: AppDeps): Hono {
  const { town, db, now } = deps;
  const deadlineHours = town.rules.changeDeadlineHours;
  const app = new Hono();

  app.get('/bookings/:code', async (c) => {
    const token = bearerToken(c);
    const booking = await authorizedBooking(db, c.req.param('code'), token);
    assertLive(booking);
    return c.json(wireBooking(deps, booking, token, requestLocale(c)));
  });

  app.post('/bookings/:code/confirm', async (c) => {
    const token = bearerToken(c);
    const booking = await confirmBooking(db, c.req.param('code'), token, now(), reminderPolicy(town));
    return c.json(wireBooking(deps, booking, token, requestLocale(c)));
  });

  app.delete('/bookings/:code', async (c) => {
    await cancelBooking(db, c.req.param('code'), bearerToken(c), now(), deadlineHours);
    return c.body(null, 204);
  });

  app.post('/bookings/:code/reschedule', async (c) => {
    const token = bearerToken(c);
    const { holdId } = await parseBody(c, RescheduleRequest);
    const booking = await rescheduleBooking(db, c.req.param('code'), token, holdId, now(), deadlineHours, reminderPolicy(town));
    return c.json(wireBooking(deps, booking, token, requestLocale(c)));
  });

  return app;
}
