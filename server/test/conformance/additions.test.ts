/**
 * The optional fields contract v1 gained for the widget's wording (docs/api.yaml): the catalog's `contact`,
 * each location's `doubleOptIn`, a booking's `changeableUntil` and a pending booking's `confirmBy`. Run
 * against the mock and the server, like the rest of the conformance suite; each field must agree with
 * the behaviour it announces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BookingResponse } from '../../../src/api/schemas.js';
import { contractTargets } from '../support/contract-targets.js';
import { expectEmpty, expectJson, expectProblem } from './support/client.js';
import { useConformance } from './support/fixtures.js';

for (const factory of contractTargets()) {
  describe(`contract v1 additions on ${factory.name}`, () => {
    const use = useConformance(factory);

    it('names a phone number to call and says for each location whether bookings wait for the e-mail link', async () => {
      const c = use();
      assert.ok(c.catalog.contact?.phone.trim(), 'catalog.contact.phone');
      for (const location of c.catalog.locations) {
        assert.equal(location.doubleOptIn, location.id === c.target.doubleOptInLocationId, `doubleOptIn of ${location.id}`);
      }
    });

    it('a pending booking says by when to confirm; confirming drops the deadline', async () => {
      const c = use();
      const location = c.target.doubleOptInLocationId;
      const { booking } = await c.bookSomething(c.person('confirm-by'), { location, services: c.selectionAt(location) });
      assert.equal(booking.status, 'pending');
      assert.ok(booking.confirmBy, 'confirmBy on a pending booking');
      const deadline = Date.parse(booking.confirmBy);
      assert.ok(deadline > c.clock.now().getTime(), 'the deadline lies ahead');
      assert.ok(deadline <= Date.parse(booking.start), 'and not after the appointment');
      const confirmed = expectJson(await c.api.confirm(booking.code, booking.token), 200, BookingResponse).booking;
      assert.equal(confirmed.confirmBy, undefined, 'no deadline once confirmed');
      const { booking: binding } = await c.bookSomething(c.person('binding'));
      assert.equal(binding.status, 'confirmed');
      assert.equal(binding.confirmBy, undefined, 'no deadline on a binding booking');
    });

    it('changeableUntil is where cancelling stops: before it 204, after it 409 too_late', async () => {
      const c = use();
      const { booking: early } = await c.bookSomething(c.person('changeable-a'));
      const { booking: late } = await c.bookSomething(c.person('changeable-b'));
      assert.ok(early.changeableUntil && late.changeableUntil, 'changeableUntil on every booking');
      assert.ok(Date.parse(early.changeableUntil) <= Date.parse(early.start));
      const shown = expectJson(await c.api.getBooking(late.code, late.token), 200, BookingResponse).booking;
      assert.equal(shown.changeableUntil, late.changeableUntil, 'the same when shown again');
      c.clock.set(Date.parse(early.changeableUntil) - 60_000);
      expectEmpty(await c.api.cancel(early.code, early.token), 204);
      c.clock.set(Date.parse(late.changeableUntil) + 60_000);
      expectProblem(await c.api.cancel(late.code, late.token), 409, 'too_late');
    });
  });
}
