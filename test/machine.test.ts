import { expect } from '@open-wc/testing';
import { BackendError, type ErrorReason } from '../src/api/port.js';
import type { Booking, Catalog, Hold, Slot } from '../src/api/schemas.js';
import {
  fittingLocations,
  initialState,
  reduce,
  selectedServices,
  totalMinutes,
  visibleSteps,
  type FlowEvent,
  type FlowState,
} from '../src/flow/machine.js';
import { catalogFixture as catalog } from './support/catalog-fixture.js';

const slot: Slot = { start: '2030-03-04T09:00:00+01:00', end: '2030-03-04T09:35:00+01:00' };
const laterSlot: Slot = { start: '2030-03-04T11:00:00+01:00', end: '2030-03-04T11:35:00+01:00' };
const hold: Hold = { id: 'hold-1', expiresAt: '2030-03-04T08:20:00+01:00', expiresInSeconds: 600 };
const otherHold: Hold = { id: 'hold-2', expiresAt: '2030-03-04T08:25:00+01:00', expiresInSeconds: 600 };

const booking: Booking = {
  code: 'K7Q-4XP',
  token: 'manage-token',
  status: 'confirmed',
  start: slot.start,
  end: slot.end,
  location: catalog.locations[1],
  services: [{ id: 'ausweis', name: 'Personalausweis beantragen', quantity: 2 }],
};

function play(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(reduce, state);
}

const start = (...events: FlowEvent[]) => play(initialState(), ...events);

const loaded = (preselect?: { serviceId?: string | null; locationId?: string | null }, withCatalog: Catalog = catalog) =>
  start({ type: 'catalogLoaded', catalog: withCatalog, preselect });

const quantity = (serviceId: string, value: number): FlowEvent => ({ type: 'quantityChanged', serviceId, quantity: value });
const failure = (reason: ErrorReason, fields: BackendError['fields'] = []) => new BackendError({ reason, code: reason, message: 'test', fields });
const held = (withHold: Hold = hold, withSlot: Slot = slot): FlowEvent => ({ type: 'slotHeld', slot: withSlot, hold: withHold, deadline: 600_000 });

/** A citizen who chose two services that fit two locations and walked the whole way to the review step. */
function atReview(): FlowState {
  return play(
    loaded(),
    quantity('ausweis', 2),
    quantity('melde', 1),
    { type: 'servicesConfirmed' },
    { type: 'locationChosen', locationId: 'mitte' },
    { type: 'dayChosen', date: '2030-03-04' },
    held(),
    { type: 'personChanged', field: 'firstName', value: 'Erika' },
    { type: 'personChanged', field: 'lastName', value: 'Mustermann' },
    { type: 'personChanged', field: 'email', value: 'erika@example.de' },
    { type: 'detailsConfirmed' },
  );
}

describe('flow machine', () => {
  describe('loading the catalog', () => {
    it('starts on the services step with nothing chosen', () => {
      const state = loaded();
      expect(state.step).to.equal('services');
      expect(state.catalog).to.equal(catalog);
      expect(selectedServices(state)).to.deep.equal([]);
      expect(state.locationId).to.equal(null);
    });

    it('starts at the calendar with a preselected service at a preselected location that offers it', () => {
      const state = loaded({ serviceId: 'pass', locationId: 'sued' });
      expect(selectedServices(state)).to.deep.equal([{ id: 'pass', quantity: 1 }]);
      expect(state.locationId).to.equal('sued');
      expect(state.step).to.equal('datetime');
      expect(reduce(state, { type: 'edit', step: 'services' }).step, 'the summary leads back').to.equal('services');
    });

    it('starts at the location step with a service alone, or at the calendar when one location fits', () => {
      expect(loaded({ serviceId: 'melde' }).step).to.equal('location');
      expect(loaded({ serviceId: 'kfz' })).to.include({ step: 'datetime', locationId: 'sued' });
    });

    it('lists only the services of a location given alone, and goes from there to the calendar', () => {
      const state = loaded({ locationId: 'nord' });
      expect(state).to.include({ step: 'services', servicesAt: 'nord', locationId: 'nord' });
      expect(play(state, quantity('melde', 1), { type: 'servicesConfirmed' })).to.include({ step: 'datetime', locationId: 'nord' });
    });

    it('says so instead of switching when the location does not offer the service', () => {
      const state = loaded({ serviceId: 'kfz', locationId: 'nord' });
      expect(state).to.include({ step: 'services', notice: 'notOffered', locationId: null });
      expect(selectedServices(state)).to.deep.equal([{ id: 'kfz', quantity: 1 }]);
      expect(reduce(state, { type: 'servicesConfirmed' }).notice).to.equal(null);
    });

    it('ignores unknown preselected ids', () => {
      const state = loaded({ serviceId: 'angelschein', locationId: 'hafen' });
      expect(selectedServices(state)).to.deep.equal([]);
      expect(state.locationId).to.equal(null);
    });

    it('keeps what the citizen chose when the catalog arrives again', () => {
      const state = play(loaded(), quantity('melde', 2), { type: 'catalogLoaded', catalog, preselect: { serviceId: 'pass' } });
      expect(selectedServices(state)).to.deep.equal([{ id: 'melde', quantity: 2 }]);
    });
  });

  describe('choosing services', () => {
    it('clamps quantities to 0..maxQuantity', () => {
      const tooMany = play(loaded(), quantity('pass', 7));
      expect(selectedServices(tooMany)).to.deep.equal([{ id: 'pass', quantity: 3 }]);
      const negative = play(tooMany, quantity('pass', -2));
      expect(negative.quantities.pass).to.equal(0);
      expect(selectedServices(negative)).to.deep.equal([]);
    });

    it('ignores quantities for services the catalog does not have', () => {
      expect(selectedServices(play(loaded(), quantity('angelschein', 2)))).to.deep.equal([]);
    });

    it('adds up the duration of every chosen service times its quantity', () => {
      const state = play(loaded(), quantity('ausweis', 2), quantity('melde', 1));
      expect(totalMinutes(state)).to.equal(2 * 15 + 5);
      expect(totalMinutes(play(state, quantity('ausweis', 0)))).to.equal(5);
    });

    it('does not move on without a service', () => {
      const untouched = loaded();
      expect(reduce(untouched, { type: 'servicesConfirmed' })).to.deep.equal(untouched);
      const setBackToZero = play(loaded(), quantity('pass', 1), quantity('pass', 0), { type: 'servicesConfirmed' });
      expect(setBackToZero.step).to.equal('services');
    });
  });

  describe('choosing a location', () => {
    it('offers only locations that have every chosen service', () => {
      const ids = (state: FlowState) => fittingLocations(state).map((location) => location.id);
      expect(ids(loaded())).to.deep.equal(['nord', 'mitte', 'sued']);
      expect(ids(play(loaded(), quantity('melde', 1)))).to.deep.equal(['nord', 'mitte']);
      expect(ids(play(loaded(), quantity('ausweis', 1), quantity('melde', 1)))).to.deep.equal(['nord', 'mitte']);
      expect(ids(play(loaded(), quantity('ausweis', 1), quantity('kfz', 1)))).to.deep.equal(['sued']);
      expect(ids(play(loaded(), quantity('melde', 1), quantity('kfz', 1)))).to.deep.equal([]);
    });

    it('asks for the location when more than one fits', () => {
      const state = play(loaded(), quantity('melde', 1), { type: 'servicesConfirmed' });
      expect(state.step).to.equal('location');
      expect(visibleSteps(state)).to.deep.equal(['services', 'location', 'datetime', 'details', 'review']);
      expect(play(state, { type: 'locationChosen', locationId: 'nord' })).to.include({ step: 'datetime', locationId: 'nord' });
    });

    it('skips the location step when only one location fits', () => {
      const state = play(loaded(), quantity('ausweis', 1), quantity('kfz', 1), { type: 'servicesConfirmed' });
      expect(state.step).to.equal('datetime');
      expect(state.locationId).to.equal('sued');
      expect(visibleSteps(state)).to.deep.equal(['services', 'datetime', 'details', 'review']);
    });

    it('never shows the location step of a town with one location', () => {
      const oneLocation: Catalog = { ...catalog, locations: [catalog.locations[0]] };
      const state = loaded(undefined, oneLocation);
      expect(visibleSteps(state)).to.not.include('location');
      expect(play(state, quantity('pass', 1), { type: 'servicesConfirmed' })).to.include({ step: 'datetime', locationId: 'nord' });
    });

    it('keeps a preselected location that fits and drops one that does not', () => {
      const fits = play(loaded({ locationId: 'nord' }), quantity('melde', 1), { type: 'servicesConfirmed' });
      expect(fits.locationId).to.equal('nord');
      const doesNotFit = play(loaded({ locationId: 'sued' }), quantity('melde', 1), { type: 'servicesConfirmed' });
      expect(doesNotFit.locationId).to.equal(null);
      expect(doesNotFit.step).to.equal('location');
    });
  });

  describe('holding a slot', () => {
    const atDatetime = () => play(loaded(), quantity('ausweis', 2), { type: 'servicesConfirmed' }, { type: 'locationChosen', locationId: 'mitte' });

    it('moves on to the details once a slot is held, remembering the selection it was held for', () => {
      const state = play(atDatetime(), { type: 'dayChosen', date: '2030-03-04' }, held());
      expect(state.step).to.equal('details');
      expect(state.date).to.equal('2030-03-04');
      expect(state.held?.hold).to.deep.equal(hold);
      expect(state.held?.slot).to.deep.equal(slot);
      expect(state.held?.services).to.deep.equal([{ id: 'ausweis', quantity: 2 }]);
    });

    it('goes on to the details with the slot already held', () => {
      const backAtDatetime = play(atDatetime(), held(), { type: 'back' });
      expect(backAtDatetime.step).to.equal('datetime');
      const kept = reduce(backAtDatetime, { type: 'heldSlotKept' });
      expect(kept.step).to.equal('details');
      expect(kept.held?.hold).to.deep.equal(hold);
    });

    it('stays on the day and time when there is no held slot to keep', () => {
      expect(reduce(atDatetime(), { type: 'heldSlotKept' }).step).to.equal('datetime');
    });

    it('does not confirm the details without a held slot', () => {
      const released = play(atDatetime(), held(), { type: 'slotReleased' });
      expect(reduce(released, { type: 'detailsConfirmed' }).step).to.equal('details');
    });

    it('takes the new deadline when the hold is extended', () => {
      const extended = play(atDatetime(), held(), { type: 'holdExtended', hold: otherHold, deadline: 1_200_000 });
      expect(extended.held?.deadline).to.equal(1_200_000);
      expect(extended.held?.hold).to.deep.equal(otherHold);
      expect(extended.held?.slot).to.deep.equal(slot);
    });

    it('returns to the day and time with a notice and the person kept when the hold expires', () => {
      const review = play(atReview(), { type: 'bookingStarted', idempotencyKey: 'first-attempt' });
      const state = reduce(review, { type: 'holdExpired' });
      expect(state.step).to.equal('datetime');
      expect(state.notice).to.equal('holdExpired');
      expect(state.held).to.equal(null);
      expect(state.idempotencyKey).to.equal(null);
      expect(state.person).to.deep.equal(review.person);
      expect(state.person.firstName).to.equal('Erika');
      expect(selectedServices(state)).to.deep.equal(selectedServices(review));
      expect(state.locationId).to.equal('mitte');
    });

    it('clears the expiry notice once a new slot is held', () => {
      const expired = play(atReview(), { type: 'holdExpired' });
      expect(reduce(expired, held(otherHold, laterSlot)).notice).to.equal(null);
    });
  });

  describe('going back', () => {
    it('walks back through every step, one at a time, and stops at the first', () => {
      const steps: string[] = [];
      let state = atReview();
      for (let i = 0; i < 5; i += 1) {
        steps.push(state.step);
        state = reduce(state, { type: 'back' });
      }
      expect(steps).to.deep.equal(['review', 'details', 'datetime', 'location', 'services']);
      expect(state.step).to.equal('services');
    });

    it('goes from the day and time straight back to the services when the location step was skipped', () => {
      const state = play(loaded(), quantity('kfz', 1), { type: 'servicesConfirmed' });
      expect(state.step).to.equal('datetime');
      expect(reduce(state, { type: 'back' }).step).to.equal('services');
    });

    it('keeps every answer when going back', () => {
      const review = atReview();
      const state = play(review, { type: 'back' }, { type: 'back' });
      expect(state.person).to.deep.equal(review.person);
      expect(selectedServices(state)).to.deep.equal(selectedServices(review));
      expect(state.locationId).to.equal('mitte');
    });

    it('clears the expiry notice', () => {
      const expired = play(atReview(), { type: 'holdExpired' });
      expect(reduce(expired, { type: 'back' }).notice).to.equal(null);
    });
  });

  describe('changing an answer from the review step', () => {
    it('ignores edit requests from any other step', () => {
      const details = play(atReview(), { type: 'back' });
      expect(reduce(details, { type: 'edit', step: 'services' })).to.deep.equal(details);
    });

    it('returns to the review with the same hold when the services stay the same', () => {
      const review = atReview();
      const editing = reduce(review, { type: 'edit', step: 'services' });
      expect(editing.step).to.equal('services');
      const state = play(editing, quantity('melde', 2), quantity('melde', 1), { type: 'servicesConfirmed' });
      expect(state.step).to.equal('review');
      expect(state.held).to.deep.equal(review.held);
    });

    it('drops the hold and asks for the location again when the quantities change', () => {
      const state = play(atReview(), { type: 'edit', step: 'services' }, quantity('ausweis', 3), { type: 'servicesConfirmed' });
      expect(state.held).to.equal(null);
      expect(state.step).to.equal('location');
      expect(state.locationId).to.equal('mitte');
      const datetime = reduce(state, { type: 'locationChosen', locationId: 'mitte' });
      expect(datetime.step).to.equal('datetime');
      expect(datetime.held).to.equal(null);
    });

    it('drops the hold and goes to the day and time when the new services fit one location only', () => {
      const state = play(atReview(), { type: 'edit', step: 'services' }, quantity('melde', 0), quantity('kfz', 1), { type: 'servicesConfirmed' });
      expect(state.held).to.equal(null);
      expect(state.step).to.equal('datetime');
      expect(state.locationId).to.equal('sued');
      expect(state.person.firstName).to.equal('Erika');
    });

    it('returns to the review with the same hold when the location stays the same', () => {
      const review = atReview();
      const state = play(review, { type: 'edit', step: 'location' }, { type: 'locationChosen', locationId: 'mitte' });
      expect(state.step).to.equal('review');
      expect(state.held).to.deep.equal(review.held);
    });

    it('drops the hold and the day when another location is chosen', () => {
      const state = play(atReview(), { type: 'edit', step: 'location' }, { type: 'locationChosen', locationId: 'nord' });
      expect(state.step).to.equal('datetime');
      expect(state.locationId).to.equal('nord');
      expect(state.held).to.equal(null);
      expect(state.date).to.equal(null);
    });

    it('returns to the review when the held slot is kept or another one is held', () => {
      const editing = reduce(atReview(), { type: 'edit', step: 'datetime' });
      expect(editing.step).to.equal('datetime');
      expect(reduce(editing, { type: 'heldSlotKept' }).step).to.equal('review');
      const rebooked = play(editing, { type: 'slotReleased' }, { type: 'dayChosen', date: '2030-03-05' }, held(otherHold, laterSlot));
      expect(rebooked.step).to.equal('review');
      expect(rebooked.held?.hold).to.deep.equal(otherHold);
      expect(rebooked.date).to.equal('2030-03-05');
    });

    it('returns to the review after the details', () => {
      const state = play(
        atReview(),
        { type: 'edit', step: 'details' },
        { type: 'personChanged', field: 'email', value: 'erika.mustermann@example.de' },
        { type: 'detailsConfirmed' },
      );
      expect(state.step).to.equal('review');
      expect(state.person.email).to.equal('erika.mustermann@example.de');
    });

    it('no longer returns to the review once the citizen goes back instead', () => {
      const state = play(atReview(), { type: 'edit', step: 'datetime' }, { type: 'back' }, { type: 'locationChosen', locationId: 'mitte' }, { type: 'heldSlotKept' });
      expect(state.step).to.equal('details');
    });
  });

  describe('booking', () => {
    it('keeps the first idempotency key across retries', () => {
      const state = play(
        atReview(),
        { type: 'bookingStarted', idempotencyKey: 'first-attempt' },
        { type: 'bookingStarted', idempotencyKey: 'second-attempt' },
        { type: 'bookingStarted', idempotencyKey: 'third-attempt' },
      );
      expect(state.idempotencyKey).to.equal('first-attempt');
    });

    it('uses a new idempotency key for the booking after an expired hold', () => {
      const state = play(
        atReview(),
        { type: 'bookingStarted', idempotencyKey: 'first-attempt' },
        { type: 'holdExpired' },
        held(otherHold, laterSlot),
        { type: 'detailsConfirmed' },
        { type: 'bookingStarted', idempotencyKey: 'after-expiry' },
      );
      expect(state.idempotencyKey).to.equal('after-expiry');
    });

    it('shows the booking on the done step and lets the hold go', () => {
      const state = play(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' }, { type: 'booked', booking });
      expect(state.step).to.equal('done');
      expect(state.booking).to.deep.equal(booking);
      expect(state.held).to.equal(null);
    });

    it('stays on the done step when going back or when a late expiry arrives', () => {
      const done = play(atReview(), { type: 'booked', booking });
      expect(reduce(done, { type: 'back' })).to.deep.equal(done);
      expect(reduce(done, { type: 'holdExpired' })).to.deep.equal(done);
    });

    it('starts over with the catalog and the person kept', () => {
      const done = play(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' }, { type: 'booked', booking });
      const state = reduce(done, { type: 'restart' });
      expect(state.step).to.equal('services');
      expect(state.catalog).to.equal(catalog);
      expect(state.person).to.deep.equal(done.person);
      expect(selectedServices(state)).to.deep.equal([]);
      expect(state.locationId).to.equal(null);
      expect(state.date).to.equal(null);
      expect(state.booking).to.equal(null);
      expect(state.idempotencyKey).to.equal(null);
    });
  });

  describe('requests and their failures', () => {
    it('knows the catalog is on its way, then that it failed with the catalog to ask again, until it arrives', () => {
      const asked = start({ type: 'catalogRequested' });
      expect(asked).to.include({ catalogRequest: 'loading', catalog: null, failure: null });
      const error = failure('network');
      const failed = reduce(asked, { type: 'catalogFailed', error });
      expect(failed.catalogRequest).to.equal('failed');
      expect(failed.failure).to.deep.equal({ error, retry: { request: 'catalog' } });
      const again = play(failed, { type: 'failureCleared' }, { type: 'catalogRequested' });
      expect(again).to.include({ catalogRequest: 'loading', failure: null });
      expect(reduce(again, { type: 'catalogLoaded', catalog })).to.include({ catalogRequest: null, catalog });
    });

    it('keeps the catalog request on its way when the citizen starts over before it arrived', () => {
      expect(start({ type: 'catalogRequested' }, { type: 'restart' }).catalogRequest).to.equal('loading');
    });

    it('is submitting from the start of a booking until it is booked', () => {
      const submitting = reduce(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' });
      expect(submitting.submitting).to.equal(true);
      expect(reduce(submitting, { type: 'booked', booking }).submitting).to.equal(false);
    });

    it('stops submitting when the booking fails, offering the booking again where sending it again may help', () => {
      const submitting = reduce(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' });
      const error = failure('network');
      const lost = reduce(submitting, { type: 'bookingFailed', error });
      expect(lost).to.include({ submitting: false, step: 'review', idempotencyKey: 'key' });
      expect(lost.failure).to.deep.equal({ error, retry: { request: 'booking' } });
      for (const reason of ['hold_expired', 'limit_reached', 'not_found', 'gone', 'too_late', 'not_allowed', 'invalid_input'] as const) {
        const lasting = failure(reason);
        const state = reduce(submitting, { type: 'bookingFailed', error: lasting });
        expect(state.submitting, reason).to.equal(false);
        expect(state.failure, reason).to.deep.equal({ error: lasting, retry: undefined });
      }
    });

    it('takes the citizen back to the details with the fields the backend refused, each until that field changes', () => {
      const submitting = reduce(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' });
      const refused = failure('invalid_input', [{ field: 'person.email', code: 'rejected' }, { field: 'person.lastName', code: 'too_long' }]);
      const state = reduce(submitting, { type: 'bookingFailed', error: refused });
      expect(state).to.include({ step: 'details', reviewing: true, submitting: false });
      expect(state.serverErrors).to.deep.equal({ email: 'rejected', lastName: 'too_long' });
      expect(state.failure).to.deep.equal({ error: refused, retry: undefined });
      const mended = reduce(state, { type: 'personChanged', field: 'email', value: 'erika@example.org' });
      expect(mended.serverErrors.email).to.equal(undefined);
      expect(mended.serverErrors.lastName).to.equal('too_long');
      expect(reduce(mended, { type: 'detailsConfirmed' })).to.include({ step: 'review' });
    });

    it('forgets the refused fields once the citizen leaves the details step, whichever way', () => {
      const refused = play(
        atReview(),
        { type: 'bookingStarted', idempotencyKey: 'key' },
        { type: 'bookingFailed', error: failure('invalid_input', [{ field: 'person.email', code: 'rejected' }]) },
      );
      expect(refused.serverErrors).to.deep.equal({ email: 'rejected' });
      const leaving: FlowEvent[] = [{ type: 'detailsConfirmed' }, { type: 'back' }, { type: 'holdExpired' }];
      for (const event of leaving) {
        const left = reduce(refused, event);
        expect(left.step, event.type).not.to.equal('details');
        expect(left.serverErrors, event.type).to.deep.equal({});
      }
      expect(reduce(refused, { type: 'smsChanged', sms: true }).serverErrors, 'staying on the step').to.deep.equal({ email: 'rejected' });
    });

    it('keeps the refused fields for the details when the refusal arrives after the hold expired', () => {
      const expired = play(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' }, { type: 'holdExpired' });
      const state = reduce(expired, { type: 'bookingFailed', error: failure('invalid_input', [{ field: 'person.email', code: 'rejected' }]) });
      expect(state.step).to.equal('datetime');
      expect(state.serverErrors).to.deep.equal({ email: 'rejected' });
      expect(play(state, held(otherHold, laterSlot)).serverErrors).to.deep.equal({ email: 'rejected' });
    });

    it('shows a failure of the times or a hold next to the times, with what to send again', () => {
      const error = failure('rate_limited');
      const times = reduce(atReview(), { type: 'failed', error, retry: { request: 'slots', date: '2030-03-04' }, where: 'times' });
      expect(times.failure).to.deep.equal({ error, retry: { request: 'slots', date: '2030-03-04' }, nearTimes: true });
      const hold = reduce(atReview(), { type: 'failed', error, retry: { request: 'hold', slot }, where: 'times' });
      expect(hold.failure).to.deep.equal({ error, retry: { request: 'hold', slot }, nearTimes: true });
    });

    it('shows a failure to extend the hold above the step', () => {
      const error = failure('network');
      const state = reduce(atReview(), { type: 'failed', error, retry: { request: 'extend' } });
      expect(state.failure).to.deep.equal({ error, retry: { request: 'extend' }, nearTimes: false });
    });

    it('leaves a failure of the days to the calendar, which says so itself', () => {
      const state = atReview();
      expect(reduce(state, { type: 'failed', error: failure('network'), where: 'days' })).to.equal(state);
    });

    it('shows nothing for a superseded request, whose newer twin answers instead', () => {
      const shown = reduce(atReview(), { type: 'failed', error: failure('network'), retry: { request: 'extend' } });
      expect(reduce(shown, { type: 'failed', error: failure('aborted'), retry: { request: 'slots', date: '2030-03-04' }, where: 'times' }).failure).to.equal(shown.failure);
      const submitting = reduce(atReview(), { type: 'bookingStarted', idempotencyKey: 'key' });
      expect(reduce(submitting, { type: 'bookingFailed', error: failure('aborted') })).to.include({ submitting: false, failure: null });
      expect(start({ type: 'catalogRequested' }, { type: 'catalogFailed', error: failure('aborted') })).to.include({ catalogRequest: 'failed', failure: null });
    });

    it('drops the failure shown once the citizen does something else', () => {
      const state = reduce(atReview(), { type: 'bookingFailed', error: failure('network') });
      expect(state.failure).not.to.equal(null);
      expect(reduce(state, { type: 'failureCleared' })).to.deep.equal({ ...state, failure: null });
    });
  });

  describe('person', () => {
    it('takes a prefill without losing what was typed into other fields', () => {
      const state = play(
        loaded(),
        { type: 'personChanged', field: 'firstName', value: 'Erika' },
        { type: 'personPrefilled', person: { email: 'erika@example.de', city: 'Musterstadt' } },
      );
      expect(state.person).to.include({ firstName: 'Erika', email: 'erika@example.de', city: 'Musterstadt', lastName: '' });
    });
  });
});
