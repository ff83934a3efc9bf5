/**
 * POST /holds, POST /holds/{id}/extend, DELETE /holds/{id}: short reservations while the citizen types; and
 * GET /challenge, the proof-of-work a hold needs where the town asks for it (domain/proof-of-work.ts).
 */
import { Hono } from 'hono';
import { HoldRequest, type Hold } from '../../../src/api/schemas.js';
import { dayOf, formatInstant } from '../../../src/format/zoned-day.js';
import { dayBounds, freeSlots } from '../domain/availability.js';
import { DomainError } from '../domain/errors.js';
import { issueChallenge, spendValidProof } from '../domain/proof-of-work.js';
import { checkSelection } from '../domain/selection.js';
import { unspendProof } from '../store/proofs.js';
import { createHold, extendHold, releaseHold, type StoredHold } from '../store/reservations.js';
import { busyRanges } from '../store/staff-closures.js';
import { parseBody } from './body.js';
import type { AppDeps } from './deps.js';
import { rateLimit } from './rate-limit.js';

/** Hold ids are ours and URL-safe; any other shape cannot name a hold (and must not reach SQL as text). */
const HOLD_ID = /^[A-Za-z0-9._~-]{1,100}$/;

export function holdRoutes({ town, db, now, rateLimits, clientIdentity }: AppDeps): Hono {
  const app = new Hono();
  const holdMs = town.rules.holdMinutes * 60_000;

  const toWire = (hold: StoredHold, moment: Date): Hold => ({
    id: hold.id,
    expiresAt: formatInstant(hold.expiresAt.getTime(), town.timeZone),
    expiresInSeconds: Math.max(0, Math.round((hold.expiresAt.getTime() - moment.getTime()) / 1000)),
  });

  // Issuing costs one PBKDF2 derivation: limited like the holds it is for, in a bucket of its own.
  app.get('/challenge', rateLimit('challenges', rateLimits.holds, clientIdentity), async (c) => {
    if (!town.rules.proofOfWork) throw new DomainError('not_found');
    return c.json(await issueChallenge(db));
  });

  app.post('/holds', rateLimit('holds', rateLimits.holds, clientIdentity), async (c) => {
    const request = await parseBody(c, HoldRequest);
    const selection = checkSelection(town, request.locationId, request.services, { location: 'locationId', services: 'services' });
    // Before any work for the hold, so that a bot without proof learns nothing about the slot either.
    const proof = town.rules.proofOfWork ? await spendValidProof(db, request.proof) : undefined;
    try {
      return c.json(await placeHold(request, selection), 201);
    } catch (error) {
      // A proof buys one hold that exists: after a refused one (the time was taken) it can be used again.
      if (proof) await unspendProof(db, proof.nonce);
      throw error;
    }
  });

  async function placeHold(request: HoldRequest, selection: ReturnType<typeof checkSelection>): Promise<Hold> {
    const moment = now();
    const start = Date.parse(request.start);
    const day = dayOf(start, town.timeZone);
    // Only a start the calendar offers can be held: on the grid, open, in the window, not taken, not closed.
    const occupied = await busyRanges(db, selection.location, dayBounds(day, town.timeZone), moment);
    const slot = freeSlots(town, selection.location, day, selection.lengthMinutes, occupied, moment.getTime())
      .find((free) => free.start === start);
    if (!slot) throw new DomainError('slot_unavailable');
    const hold = await createHold(
      db,
      { locationId: selection.location.id, counters: selection.location.counters, services: selection.services, slot },
      moment,
      new Date(moment.getTime() + holdMs),
    );
    return toWire(hold, moment);
  }

  app.post('/holds/:id/extend', async (c) => {
    const id = c.req.param('id');
    if (!HOLD_ID.test(id)) throw new DomainError('not_found');
    const moment = now();
    const hold = await extendHold(db, id, moment, new Date(moment.getTime() + holdMs));
    return c.json(toWire(hold, moment));
  });

  app.delete('/holds/:id', async (c) => {
    const id = c.req.param('id');
    if (HOLD_ID.test(id)) await releaseHold(db, id);
    return c.body(null, 204);
  });

  return app;
}
