/**
 * The manage link's operations, each with the booking's token as `Authorization: Bearer`: show, confirm
 * (double opt-in), cancel (optionally erasing the personal data at once) and reschedule, and the citizen's
 * data rights: read what is held (`GET …/data`) and correct it (`PATCH`).
 */
import { Hono, type Context } from 'hono';
import { updateRequestErrors } from '../../../src/api/request-errors.js';
import { RescheduleRequest, UpdateBookingRequest, type PersonalData } from '../../../src/api/schemas.js';
import { formatInstant } from '../../../src/format/zoned-day.js';
import { DomainError } from '../domain/errors.js';
import { personErrors, uniqueByField } from '../domain/person-rules.js';
import { erasureDue } from '../domain/retention.js';
import { reminderPolicy } from '../domain/outbox-plan.js';
import { assertLive, authorizedBooking, cancelBooking, confirmBooking, rescheduleBooking } from '../store/bookings.js';
import { parseBody, readJson, unknownFields } from './body.js';
import { heldData, updatePerson } from '../store/personal-data.js';
import { HttpProblem } from './problems.js';
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

  // `?erase=true` is a flag, not data: nothing personal ever goes into a URL.
  app.delete('/bookings/:code', async (c) => {
    const erase = c.req.query('erase');
    if (erase !== undefined && erase !== 'true' && erase !== 'false') throw new HttpProblem('invalid_input', [{ field: 'erase', code: 'invalid' }]);
    await cancelBooking(db, c.req.param('code'), bearerToken(c), now(), deadlineHours, erase === 'true');
    return c.body(null, 204);
  });

  app.get('/bookings/:code/data', async (c) => {
    const held = await heldData(db, c.req.param('code'), bearerToken(c));
    const { notes, ...person } = held.person;
    const data: PersonalData = {
      person,
      ...(notes === undefined ? {} : { notes }),
      ...(town.reminders.sms ? { reminders: { sms: held.booking.smsReminder } } : {}),
      locale: held.booking.locale,
      createdAt: formatInstant(held.createdAt.getTime(), town.timeZone),
      erasesAt: formatInstant(erasureDue({ ...held.booking, cancelledAt: held.cancelledAt }, town.retention).getTime(), town.timeZone),
    };
    return c.json(data);
  });

  // Validated as the booking form validates it (src/api/request-errors.ts and src/flow/person.ts).
  app.patch('/bookings/:code', async (c) => {
    const token = bearerToken(c);
    const code = c.req.param('code');
    const body = await readJson(c);
    const current = await heldData(db, code, token);
    const errors = [
      ...updateRequestErrors(body, town.form, current.booking.smsReminder),
      ...unknownFields(UpdateBookingRequest, body).map((field) => ({ field, code: 'unknown' })),
    ];
    const parsed = UpdateBookingRequest.safeParse(body);
    if (parsed.success) errors.push(...personErrors({ person: parsed.data.person, notes: current.person.notes }, town, now()));
    if (!parsed.success || errors.length > 0) throw new HttpProblem('invalid_input', uniqueByField(errors));
    const booking = await updatePerson(db, code, token, parsed.data.person, now());
    return c.json(wireBooking(deps, booking, token, requestLocale(c)));
  });

  app.post('/bookings/:code/reschedule', async (c) => {
    const token = bearerToken(c);
    const { holdId } = await parseBody(c, RescheduleRequest);
    const booking = await rescheduleBooking(db, c.req.param('code'), token, holdId, now(), deadlineHours, reminderPolicy(town));
    return c.json(wireBooking(deps, booking, token, requestLocale(c)));
  });

  return app;
}
