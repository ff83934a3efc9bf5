/**
 * The conformance suite of contract v1 (docs/api.yaml, docs/backend.md): one set of behavioural tests
 * that runs against every implementation the widget may talk to, the msw mock the widget's tests rely on
 * and the reference server on each test database (see ../support/contract-targets.ts), so that the two
 * cannot drift apart.
 *
 * Every expectation comes from the contract and the docs, or from the implementation's own catalog
 * (durations, maximum quantities, offers); none is copied from an implementation's output. Tests find
 * their slots through /days and /slots, as the widget does, and use their own days, slots and email
 * addresses, so that they do not depend on each other. The clock is back at BASE_TIME before each test.
 *
 *   node --import tsx --test server/test/conformance/*.test.ts
 *   TEST_DATABASE_URL=postgres://… node --import tsx --test server/test/conformance/*.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { BookingResponse, Hold, type Booking, type ServiceSelection, type Slot } from '../../../src/api/schemas.js';
import { contractTargets } from '../support/contract-targets.js';
import { expectEmpty, expectInvalid, expectJson, expectProblem, servicesParameter } from './support/client.js';
import { ONE_PERSO, useConformance, type Conformance } from './support/fixtures.js';
import {
  addDays,
  daysBetween,
  lastSunday,
  localDay,
  offsetOf,
  rfc3339,
  statedWallClock,
  zonedDateTime,
  zonedParts,
  type Day,
} from './support/time.js';

const CODE_OR_TOKEN = /^[A-Za-z0-9_-]+$/;
/** 128 random bits in base64url need 22 characters. */
const MIN_TOKEN_LENGTH = 22;
const HOUR = 3_600_000;

/** Asserts what docs/backend.md says of every instant: RFC 3339 with the offset valid in the zone at that instant. */
function assertZonedInstant(value: string, timeZone: string, what: string): void {
  const instant = Date.parse(value);
  assert.ok(Number.isFinite(instant), `${what}: ${value} is no instant`);
  const expected = zonedParts(instant, timeZone);
  assert.equal(offsetOf(value), expected.offset, `${what}: ${value} should carry the offset of ${timeZone} at that instant`);
  const stated = statedWallClock(value);
  assert.equal(stated.date, expected.date, `${what}: ${value} states another local day`);
  assert.equal(stated.time, expected.time.slice(0, 5), `${what}: ${value} states another local time`);
}

function assertSlotShape(slots: readonly Slot[], day: Day, lengthMinutes: number, timeZone: string): void {
  let previous = -Infinity;
  for (const slot of slots) {
    assertZonedInstant(slot.start, timeZone, 'slot start');
    assertZonedInstant(slot.end, timeZone, 'slot end');
    const start = Date.parse(slot.start);
    assert.ok(start > previous, `slots must be sorted by start, without repeats: ${slot.start}`);
    previous = start;
    assert.equal(localDay(start, timeZone), day, `${slot.start} does not start on ${day} in ${timeZone}`);
    assert.equal(Date.parse(slot.end) - start, lengthMinutes * 60_000, `${slot.start}–${slot.end} should last ${lengthMinutes} min`);
  }
}

/** The booking must be for exactly this slot, place and selection, named as in the catalog. */
function assertBookingFor(c: Conformance, booking: Booking, slot: Slot, location: string, services: readonly ServiceSelection[]): void {
  assert.equal(Date.parse(booking.start), Date.parse(slot.start), 'booking.start is the held start');
  assert.equal(Date.parse(booking.end), Date.parse(slot.end), 'booking.end is the held end');
  assertZonedInstant(booking.start, c.timeZone, 'booking.start');
  assertZonedInstant(booking.end, c.timeZone, 'booking.end');
  assert.equal(booking.location.id, location);
  const listed = c.catalog.locations.find((candidate) => candidate.id === location);
  assert.deepEqual({ name: booking.location.name, address: booking.location.address }, { name: listed?.name, address: listed?.address }, 'the location as the catalog shows it');
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual(
    booking.services.map(({ id, quantity }) => ({ id, quantity })).sort(byId),
    services.map(({ id, quantity }) => ({ id, quantity })).sort(byId),
  );
  for (const service of booking.services) assert.equal(service.name, c.service(service.id).name, `name of ${service.id}`);
  assert.match(booking.code, CODE_OR_TOKEN, 'code: only A–Z a–z 0–9 - _');
  assert.match(booking.token, CODE_OR_TOKEN, 'token: only A–Z a–z 0–9 - _');
  assert.ok(booking.token.length >= MIN_TOKEN_LENGTH, `token of ${booking.token.length} characters cannot carry 128 random bits`);
}

/** A well-formed token that belongs to no booking. */
function strangerToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The same address with its case changed: `a.b@example.org` → `A.b@EXAMPLE.org`-like variants. */
function caseVariant(email: string, variant: number): string {
  const [local, domain] = email.split('@');
  switch (variant % 3) {
    case 0:
      return email;
    case 1:
      return email.toUpperCase();
    default:
      return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`;
  }
}

for (const factory of contractTargets()) {
  describe(`contract v1 on ${factory.name}`, () => {
    const use = useConformance(factory);

    describe('GET /catalog', () => {
      it('parses as a Catalog whose offers name its own services and locations', async () => {
        const c = use();
        const catalog = await c.api.catalog('de');
        const serviceIds = catalog.services.map((service) => service.id);
        const locationIds = catalog.locations.map((location) => location.id);
        assert.ok(serviceIds.length > 0 && locationIds.length > 0, 'a catalog to book from');
        assert.equal(new Set(serviceIds).size, serviceIds.length, 'service ids are unique');
        assert.equal(new Set(locationIds).size, locationIds.length, 'location ids are unique');
        assert.ok(catalog.offers.length > 0, 'some offers');
        for (const offer of catalog.offers) {
          assert.ok(serviceIds.includes(offer.serviceId), `offer names unknown service ${offer.serviceId}`);
          assert.ok(locationIds.includes(offer.locationId), `offer names unknown location ${offer.locationId}`);
        }
        assert.ok(locationIds.includes(c.target.doubleOptInLocationId), 'the double opt-in location is in the catalog');
        assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: catalog.timeZone }), 'timeZone is an IANA zone');
      });

      it('answers Accept-Language: en with English service names, German ones for de', async () => {
        const c = use();
        const german = await c.api.catalog('de');
        const english = await c.api.catalog('en');
        assert.deepEqual(english.services.map((service) => service.id), german.services.map((service) => service.id));
        assert.deepEqual(english.locations.map((location) => location.id), german.locations.map((location) => location.id));
        assert.deepEqual(english.offers, german.offers);
        assert.equal(english.timeZone, german.timeZone);
        for (const [index, service] of english.services.entries()) {
          assert.notEqual(service.name, german.services[index].name, `${service.id} has the same name in English and German`);
        }
      });
    });

    describe('GET /days', () => {
      it('lists only days within from..to and the booking window, ascending, each with free > 0', async () => {
        const c = use();
        const today = c.today();
        const last = c.lastBookableDay();
        const location = c.firstLocation;

        const early = await c.api.days(location, ONE_PERSO, addDays(today, -3), addDays(today, 40));
        assert.ok(early.days.length > 0, 'six weeks of an office with something free');
        let previous = '';
        for (const { date, free } of early.days) {
          assert.ok(date >= today, `${date} lies before today (${today})`);
          assert.ok(date <= addDays(today, 40), `${date} lies after to`);
          assert.ok(date > previous, `days must ascend without repeats: ${date} after ${previous}`);
          assert.ok(free > 0, `${date} is listed with free = ${free}`);
          previous = date;
        }

        const late = await c.api.days(location, ONE_PERSO, addDays(last, -20), addDays(last, 20));
        assert.ok(late.days.length > 0, 'the last three weeks of the window have free days');
        for (const { date } of late.days) assert.ok(date <= last, `${date} lies beyond the horizon (${last})`);
        assert.equal(late.nextAvailable, null, 'nothing after `to` lies within the horizon');

        const beyond = await c.api.days(location, ONE_PERSO, addDays(last, 1), addDays(last, 30));
        assert.deepEqual(beyond, { days: [], nextAvailable: null });

        const past = await c.api.days(location, ONE_PERSO, addDays(today, -10), addDays(today, -1));
        assert.deepEqual(past.days, [], 'no days in the past');
        assert.equal(past.nextAvailable, early.days[0].date, 'the first bookable day after a past range');
      });

      it('reports as free the number of slots /slots lists that day', async () => {
        const c = use();
        const today = c.today();
        const optIn = c.target.doubleOptInLocationId;
        const [first, second] = c.offeredServices(optIn);
        assert.ok(first && second, 'two services at the double opt-in location');
        const cases: [string, ServiceSelection[], Day, Day][] = [
          [c.firstLocation, ONE_PERSO, today, addDays(today, 9)],
          [optIn, [{ id: first.id, quantity: 2 }, { id: second.id, quantity: 1 }], addDays(today, 10), addDays(today, 19)],
        ];
        for (const [location, services, from, to] of cases) {
          const { days } = await c.api.days(location, services, from, to);
          assert.ok(days.length > 0, `${location} has free days from ${from} to ${to}`);
          for (let day = from; day <= to; day = addDays(day, 1)) {
            const slots = await c.api.slots(location, services, day);
            const listed = days.find((entry) => entry.date === day);
            assert.equal(slots.length, listed?.free ?? 0, `${location} ${servicesParameter(services)} on ${day}: free vs. /slots`);
          }
        }
      });

      it('gives as nextAvailable the first day after `to` that really has slots', async () => {
        const c = use();
        const location = c.firstLocation;
        const from = addDays(c.today(), 2);
        const to = addDays(from, 6);
        const { nextAvailable } = await c.api.days(location, ONE_PERSO, from, to);
        assert.ok(nextAvailable !== null, 'something is free in the rest of the window');
        assert.ok(nextAvailable > to, `nextAvailable ${nextAvailable} must lie after to (${to})`);
        assert.ok(nextAvailable <= c.lastBookableDay(), 'nextAvailable lies within the horizon');
        assert.ok((await c.api.slots(location, ONE_PERSO, nextAvailable)).length > 0, `${nextAvailable} has slots`);
        if (nextAvailable > addDays(to, 1)) {
          const between = await c.api.days(location, ONE_PERSO, addDays(to, 1), addDays(nextAvailable, -1));
          assert.deepEqual(between.days, [], 'no free day lies between `to` and nextAvailable');
        }
      });

      describe('answers 422 invalid_input as problem+json for', () => {
        type Query = { location?: string; services?: string; from?: string; to?: string };
        const cases: [string, (c: Conformance) => Query][] = [
          ['a missing location', (c) => ({ services: 'personalausweis:1', from: c.today(), to: addDays(c.today(), 7) })],
          ['an unknown location', (c) => ({ location: 'atlantis', services: 'personalausweis:1', from: c.today(), to: addDays(c.today(), 7) })],
          ['a missing services parameter', (c) => ({ location: c.firstLocation, from: c.today(), to: addDays(c.today(), 7) })],
          ['a missing from', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', to: addDays(c.today(), 7) })],
          ['a malformed date', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', from: `${c.today().slice(0, 8)}1`, to: addDays(c.today(), 7) })],
          ['a date written otherwise', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', from: '16.11.2026', to: addDays(c.today(), 7) })],
          ['an impossible date (2027-02-30)', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', from: c.today(), to: '2027-02-30' })],
          ['to before from', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', from: addDays(c.today(), 7), to: c.today() })],
          ['services without a quantity', (c) => ({ location: c.firstLocation, services: 'personalausweis', from: c.today(), to: addDays(c.today(), 7) })],
          ['services with a word for a quantity', (c) => ({ location: c.firstLocation, services: 'personalausweis:zwei', from: c.today(), to: addDays(c.today(), 7) })],
          ['a quantity of 0', (c) => ({ location: c.firstLocation, services: 'personalausweis:0', from: c.today(), to: addDays(c.today(), 7) })],
          ['a quantity above maxQuantity', (c) => ({
            location: c.firstLocation,
            services: `personalausweis:${c.service('personalausweis').maxQuantity + 1}`,
            from: c.today(),
            to: addDays(c.today(), 7),
          })],
          ['an unknown service', (c) => ({ location: c.firstLocation, services: 'zauberstab:1', from: c.today(), to: addDays(c.today(), 7) })],
          ['a service the location does not offer', (c) => {
            const { serviceId, locationId } = c.notOffered();
            return { location: locationId, services: `${serviceId}:1`, from: c.today(), to: addDays(c.today(), 7) };
          }],
        ];
        for (const [name, query] of cases) {
          it(name, async () => {
            const c = use();
            const { location, services, from, to } = query(c);
            expectInvalid(await c.api.daysAnswer(location, services, from, to));
          });
        }
      });
    });

    describe('GET /slots', () => {
      it('lists free slots in order, on the requested local day, as long as the selection, with the zone offset', async () => {
        const c = use();
        const optIn = c.target.doubleOptInLocationId;
        const [first, second] = c.offeredServices(c.firstLocation);
        const [atOptIn] = c.offeredServices(optIn);
        const selections: [string, ServiceSelection[]][] = [
          [c.firstLocation, ONE_PERSO],
          [c.firstLocation, [{ id: first.id, quantity: 2 }, { id: second.id, quantity: 1 }]],
          [optIn, [{ id: atOptIn.id, quantity: atOptIn.maxQuantity }]],
        ];
        for (const [location, services] of selections) {
          const found = await c.findSlots({ location, services });
          assert.ok(found.all.length > 0);
          assertSlotShape(found.all, found.day, c.lengthMinutes(services), c.timeZone);
        }
      });

      it('offers a longer selection only where a shorter one fits too', async () => {
        const c = use();
        const longer = [{ id: 'personalausweis', quantity: 2 }];
        assert.ok(c.lengthMinutes(longer) > c.lengthMinutes(ONE_PERSO));
        const { day, all } = await c.findSlots({ services: longer });
        const shorter = new Set((await c.api.slots(c.firstLocation, ONE_PERSO, day)).map((slot) => Date.parse(slot.start)));
        for (const slot of all) assert.ok(shorter.has(Date.parse(slot.start)), `${slot.start} is free for ${c.lengthMinutes(longer)} min but not for less`);
        const today = await c.api.slots(c.firstLocation, ONE_PERSO, c.today());
        for (const slot of today) assert.ok(Date.parse(slot.start) >= c.clock.now().getTime(), `${slot.start} lies in the past`);
      });

      it('writes winter instants in Europe/Berlin with +01:00', async () => {
        const c = use();
        assert.equal(c.timeZone, 'Europe/Berlin', 'the demo town lies in Germany');
        const { all } = await c.findSlots();
        for (const slot of all) {
          assert.equal(offsetOf(slot.start), '+01:00', slot.start);
          assert.equal(offsetOf(slot.end), '+01:00', slot.end);
        }
      });

      it('lists nothing for a day in the past, beyond the horizon or closed', async () => {
        const c = use();
        const location = c.firstLocation;
        assert.deepEqual(await c.api.slots(location, ONE_PERSO, addDays(c.today(), -1)), []);
        assert.deepEqual(await c.api.slots(location, ONE_PERSO, addDays(c.lastBookableDay(), 1)), []);
        const from = addDays(c.today(), 1);
        const { days } = await c.api.days(location, ONE_PERSO, from, addDays(from, 13));
        let closed: Day | undefined;
        for (let day = from; !closed; day = addDays(day, 1)) if (!days.some((entry) => entry.date === day)) closed = day;
        assert.deepEqual(await c.api.slots(location, ONE_PERSO, closed), [], `${closed} is not listed by /days`);
      });

      describe('answers 422 invalid_input as problem+json for', () => {
        type Query = { location?: string; services?: string; date?: string };
        const cases: [string, (c: Conformance) => Query][] = [
          ['a missing date', (c) => ({ location: c.firstLocation, services: 'personalausweis:1' })],
          ['an impossible date (2027-02-30)', (c) => ({ location: c.firstLocation, services: 'personalausweis:1', date: '2027-02-30' })],
          ['an unknown location', () => ({ location: 'atlantis', services: 'personalausweis:1', date: '2026-11-20' })],
          ['a malformed services parameter', (c) => ({ location: c.firstLocation, services: 'personalausweis;1', date: '2026-11-20' })],
          ['a quantity above maxQuantity', (c) => ({
            location: c.firstLocation,
            services: `personalausweis:${c.service('personalausweis').maxQuantity + 1}`,
            date: '2026-11-20',
          })],
        ];
        for (const [name, query] of cases) {
          it(name, async () => {
            const c = use();
            const { location, services, date } = query(c);
            expectInvalid(await c.api.slotsAnswer(location, services, date));
          });
        }
      });

      /**
       * Around a DST switch: the open days before it and after it (from the last one before to the first one
       * after) offer the same wall-clock times, each with the offset of its own season (docs/backend.md,
       * "Time zone"). Two weeks on each side, because an office may have little left on any one day (the
       * mock has pre-booked slots), which would hide its opening time.
       */
      async function checkSwitch(c: Conformance, clock: string, switchDay: Day, before: string, after: string, shiftHours: number) {
        c.clock.set(clock);
        const location = c.firstLocation;
        const { days } = await c.api.days(location, ONE_PERSO, addDays(switchDay, -14), addDays(switchDay, 14));
        const openBefore = days.filter((entry) => entry.date < switchDay).map((entry) => entry.date);
        const openAfter = days.filter((entry) => entry.date > switchDay).map((entry) => entry.date);
        assert.ok(openBefore.length >= 5 && openAfter.length >= 5, `open days around ${switchDay}: ${JSON.stringify(days)}`);

        /** Local start time → the start as sent, per day, nearest day to the switch first. */
        const startsByTime = async (dayList: Day[], offset: string) => {
          const byTime = new Map<string, string>();
          for (const day of dayList) {
            const slots = await c.api.slots(location, ONE_PERSO, day);
            assert.ok(slots.length > 0, `${day} is listed by /days`);
            assertSlotShape(slots, day, c.lengthMinutes(ONE_PERSO), c.timeZone);
            for (const slot of slots) {
              assert.equal(offsetOf(slot.start), offset, `${slot.start} (${day}, switch on ${switchDay})`);
              assert.equal(offsetOf(slot.end), offset, `${slot.end} (${day}, switch on ${switchDay})`);
              const time = statedWallClock(slot.start).time;
              if (!byTime.has(time)) byTime.set(time, slot.start);
            }
          }
          return byTime;
        };
        const beforeTimes = await startsByTime([...openBefore].reverse(), before);
        const afterTimes = await startsByTime(openAfter, after);

        const earliest = (byTime: Map<string, string>) => [...byTime.keys()].sort()[0];
        assert.equal(earliest(afterTimes), earliest(beforeTimes), `the earliest local start before and after ${switchDay}`);

        // The same wall-clock time before and after is a whole number of days apart, give or take the hour.
        const shared = [...beforeTimes.keys()].filter((time) => afterTimes.has(time));
        assert.ok(shared.length > 0, `the days around ${switchDay} share no local start time`);
        for (const time of shared) {
          const from = beforeTimes.get(time) as string;
          const to = afterTimes.get(time) as string;
          const days = daysBetween(statedWallClock(from).date, statedWallClock(to).date);
          assert.equal(Date.parse(to) - Date.parse(from), days * 24 * HOUR + shiftHours * HOUR, `${from} → ${to}`);
        }
      }

      it('keeps local opening times across the switch to summer time (March 2027): +01:00 before, +02:00 after', async () => {
        const c = use();
        assert.equal(c.timeZone, 'Europe/Berlin');
        await checkSwitch(c, '2027-03-10T09:00:00+01:00', lastSunday(2027, 3), '+01:00', '+02:00', -1);
      });

      it('keeps local opening times across the switch to winter time (October 2027): +02:00 before, +01:00 after', async () => {
        const c = use();
        assert.equal(c.timeZone, 'Europe/Berlin');
        await checkSwitch(c, '2027-10-13T09:00:00+02:00', lastSunday(2027, 10), '+02:00', '+01:00', 1);
      });
    });

    describe('holds', () => {
      it('answers POST /holds with 201 and a Hold that lives rules.holdSeconds; the slot leaves /slots and /days', async () => {
        const c = use();
        const slot = await c.findSlot();
        const startsBefore = await c.freeStarts(slot.day);
        const freeBefore = await c.freeCount(slot.day);
        assert.equal(freeBefore, startsBefore.length);

        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        assert.equal(hold.expiresInSeconds, c.target.rules.holdSeconds);
        assertZonedInstant(hold.expiresAt, c.timeZone, 'expiresAt');
        assert.equal(Date.parse(hold.expiresAt) - c.clock.now().getTime(), c.target.rules.holdSeconds * 1000, 'expiresAt = now + lifetime');

        const startsAfter = await c.freeStarts(slot.day);
        assert.ok(!startsAfter.includes(slot.start), 'the held slot is gone from /slots');
        assert.ok(startsAfter.every((start) => startsBefore.includes(start)), 'a hold frees nothing');
        const freeAfter = await c.freeCount(slot.day);
        assert.ok(freeAfter < freeBefore, `free should drop from ${freeBefore}, is ${freeAfter}`);
        assert.equal(freeAfter, startsAfter.length, 'free matches /slots after the hold');

        // Every selection that would overlap the held time is gone too (one counter per location here).
        const longer = [{ id: 'personalausweis', quantity: 3 }];
        for (const other of await c.api.slots(c.firstLocation, longer, slot.day)) {
          const overlaps = Date.parse(other.start) < Date.parse(slot.end) && Date.parse(slot.start) < Date.parse(other.end);
          assert.ok(!overlaps, `${other.start}–${other.end} overlaps the held ${slot.start}–${slot.end}`);
        }
      });

      it('accepts the start of a slot written with another offset (the same instant)', async () => {
        const c = use();
        const slot = await c.findSlot();
        const utc = new Date(Date.parse(slot.start)).toISOString().replace('.000Z', 'Z');
        assert.notEqual(utc, slot.start);
        await c.api.holdOk(c.firstLocation, ONE_PERSO, utc);
        assert.ok(!(await c.freeStarts(slot.day)).includes(slot.start), 'the slot is held');
      });

      it('refuses a second hold on a held slot with 409 slot_unavailable', async () => {
        const c = use();
        const slot = await c.findSlot();
        await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        expectProblem(await c.api.hold(c.firstLocation, ONE_PERSO, slot.start), 409, 'slot_unavailable');
      });

      it('gives one of 20 concurrent holds on a free slot the slot and 409 slot_unavailable to the other 19', async () => {
        const c = use();
        const slot = await c.findSlot();
        const answers = await Promise.all(Array.from({ length: 20 }, () => c.api.hold(c.firstLocation, ONE_PERSO, slot.start)));
        const won = answers.filter((answer) => answer.status === 201);
        assert.equal(won.length, 1, `statuses: ${answers.map((answer) => answer.status).join(' ')}`);
        expectJson(won[0], 201, Hold);
        for (const answer of answers.filter((candidate) => candidate.status !== 201)) expectProblem(answer, 409, 'slot_unavailable');
        assert.ok(!(await c.freeStarts(slot.day)).includes(slot.start));
      });

      it('gives one of 20 concurrent holds on overlapping slots of different lengths the time, and 409 to the rest', async () => {
        const c = use();
        const longer = [{ id: 'personalausweis', quantity: 2 }];
        const step = c.lengthMinutes(ONE_PERSO) * 60_000;
        let pair: { long: Slot; short: string } | undefined;
        let from = addDays(c.today(), 2);
        while (!pair) {
          const found = await c.findSlots({ services: longer, from });
          const short = new Map((await c.api.slots(c.firstLocation, ONE_PERSO, found.day)).map((slot) => [Date.parse(slot.start), slot.start]));
          const long = found.all.find((slot) => short.has(Date.parse(slot.start) + step));
          if (long) pair = { long, short: short.get(Date.parse(long.start) + step) as string };
          from = addDays(found.day, 1);
        }
        const { long, short } = pair;
        const answers = await Promise.all(Array.from({ length: 20 }, (_, index) =>
          index % 2 === 0 ? c.api.hold(c.firstLocation, longer, long.start) : c.api.hold(c.firstLocation, ONE_PERSO, short)));
        assert.equal(answers.filter((answer) => answer.status === 201).length, 1, `statuses: ${answers.map((answer) => answer.status).join(' ')}`);
        for (const answer of answers.filter((candidate) => candidate.status !== 201)) expectProblem(answer, 409, 'slot_unavailable');
      });

      it('releases with DELETE: 204 and the slot is free again; releasing again or an unknown hold is 204 too', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        expectEmpty(await c.api.release(hold.id), 204);
        assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'the released slot is back in /slots');
        expectEmpty(await c.api.release(hold.id), 204);
        expectEmpty(await c.api.release(`h${randomBytes(12).toString('hex')}`), 204);
        await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
      });

      it('extends a live hold: 200, the lifetime restarts from now, and the slot stays taken past the first expiry', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        c.clock.advance(120_000);
        const extended = expectJson(await c.api.extend(hold.id), 200, Hold);
        assert.equal(extended.id, hold.id);
        assert.ok(Date.parse(extended.expiresAt) > Date.parse(hold.expiresAt), 'a later expiry');
        assert.equal(Date.parse(extended.expiresAt) - c.clock.now().getTime(), c.target.rules.holdSeconds * 1000);
        assert.equal(extended.expiresInSeconds, c.target.rules.holdSeconds);
        assertZonedInstant(extended.expiresAt, c.timeZone, 'expiresAt');
        c.clock.set(Date.parse(hold.expiresAt) + 60_000);
        assert.ok(!(await c.freeStarts(slot.day)).includes(slot.start), 'still held after the first expiry');
      });

      it('lets a hold expire: extend → 409 hold_expired, the slot is free again, booking with it → 409 hold_expired', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        c.clock.advance(c.target.rules.holdSeconds * 1000 + 1000);
        // Right after the advance: the server's housekeeping (every minute, on this clock) deletes expired
        // holds, after which it can only answer 404 for this one.
        expectProblem(await c.api.extend(hold.id), 409, 'hold_expired');
        assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'an expired hold blocks nothing');
        expectProblem(await c.api.book(c.bookingBody(hold, c.person('expired'))), 409, 'hold_expired');
        // Someone else may take the time now; releasing the old hold does not free theirs.
        await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        expectProblem(await c.api.book(c.bookingBody(hold, c.person('expired-late'))), 409, 'hold_expired');
        expectEmpty(await c.api.release(hold.id), 204);
        assert.ok(!(await c.freeStarts(slot.day)).includes(slot.start), 'the new hold still holds');
      });

      it('answers 404 not_found when extending a hold that never existed', async () => {
        const c = use();
        expectProblem(await c.api.extend(`h${randomBytes(12).toString('hex')}`), 404, 'not_found');
      });

      it('refuses a start that is not a slot with 409 slot_unavailable', async () => {
        const c = use();
        const location = c.firstLocation;
        const slot = await c.findSlot();
        const { days } = await c.api.days(location, ONE_PERSO, slot.day, addDays(slot.day, 13));
        let closed = slot.day;
        while (days.some((entry) => entry.date === closed)) closed = addDays(closed, 1);
        const notSlots = [
          rfc3339(Date.parse(slot.start) + 60_000, c.timeZone),
          zonedDateTime(slot.day, '07:59', c.timeZone),
          zonedDateTime(slot.day, '23:45', c.timeZone),
          zonedDateTime(closed, '10:00', c.timeZone),
          zonedDateTime(addDays(c.today(), -7), '10:00', c.timeZone),
          rfc3339(c.clock.now().getTime() - 60 * 60_000, c.timeZone),
          zonedDateTime(addDays(c.lastBookableDay(), 7), '10:00', c.timeZone),
        ];
        for (const start of notSlots) {
          expectProblem(await c.api.hold(location, ONE_PERSO, start), 409, 'slot_unavailable');
        }
        assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'nothing was taken');
      });

      describe('answers 422 invalid_input as problem+json for a hold request with', () => {
        const cases: [string, (c: Conformance, start: string) => unknown][] = [
          ['an empty object', () => ({})],
          ['JSON null', () => null],
          ['no start', (c) => ({ locationId: c.firstLocation, services: ONE_PERSO })],
          ['a start that is no date-time', (c) => ({ locationId: c.firstLocation, services: ONE_PERSO, start: 'morgen früh' })],
          ['an impossible start date', (c) => ({ locationId: c.firstLocation, services: ONE_PERSO, start: '2027-02-30T10:00:00+01:00' })],
          ['a start without offset', (c, start) => ({ locationId: c.firstLocation, services: ONE_PERSO, start: start.slice(0, 19) })],
          ['no services', (c, start) => ({ locationId: c.firstLocation, services: [], start })],
          ['services that are no list', (c, start) => ({ locationId: c.firstLocation, services: 'personalausweis:1', start })],
          ['a quantity of 0', (c, start) => ({ locationId: c.firstLocation, services: [{ id: 'personalausweis', quantity: 0 }], start })],
          ['a fractional quantity', (c, start) => ({ locationId: c.firstLocation, services: [{ id: 'personalausweis', quantity: 1.5 }], start })],
          ['a quantity above maxQuantity', (c, start) => ({
            locationId: c.firstLocation,
            services: [{ id: 'personalausweis', quantity: c.service('personalausweis').maxQuantity + 1 }],
            start,
          })],
          ['an unknown location', (_c, start) => ({ locationId: 'atlantis', services: ONE_PERSO, start })],
          ['an unknown service', (c, start) => ({ locationId: c.firstLocation, services: [{ id: 'zauberstab', quantity: 1 }], start })],
          ['a service the location does not offer', (c, start) => {
            const { serviceId, locationId } = c.notOffered();
            return { locationId, services: [{ id: serviceId, quantity: 1 }], start };
          }],
        ];
        let start: string | undefined;
        for (const [name, body] of cases) {
          it(name, async () => {
            const c = use();
            start ??= (await c.findSlot()).start;
            expectInvalid(await c.api.post('/holds', body(c, start)));
          });
        }
      });
    });

    describe('POST /bookings', () => {
      it('needs an Idempotency-Key: without one, 422 invalid_input', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        expectInvalid(await c.api.book(c.bookingBody(hold, c.person('nokey')), null));
      });

      it('refuses a blank first name and a malformed email with 422 naming person.firstName and person.email', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const person = c.person('invalid');
        expectInvalid(await c.api.book(c.bookingBody(hold, { ...person, firstName: '   ' })), 'person.firstName', 'required');
        expectInvalid(await c.api.book(c.bookingBody(hold, { ...person, email: 'keine-adresse' })), 'person.email', 'invalid');
        const both = expectInvalid(await c.api.book(c.bookingBody(hold, { ...person, firstName: '', email: 'a@b' })));
        const fields = (both.errors ?? []).map((error) => error.field);
        assert.ok(fields.includes('person.firstName') && fields.includes('person.email'), `both fields named: ${JSON.stringify(both.errors)}`);
      });

      it('refuses a field the form hides (form.address: hidden) with 422 not_allowed, and the hold stays usable', async () => {
        const c = use();
        assert.equal(c.catalog.form.address, 'hidden', 'the demo town hides the address');
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const person = c.person('hidden');
        expectInvalid(await c.api.book(c.bookingBody(hold, { ...person, street: 'Marktplatz 2' })), 'person.street', 'not_allowed');
        const booking = await c.api.bookOk(c.bookingBody(hold, person));
        assertBookingFor(c, booking, slot, c.firstLocation, ONE_PERSO);
      });

      it('answers 201 with a confirmed booking of the held slot, with a code and token as docs/backend.md wants', async () => {
        const c = use();
        const location = c.firstLocation;
        assert.notEqual(location, c.target.doubleOptInLocationId);
        const [first, second] = c.offeredServices(location);
        const services = [{ id: first.id, quantity: 2 }, { id: second.id, quantity: 1 }];
        const slot = await c.findSlot({ location, services });
        const hold = await c.api.holdOk(location, services, slot.start);
        const booking = await c.api.bookOk(c.bookingBody(hold, c.person('ok'), { notes: 'Bitte am Eingang klingeln.' }));
        assert.equal(booking.status, 'confirmed');
        assertBookingFor(c, booking, slot, location, services);
        assert.ok(!(await c.freeStarts(slot.day, location, services)).includes(slot.start), 'the booked slot stays taken');

        // The hold is spent: it books nothing more, and releasing it does not free the booking's time.
        expectProblem(await c.api.book(c.bookingBody(hold, c.person('ok-again'))), 409, 'hold_expired');
        expectEmpty(await c.api.release(hold.id), 204);
        assert.ok(!(await c.freeStarts(slot.day, location, services)).includes(slot.start), 'releasing a spent hold frees nothing');
      });

      it('makes bookings at the double opt-in location pending', async () => {
        const c = use();
        const location = c.target.doubleOptInLocationId;
        const services = c.selectionAt(location);
        const slot = await c.findSlot({ location, services });
        const hold = await c.api.holdOk(location, services, slot.start);
        const booking = await c.api.bookOk(c.bookingBody(hold, c.person('pending')));
        assert.equal(booking.status, 'pending');
        assertBookingFor(c, booking, slot, location, services);
        assert.ok(!(await c.freeStarts(slot.day, location, services)).includes(slot.start), 'a pending booking keeps its slot');
      });

      it('repeats the first answer for the same key and body, and creates nothing', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const person = c.person('repeat');
        const body = c.bookingBody(hold, person);
        const key = randomUUID();
        const first = await c.api.bookOk(body, key);
        const startsAfterFirst = await c.freeStarts(slot.day);
        const again = await c.api.bookOk(body, key);
        assert.equal(again.code, first.code);
        assert.equal(again.token, first.token);
        assert.equal(again.start, first.start);
        assert.deepEqual(await c.freeStarts(slot.day), startsAfterFirst, 'the repeat took no further slot');
        const found = expectJson(await c.api.lookup(first.code, person.email), 200, BookingResponse).booking;
        assert.equal(found.code, first.code);
        assert.equal(Date.parse(found.start), Date.parse(slot.start));
      });

      it('repeats the stored 201 answer for the same key and body even after the booking was cancelled (24 hours)', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const body = c.bookingBody(hold, c.person('repeat-cancelled'));
        const key = randomUUID();
        const first = await c.api.bookOk(body, key);
        expectEmpty(await c.api.cancel(first.code, first.token), 204);
        c.clock.advance(HOUR);
        const again = await c.api.bookOk(body, key);
        assert.equal(again.code, first.code);
        assert.equal(again.token, first.token);
        assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'the repeat booked nothing again');
      });

      it('refuses the same key with another body with 422 invalid_input', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const person = c.person('reuse');
        const key = randomUUID();
        await c.api.bookOk(c.bookingBody(hold, person), key);
        expectInvalid(await c.api.book(c.bookingBody(hold, { ...person, firstName: `${person.firstName}x` }), key));
        expectInvalid(await c.api.book(c.bookingBody(hold, person, { locale: 'en' }), key));
      });

      it('answers 20 concurrent requests with one key and body all with 201 and one booking', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const person = c.person('concurrent');
        const body = c.bookingBody(hold, person);
        const key = randomUUID();
        const answers = await Promise.all(Array.from({ length: 20 }, () => c.api.book(body, key)));
        const bookings = answers.map((answer) => expectJson(answer, 201, BookingResponse).booking);
        assert.equal(new Set(bookings.map((booking) => booking.code)).size, 1, 'one code');
        assert.equal(new Set(bookings.map((booking) => booking.token)).size, 1, 'one token');
        const found = expectJson(await c.api.lookup(bookings[0].code, person.email), 200, BookingResponse).booking;
        assert.equal(Date.parse(found.start), Date.parse(slot.start));
      });

      it('books a hold once: of 20 concurrent requests with different keys, one gets 201 and 19 get 409 hold_expired', async () => {
        const c = use();
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const answers = await Promise.all(Array.from({ length: 20 }, () => c.api.book(c.bookingBody(hold, c.person('race')), randomUUID())));
        const won = answers.filter((answer) => answer.status === 201);
        assert.equal(won.length, 1, `statuses: ${answers.map((answer) => answer.status).join(' ')}`);
        for (const answer of answers.filter((candidate) => candidate.status !== 201)) expectProblem(answer, 409, 'hold_expired');
        assertBookingFor(c, expectJson(won[0], 201, BookingResponse).booking, slot, c.firstLocation, ONE_PERSO);
      });

      it('refuses more than rules.maxActiveBookingsPerEmail active bookings per address, whatever its case, with 429 limit_reached', async () => {
        const c = use();
        const limit = c.target.rules.maxActiveBookingsPerEmail;
        const person = c.person('limit');
        const made: Booking[] = [];
        for (let index = 0; index < limit; index++) {
          made.push((await c.bookSomething({ ...person, email: caseVariant(person.email, index) })).booking);
        }
        const slot = await c.findSlot();
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start);
        const over = { ...person, email: caseVariant(person.email, limit) };
        expectProblem(await c.api.book(c.bookingBody(hold, over)), 429, 'limit_reached');
        // A cancelled booking is no longer active, and the refusal did not spend the hold.
        expectEmpty(await c.api.cancel(made[0].code, made[0].token), 204);
        const booking = await c.api.bookOk(c.bookingBody(hold, over));
        assertBookingFor(c, booking, slot, c.firstLocation, ONE_PERSO);
      });

      it('keeps the limit when the last allowed bookings race: one of 5 concurrent requests wins, 4 get 429 limit_reached', async () => {
        const c = use();
        const limit = c.target.rules.maxActiveBookingsPerEmail;
        const person = c.person('limit-race');
        for (let index = 0; index < limit - 1; index++) await c.bookSomething({ ...person, email: caseVariant(person.email, index) });
        const { picked } = await c.findSlots({ count: 5 });
        const holds = [];
        for (const slot of picked) holds.push(await c.api.holdOk(c.firstLocation, ONE_PERSO, slot.start));
        const answers = await Promise.all(holds.map((hold, index) => c.api.book(c.bookingBody(hold, { ...person, email: caseVariant(person.email, index) }))));
        assert.equal(answers.filter((answer) => answer.status === 201).length, 1, `statuses: ${answers.map((answer) => answer.status).join(' ')}`);
        for (const answer of answers.filter((candidate) => candidate.status !== 201)) expectProblem(answer, 429, 'limit_reached');
      });
    });

    describe('managing a booking', () => {
      it('shows a booking to its token: GET → 200 with the booking; confirming a confirmed booking is 200 too', async () => {
        const c = use();
        const { booking, slot } = await c.bookSomething(c.person('show'));
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(shown.code, booking.code);
        assert.equal(shown.status, booking.status);
        assertBookingFor(c, shown, slot, c.firstLocation, ONE_PERSO);
        // Confirming a booking that needs no confirmation is not an error either.
        const confirmed = expectJson(await c.api.confirm(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(confirmed.status, 'confirmed');
      });

      it('names services in the language asked for', async () => {
        const c = use();
        const english = await c.api.catalog('en');
        const { booking } = await c.bookSomething(c.person('english'));
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token, { 'Accept-Language': 'en' }), 200, BookingResponse).booking;
        for (const service of shown.services) {
          assert.equal(service.name, english.services.find((candidate) => candidate.id === service.id)?.name, `English name of ${service.id}`);
        }
      });

      it('answers 401 unauthorized without a token, with a wrong or another booking\'s token, and for an unknown code', async () => {
        const c = use();
        const { booking } = await c.bookSomething(c.person('auth'));
        const { booking: other } = await c.bookSomething(c.person('auth-other'));
        expectProblem(await c.api.getBooking(booking.code, null), 401, 'unauthorized');
        expectProblem(await c.api.getBooking(booking.code, strangerToken()), 401, 'unauthorized');
        expectProblem(await c.api.getBooking(booking.code, other.token), 401, 'unauthorized');
        expectProblem(await c.api.getBooking('QQQQQQQQQQ', booking.token), 401, 'unauthorized');
        expectProblem(await c.api.get(`/bookings/${booking.code}`, undefined, { Authorization: booking.token }), 401, 'unauthorized');
        expectProblem(await c.api.cancel(booking.code, strangerToken()), 401, 'unauthorized');
        expectProblem(await c.api.confirm(booking.code, null), 401, 'unauthorized');
        expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse);
      });

      it('finds a booking by its code in lower case without the dash and its email in another case, with a token that works', async () => {
        const c = use();
        const person = c.person('lookup');
        const { booking, slot } = await c.bookSomething(person);
        const typed = booking.code.toLowerCase().replace(/-/g, '');
        const found = expectJson(await c.api.lookup(typed, person.email.toUpperCase()), 200, BookingResponse).booking;
        assert.equal(found.code, booking.code);
        assertBookingFor(c, found, slot, c.firstLocation, ONE_PERSO);
        const shown = expectJson(await c.api.getBooking(found.code, found.token), 200, BookingResponse).booking;
        assert.equal(shown.code, booking.code);
      });

      it('answers lookup with a wrong email or an unknown code with 404 not_found', async () => {
        const c = use();
        const person = c.person('lookup-miss');
        const { booking } = await c.bookSomething(person);
        expectProblem(await c.api.lookup(booking.code, c.person('someone-else').email), 404, 'not_found');
        expectProblem(await c.api.lookup('QQQ-QQQ-QQQ', person.email), 404, 'not_found');
      });

      it('confirms a pending booking at the double opt-in location; confirming again is 200 too', async () => {
        const c = use();
        const location = c.target.doubleOptInLocationId;
        const { booking } = await c.bookSomething(c.person('confirm'), { location, services: c.selectionAt(location) });
        assert.equal(booking.status, 'pending');
        const confirmed = expectJson(await c.api.confirm(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(confirmed.status, 'confirmed');
        assert.equal(confirmed.code, booking.code);
        const again = expectJson(await c.api.confirm(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(again.status, 'confirmed');
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(shown.status, 'confirmed');
      });

      it('cancels: 204, again 204; then GET, lookup, confirm and reschedule → 404 not_found, and the slot is free again', async () => {
        const c = use();
        const person = c.person('cancel');
        const { booking, slot } = await c.bookSomething(person);
        assert.ok(!(await c.freeStarts(slot.day)).includes(slot.start));
        expectEmpty(await c.api.cancel(booking.code, booking.token), 204);
        expectEmpty(await c.api.cancel(booking.code, booking.token), 204);
        expectProblem(await c.api.getBooking(booking.code, booking.token), 404, 'not_found');
        expectProblem(await c.api.lookup(booking.code, person.email), 404, 'not_found');
        expectProblem(await c.api.confirm(booking.code, booking.token), 404, 'not_found');
        assert.ok((await c.freeStarts(slot.day)).includes(slot.start), 'the cancelled slot is back in /slots');
        const elsewhere = await c.findSlot({ skip: [slot.day] });
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, elsewhere.start);
        expectProblem(await c.api.reschedule(booking.code, booking.token, hold.id), 404, 'not_found');
      });

      it('refuses cancel and reschedule less than changeDeadlineHours before the start with 409 too_late', async () => {
        const c = use();
        const { booking, slot } = await c.bookSomething(c.person('late'));
        const deadline = c.target.rules.changeDeadlineHours * HOUR;
        c.clock.set(Date.parse(slot.start) - deadline + HOUR);
        expectProblem(await c.api.cancel(booking.code, booking.token), 409, 'too_late');
        const later = await c.findSlot({ from: addDays(slot.day, 1) });
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, later.start);
        expectProblem(await c.api.reschedule(booking.code, booking.token, hold.id), 409, 'too_late');
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(Date.parse(shown.start), Date.parse(slot.start), 'the booking stayed where it was');
        // An hour before the deadline, the same booking can still be cancelled.
        c.clock.set(Date.parse(slot.start) - deadline - HOUR);
        expectEmpty(await c.api.cancel(booking.code, booking.token), 204);
      });

      it('reschedules onto a held slot: 200, same code and token, the old slot free, the new one taken, the hold spent', async () => {
        const c = use();
        const { booking, slot: old } = await c.bookSomething(c.person('move'));
        const target = await c.findSlot({ skip: [old.day] });
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, target.start);
        const moved = expectJson(await c.api.reschedule(booking.code, booking.token, hold.id), 200, BookingResponse).booking;
        assert.equal(moved.code, booking.code, 'the code stays');
        assert.equal(moved.token, booking.token, 'the token stays');
        assert.equal(moved.status, booking.status);
        assertBookingFor(c, moved, target, c.firstLocation, ONE_PERSO);
        assert.ok((await c.freeStarts(old.day)).includes(old.start), 'the old slot is free again');
        assert.ok(!(await c.freeStarts(target.day)).includes(target.start), 'the new slot is taken');
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(Date.parse(shown.start), Date.parse(target.start));
        expectProblem(await c.api.reschedule(booking.code, booking.token, hold.id), 409, 'hold_expired');
        expectProblem(await c.api.book(c.bookingBody(hold, c.person('move-again'))), 409, 'hold_expired');
      });

      it('answers reschedule with a hold that ran out with 409 hold_expired and leaves the booking where it was', async () => {
        const c = use();
        const { booking, slot } = await c.bookSomething(c.person('move-expired'));
        const target = await c.findSlot({ skip: [slot.day] });
        const hold = await c.api.holdOk(c.firstLocation, ONE_PERSO, target.start);
        c.clock.advance(c.target.rules.holdSeconds * 1000 + 1000);
        expectProblem(await c.api.reschedule(booking.code, booking.token, hold.id), 409, 'hold_expired');
        const shown = expectJson(await c.api.getBooking(booking.code, booking.token), 200, BookingResponse).booking;
        assert.equal(Date.parse(shown.start), Date.parse(slot.start));
      });
    });

    describe('errors', () => {
      it('answers an unknown route with 404 problem+json', async () => {
        const c = use();
        expectProblem(await c.api.get('/unbekannt'), 404, 'not_found');
        expectProblem(await c.api.post('/bookings/ABC-DEF/unbekannt', {}), 404, 'not_found');
      });
    });

    // Last, so that it sees the log of every request above (the mock writes none).
    describe('personal data', () => {
      it('reaches no log line: no name, email, phone, notes, code or token this suite sent or received', () => {
        const c = use();
        const log = JSON.stringify(c.target.logLines).toLowerCase();
        for (const secret of c.api.secrets) {
          for (const form of new Set([secret, secret.replace(/-/g, '')])) {
            assert.ok(!log.includes(form.toLowerCase()), `the log contains ${form}`);
          }
        }
      });
    });
  });
}
