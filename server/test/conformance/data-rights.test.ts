/**
 * The citizen's data rights through the manage link (contract v1 additions, docs/api.yaml), on the mock and
 * the server alike: `GET /bookings/{code}/data` shows every personal datum and when it goes, `PATCH` corrects
 * the details by the booking form's rules, and `DELETE ?erase=true` cancels and erases at once, after which
 * every manage operation answers 410 `gone`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BookingResponse, PersonalData } from '../../../src/api/schemas.js';
import { contractTargets } from '../support/contract-targets.js';
import { expectEmpty, expectInvalid, expectJson, expectProblem } from './support/client.js';
import { useConformance } from './support/fixtures.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

for (const factory of contractTargets()) {
  describe(`data rights on ${factory.name}`, () => {
    const use = useConformance(factory);

    it('GET …/data holds exactly what was entered, and the booking and the data say the same erasure date', async () => {
      const c = use();
      const person = { ...c.person('data'), phone: '0171 2345678' };
      const slot = await c.findSlot();
      const hold = await c.api.holdOk(c.firstLocation, [{ id: 'personalausweis', quantity: 1 }], slot.start);
      const booking = await c.api.bookOk({ ...c.bookingBody(hold, person, { notes: 'Bitte Rampe' }) });
      const data = expectJson(await c.api.get(`/bookings/${booking.code}/data`, undefined, bearer(booking.token)), 200, PersonalData);
      assert.deepEqual(data.person, person);
      assert.equal(data.notes, 'Bitte Rampe');
      assert.equal(data.locale, 'de');
      assert.ok(booking.erasesAt, 'the booking says when its data goes');
      assert.equal(data.erasesAt, booking.erasesAt);
      assert.ok(Date.parse(data.erasesAt) >= Date.parse(booking.end) + 29 * 86_400_000, 'about 30 days after the appointment');
      expectProblem(await c.api.get(`/bookings/${booking.code}/data`, undefined, bearer('A'.repeat(43))), 401, 'unauthorized');
    });

    it('PATCH replaces the details by the form rules and answers with the booking', async () => {
      const c = use();
      const { booking } = await c.bookSomething(c.person('patch'));
      const changed = { ...c.person('patch-new'), phone: '030 123456' };
      const answer = await c.api.request('PATCH', `/bookings/${booking.code}`, { headers: bearer(booking.token), body: { person: changed } });
      const same = expectJson(answer, 200, BookingResponse).booking;
      assert.deepEqual([same.code, same.start, same.status], [booking.code, booking.start, booking.status]);
      const data = expectJson(await c.api.get(`/bookings/${booking.code}/data`, undefined, bearer(booking.token)), 200, PersonalData);
      assert.deepEqual(data.person, changed);

      const patch = (body: unknown) => c.api.request('PATCH', `/bookings/${booking.code}`, { headers: bearer(booking.token), body });
      expectInvalid(await patch({ person: { ...changed, email: 'kein-at-zeichen' } }), 'person.email', 'invalid');
      expectInvalid(await patch({ person: { ...changed, lastName: '' } }), 'person.lastName', 'required');
      // The demo town does not ask for the address: a hidden field is refused as in the booking form.
      expectInvalid(await patch({ person: { ...changed, street: 'Marktplatz 1' } }), 'person.street', 'not_allowed');
      const after = expectJson(await c.api.get(`/bookings/${booking.code}/data`, undefined, bearer(booking.token)), 200, PersonalData);
      assert.deepEqual(after.person, changed, 'a refused change changes nothing');
    });

    it('cancel with erase=true: 204, then the link answers 410 gone everywhere, and the time is free again', async () => {
      const c = use();
      const { booking, slot } = await c.bookSomething(c.person('erase'));
      expectProblem(await c.api.request('DELETE', `/bookings/${booking.code}`, { headers: bearer(booking.token), query: { erase: 'yes' } }), 422, 'invalid_input');
      expectEmpty(await c.api.request('DELETE', `/bookings/${booking.code}`, { headers: bearer(booking.token), query: { erase: 'true' } }), 204);
      expectProblem(await c.api.getBooking(booking.code, booking.token), 410, 'gone');
      expectProblem(await c.api.get(`/bookings/${booking.code}/data`, undefined, bearer(booking.token)), 410, 'gone');
      expectProblem(await c.api.request('PATCH', `/bookings/${booking.code}`, { headers: bearer(booking.token), body: { person: c.person('x') } }), 410, 'gone');
      expectProblem(await c.api.cancel(booking.code, booking.token), 410, 'gone');
      expectProblem(await c.api.lookup(booking.code, 'conf@example.org'), 404, 'not_found');
      assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'the slot is free again');
    });

    it('a plain cancel answers as before (404 not_found); the data goes by the retention rule', async () => {
      const c = use();
      const { booking } = await c.bookSomething(c.person('plain-cancel'));
      expectEmpty(await c.api.cancel(booking.code, booking.token), 204);
      expectProblem(await c.api.getBooking(booking.code, booking.token), 404, 'not_found');
    });
  });
}
