/** POST /bookings and POST /bookings/lookup: making a booking from a hold, and finding one again. */
import { Hono } from 'hono';
import { bookingRequestErrors } from '../../../src/api/request-errors.js';
import { BookingRequest, LookupRequest, type BookingResponse, type Locale } from '../../../src/api/schemas.js';
import { DomainError } from '../domain/errors.js';
import { reminderPolicy } from '../domain/outbox-plan.js';
import { confirmationDeadline, personErrors, uniqueByField } from '../domain/person-rules.js';
import { toWireBooking } from '../domain/wire.js';
import { createBooking, lookupBooking, type StoredBooking } from '../store/bookings.js';
import { retryTransient } from '../store/db.js';
import { claimIdempotencyKey, recordIdempotentAnswer } from '../store/idempotency.js';
import { parseBody, readJson, unknownFields } from './body.js';
import type { AppDeps } from './deps.js';
import { requestLocale } from './locale.js';
import { HttpProblem } from './problems.js';
import { rateLimit } from './rate-limit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function wireBooking(deps: AppDeps, booking: StoredBooking, token: string, locale: Locale): BookingResponse {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') throw new DomainError('not_found');
  return { booking: toWireBooking(deps.town, { ...booking, status: booking.status }, token, locale) };
}

export function bookingRoutes(deps: AppDeps): Hono {
  const { town, db, now, rateLimits, clientIdentity } = deps;
  const app = new Hono();

  app.post('/bookings', async (c) => {
    const key = c.req.header('Idempotency-Key');
    if (!key) throw new HttpProblem('invalid_input', [{ field: 'Idempotency-Key', code: 'required' }]);
    if (!UUID.test(key)) throw new HttpProblem('invalid_input', [{ field: 'Idempotency-Key', code: 'invalid' }]);
    const body = await readJson(c);
    const moment = now();
    const errors = [
      ...bookingRequestErrors(body, town.form, town.reminders.sms),
      ...unknownFields(BookingRequest, body).map((field) => ({ field, code: 'unknown' })),
    ];
    const parsed = BookingRequest.safeParse(body);
    if (parsed.success) errors.push(...personErrors(parsed.data, town, moment));
    if (!parsed.success || errors.length > 0) throw new HttpProblem('invalid_input', uniqueByField(errors));
    const request = parsed.data;
    const locale = requestLocale(c);
    // A deadlock victim is rolled back whole (idempotency row included), so running it again is safe.
    const answer = await retryTransient(() => db.transaction(async (tx) => {
      const claim = await claimIdempotencyKey(tx, key, JSON.stringify(body), moment);
      if (claim.kind === 'repeat') return { booking: claim.answer };
      const made = await createBooking(tx, {
        holdId: request.holdId,
        person: { ...request.person, ...(request.notes === undefined ? {} : { notes: request.notes }) },
        locale: request.locale,
        maxActivePerEmail: town.rules.maxActiveBookingsPerEmail,
        confirmBy: (hold) => confirmationDeadline(town, hold, moment),
        smsReminder: request.reminders?.sms === true,
        reminders: reminderPolicy(town),
      }, moment);
      const response = wireBooking(deps, made.booking, made.token, locale);
      await recordIdempotentAnswer(tx, key, made.booking.id, response.booking);
      return response;
    }));
    return c.json(answer, 201);
  });

  app.post('/bookings/lookup', rateLimit('lookups', rateLimits.lookups, clientIdentity), async (c) => {
    const { code, email } = await parseBody(c, LookupRequest);
    const found = await lookupBooking(db, code, email, now());
    return c.json(wireBooking(deps, found.booking, found.token, requestLocale(c)));
  });

  return app;
}
