import { expect } from '@open-wc/testing';
import type * as z from 'zod/mini';
import {
  BookingResponse,
  Catalog,
  DaysResponse,
  Hold,
  Problem,
  SlotsResponse,
  type Booking,
  type BookingRequest,
  type Slot,
} from '../src/api/schemas.js';
import { createMockBackend, ENDPOINTS, type Endpoint, type MockOptions, type MockState } from '../src/mock/index.js';
import { gridSlots } from '../src/mock/schedule.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The mock's clock in every test; tests move it forward to let holds run out. */
let now: Date;
let backend: MockState;

async function startBackend(at: string, options: MockOptions = {}): Promise<MockState> {
  now = new Date(at);
  backend = await useMockBackend({ now: () => now, ...options });
  return backend;
}

interface ApiResponse {
  status: number;
  contentType: string;
  headers: Headers;
  body: unknown;
}

async function api(path: string, init: RequestInit = {}): Promise<ApiResponse> {
  const response = await fetch(`/api${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('Content-Type') ?? '',
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return api(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
}

function valid<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) expect.fail(JSON.stringify(result.error.issues));
  return result.data;
}

function expectProblem(response: ApiResponse, status: number, code: string): z.infer<typeof Problem> {
  expect(response.status).to.equal(status);
  expect(response.contentType).to.contain('application/problem+json');
  const problem = valid(Problem, response.body);
  expect(problem.code).to.equal(code);
  expect(problem.status).to.equal(status);
  return problem;
}

function selection(services: Record<string, number>): string {
  return Object.entries(services).map(([id, quantity]) => `${id}:${quantity}`).join(',');
}

async function getDays(location: string, services: Record<string, number>, from: string, to: string) {
  const response = await api(`/days?location=${location}&services=${selection(services)}&from=${from}&to=${to}`);
  expect(response.status).to.equal(200);
  return valid(DaysResponse, response.body);
}

async function getSlots(location: string, services: Record<string, number>, date: string): Promise<Slot[]> {
  const response = await api(`/slots?location=${location}&services=${selection(services)}&date=${date}`);
  expect(response.status).to.equal(200);
  return valid(SlotsResponse, response.body).slots;
}

/** The free slots of the first day with any, searching up to two weeks from `from`. */
async function firstFreeDay(location: string, services: Record<string, number>, from: string) {
  const to = new Date(Date.parse(`${from}T12:00:00Z`) + 14 * 24 * HOUR).toISOString().slice(0, 10);
  const { days } = await getDays(location, services, from, to);
  expect(days, 'no free day within two weeks').to.not.be.empty;
  return { date: days[0].date, slots: await getSlots(location, services, days[0].date) };
}

async function hold(locationId: string, services: Record<string, number>, start: string): Promise<ApiResponse> {
  const body = { locationId, services: Object.entries(services).map(([id, quantity]) => ({ id, quantity })), start };
  return post('/holds', body);
}

async function holdFirstFree(locationId: string, services: Record<string, number>, from: string) {
  const { slots } = await firstFreeDay(locationId, services, from);
  const response = await hold(locationId, services, slots[0].start);
  expect(response.status).to.equal(201);
  return { slot: slots[0], hold: valid(Hold, response.body) };
}

let idempotencyKeys = 0;

function bookingRequest(holdId: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    holdId,
    person: { firstName: 'Max', lastName: 'Mustermann', email: 'max.mustermann@example.org' },
    locale: 'de',
    ...overrides,
  };
}

function book(body: unknown, key = `key-${++idempotencyKeys}`): Promise<ApiResponse> {
  return post('/bookings', body, { 'Idempotency-Key': key });
}

async function bookFirstFree(locationId: string, from: string, overrides: Partial<BookingRequest> = {}): Promise<Booking> {
  const { hold: held } = await holdFirstFree(locationId, { personalausweis: 1 }, from);
  const response = await book(bookingRequest(held.id, overrides));
  expect(response.status).to.equal(201);
  return valid(BookingResponse, response.body).booking;
}

function bearer(booking: Booking): Record<string, string> {
  return { Authorization: `Bearer ${booking.token}` };
}

/** Wall-clock `HH:mm` as the backend wrote it, e.g. `08:30` from `2026-12-03T08:30:00+01:00`. */
function wallClock(dateTime: string): string {
  return dateTime.slice(11, 16);
}

/** The UTC offset Berlin really has at that instant, from the browser's own time-zone data. */
function berlinOffset(dateTime: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(new Date(dateTime))
    .find((part) => part.type === 'timeZoneName')?.value;
  return (name ?? '').replace('GMT', '');
}

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

// Monday, 30 November 2026, before the office opens; the 90-day horizon includes Christmas.
const MONDAY_MORNING = '2026-11-30T07:00:00+01:00';

describe('mock backend', () => {
  after(stopMockBackend);

  describe('catalog', () => {
    it('serves a valid catalog of services, locations and offers', async () => {
      await startBackend(MONDAY_MORNING);
      const response = await api('/catalog');
      expect(response.status).to.equal(200);
      const catalog = valid(Catalog, response.body);
      expect(catalog.timeZone).to.equal('Europe/Berlin');
      expect(catalog.services.length).to.be.within(5, 6);
      expect(catalog.locations.length).to.be.within(2, 3);
      expect(catalog.services.every((service) => service.description)).to.equal(true);
      expect(catalog.locations.some((location) => location.hint)).to.equal(true);
      const serviceIds = new Set(catalog.services.map((service) => service.id));
      const locationIds = new Set(catalog.locations.map((location) => location.id));
      expect(catalog.offers.every((offer) => serviceIds.has(offer.serviceId) && locationIds.has(offer.locationId))).to.equal(true);
      expect(catalog.offers.length).to.be.below(serviceIds.size * locationIds.size);
    });

    it('names services and gives hints in English when asked for English, with the same ids and offers', async () => {
      await startBackend(MONDAY_MORNING);
      const german = valid(Catalog, (await api('/catalog', { headers: { 'Accept-Language': 'de' } })).body);
      const english = valid(Catalog, (await api('/catalog', { headers: { 'Accept-Language': 'en' } })).body);
      expect(english.services.map((service) => service.id)).to.deep.equal(german.services.map((service) => service.id));
      expect(english.offers).to.deep.equal(german.offers);
      english.services.forEach((service, index) => {
        expect(service.name, service.id).to.not.equal(german.services[index].name);
        expect(service.description, service.id).to.not.equal(german.services[index].description);
      });
      const hinted = german.locations.findIndex((location) => location.hint);
      expect(english.locations[hinted].hint).to.not.equal(german.locations[hinted].hint);
      // Office names are what the citizen reads on the door.
      expect(english.locations.map((location) => location.name)).to.deep.equal(german.locations.map((location) => location.name));

      const booking = await bookFirstFree('rathaus', '2026-12-01');
      const found = await post('/bookings/lookup', { code: booking.code, email: 'max.mustermann@example.org' }, { 'Accept-Language': 'en' });
      const { booking: inEnglish } = valid(BookingResponse, found.body);
      const service = english.services.find((candidate) => candidate.id === inEnglish.services[0].id)!;
      expect(inEnglish.services[0].name).to.equal(service.name);
      expect(inEnglish.services[0].name).to.not.equal(booking.services[0].name);
      expect({ ...inEnglish, services: booking.services, location: booking.location }).to.deep.equal(booking);
    });

    it('lets a test reshape the catalog', async () => {
      const name = '<img src=x onerror=alert(1)>';
      await startBackend(MONDAY_MORNING, {
        catalog: (catalog) => ({ ...catalog, locations: [{ ...catalog.locations[0], name }] }),
      });
      const catalog = valid(Catalog, (await api('/catalog')).body);
      expect(catalog.locations.map((location) => location.name)).to.deep.equal([name]);
    });
  });

  describe('days and slots', () => {
    it('lists exactly the days that have free slots, with their number of slots', async () => {
      await startBackend(MONDAY_MORNING);
      const services = { reisepass: 1 };
      const { days } = await getDays('rathaus', services, '2026-11-30', '2026-12-13');
      for (let time = Date.parse('2026-11-30T12:00:00Z'); time <= Date.parse('2026-12-13T12:00:00Z'); time += 24 * HOUR) {
        const date = new Date(time).toISOString().slice(0, 10);
        const slots = await getSlots('rathaus', services, date);
        const listed = days.find((day) => day.date === date);
        expect(listed?.free ?? 0, date).to.equal(slots.length);
      }
      expect(days).to.not.be.empty;
    });

    it('points nextAvailable past a closed range', async () => {
      await startBackend(MONDAY_MORNING);
      const closed = await getDays('rathaus', { personalausweis: 1 }, '2026-12-24', '2026-12-27');
      expect(closed.days).to.deep.equal([]);
      const after = await getDays('rathaus', { personalausweis: 1 }, '2026-12-28', '2027-01-15');
      expect(closed.nextAvailable).to.equal(after.days[0].date);
    });

    it('points nextAvailable past a fully booked day', async () => {
      await startBackend(MONDAY_MORNING);
      const services = { personalausweis: 1 };
      const { date, slots } = await firstFreeDay('sued', services, '2026-12-01');
      const before = await getDays('sued', services, '2026-12-01', date);
      for (const slot of slots) backend.takeSlot('sued', slot.start);
      const { days, nextAvailable } = await getDays('sued', services, '2026-12-01', date);
      expect(days.map((day) => day.date)).to.not.include(date);
      expect(nextAvailable).to.equal(before.nextAvailable);
      expect(nextAvailable! > date).to.equal(true);
    });

    it('offers nothing beyond the booking horizon', async () => {
      await startBackend(MONDAY_MORNING, { catalog: (catalog) => ({ ...catalog, bookingHorizonDays: 10 }) });
      const { days, nextAvailable } = await getDays('rathaus', { personalausweis: 1 }, '2026-11-30', '2026-12-31');
      expect(days.every((day) => day.date <= '2026-12-10')).to.equal(true);
      expect(nextAvailable).to.equal(null);
      expect(await getSlots('rathaus', { personalausweis: 1 }, '2026-12-14')).to.deep.equal([]);
    });

    it('never offers a time that has passed', async () => {
      await startBackend('2026-12-01T10:07:00+01:00');
      const slots = await getSlots('rathaus', { meldebescheinigung: 1 }, '2026-12-01');
      expect(slots).to.not.be.empty;
      expect(slots.every((slot) => Date.parse(slot.start) > now.getTime())).to.equal(true);
      const { days } = await getDays('rathaus', { meldebescheinigung: 1 }, '2026-11-20', '2026-12-03');
      expect(days.every((day) => day.date >= '2026-12-01')).to.equal(true);
    });

    it('makes slots as long as all selected services together', async () => {
      await startBackend(MONDAY_MORNING);
      const catalog = valid(Catalog, (await api('/catalog')).body);
      const minutes = (id: string) => catalog.services.find((service) => service.id === id)!.durationMinutes;
      const services = { personalausweis: 2, meldebescheinigung: 1 };
      const { slots } = await firstFreeDay('rathaus', services, '2026-11-30');
      const expected = 2 * minutes('personalausweis') + minutes('meldebescheinigung');
      for (const slot of slots) expect(Date.parse(slot.end) - Date.parse(slot.start)).to.equal(expected * MINUTE);
    });

    it('rejects services the location does not offer and quantities above the maximum', async () => {
      await startBackend(MONDAY_MORNING);
      const catalog = valid(Catalog, (await api('/catalog')).body);
      const notOffered = catalog.locations.flatMap((location) => catalog.services
        .filter((service) => !catalog.offers.some((offer) => offer.locationId === location.id && offer.serviceId === service.id))
        .map((service) => ({ location: location.id, service: service.id })))[0];
      expectProblem(await api(`/slots?location=${notOffered.location}&services=${notOffered.service}:1&date=2026-12-01`), 422, 'invalid_input');
      const { id, maxQuantity } = catalog.services[0];
      expectProblem(await api(`/days?location=rathaus&services=${id}:${maxQuantity + 1}&from=2026-12-01&to=2026-12-05`), 422, 'invalid_input');
      expectProblem(await api('/days?location=rathaus&services=&from=2026-12-01&to=2026-12-05'), 422, 'invalid_input');
    });

    it('offers no slots on weekends and public holidays', async () => {
      const closedIn2026 = ['2026-12-05', '2026-12-06', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'];
      // Easter 2027 is on 28 March: Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag.
      const closedIn2027 = ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'];
      for (const [at, closed, from, to] of [
        [MONDAY_MORNING, closedIn2026, '2026-11-30', '2027-01-08'],
        ['2027-03-01T07:00:00+01:00', closedIn2027, '2027-03-22', '2027-05-21'],
      ] as const) {
        await startBackend(at);
        for (const location of ['rathaus', 'nord', 'sued']) {
          const { days } = await getDays(location, { personalausweis: 1 }, from, to);
          expect(days.length, location).to.be.above(10);
          const listed = days.map((day) => day.date);
          for (const date of closed) expect(listed, location).to.not.include(date);
          expect(listed.filter((date) => weekday(date) === 0 || weekday(date) === 6)).to.deep.equal([]);
          for (const date of closed) expect(await getSlots(location, { personalausweis: 1 }, date)).to.deep.equal([]);
        }
      }
    });

    it('keeps Bürgerbüro Nord closed on Wednesday afternoons and the Rathaus open late on Thursdays', async () => {
      await startBackend(MONDAY_MORNING);
      const services = { meldebescheinigung: 1 };
      const afternoonsAt = async (location: string) => {
        const { days } = await getDays(location, services, '2026-11-30', '2026-12-22');
        const slots = (await Promise.all(days.map((day) => getSlots(location, services, day.date)))).flat();
        return slots.filter((slot) => wallClock(slot.start) >= '12:00');
      };
      const day = (slot: Slot) => weekday(slot.start.slice(0, 10));

      const nord = await afternoonsAt('nord');
      expect(nord.filter((slot) => day(slot) === 3)).to.deep.equal([]);
      expect(nord.filter((slot) => day(slot) !== 3)).to.not.be.empty;
      expect(nord.every((slot) => wallClock(slot.end) <= '16:00')).to.equal(true);

      const rathaus = await afternoonsAt('rathaus');
      const late = rathaus.filter((slot) => wallClock(slot.end) > '16:00');
      expect(late).to.not.be.empty;
      expect(late.every((slot) => day(slot) === 4 && wallClock(slot.end) <= '18:00')).to.equal(true);
      expect(rathaus.filter((slot) => day(slot) === 3)).to.not.be.empty;
    });

    it('answers the same days for the same seed and other days for another seed', async () => {
      const daysFor = async (seed: number) => {
        await startBackend(MONDAY_MORNING, { seed });
        return getDays('rathaus', { personalausweis: 1 }, '2026-11-30', '2027-01-31');
      };
      const first = await daysFor(1);
      expect(await daysFor(1)).to.deep.equal(first);
      expect(await daysFor(2)).to.not.deep.equal(first);
    });
  });

  describe('across a DST switch', () => {
    it('builds the slot grid from local times on the switch days themselves', () => {
      for (const [day, offset] of [['2026-10-25', '+01:00'], ['2027-03-28', '+02:00']] as const) {
        const slots = gridSlots(day, [['08:00', '12:00']], 15, 'Europe/Berlin');
        expect(slots.map((slot) => slot.start)).to.deep.equal(
          Array.from({ length: 16 }, (_, index) => Date.parse(`${day}T08:00:00${offset}`) + index * 15 * MINUTE),
        );
        expect(slots.at(-1)!.end).to.equal(Date.parse(`${day}T12:00:00${offset}`));
      }
    });

    for (const { at, from, to, switchDay, before, after } of [
      { at: '2026-10-19T07:00:00+02:00', from: '2026-10-19', to: '2026-10-30', switchDay: '2026-10-25', before: '+02:00', after: '+01:00' },
      { at: '2027-03-22T07:00:00+01:00', from: '2027-03-22', to: '2027-04-02', switchDay: '2027-03-28', before: '+01:00', after: '+02:00' },
    ]) {
      it(`keeps local opening hours and correct offsets around ${switchDay}`, async () => {
        await startBackend(at);
        const services = { personalausweis: 1 };
        const earliest = { before: [] as string[], after: [] as string[] };
        for (const location of ['rathaus', 'nord', 'sued']) {
          const { days } = await getDays(location, services, from, to);
          expect(new Set(days.map((day) => day.date)).size).to.equal(days.length);
          expect(days.map((day) => day.date)).to.not.include(switchDay);
          for (const { date } of days) {
            const slots = await getSlots(location, services, date);
            const side = date < switchDay ? 'before' : 'after';
            earliest[side].push(wallClock(slots[0].start));
            for (const slot of slots) {
              expect(slot.start.slice(0, 10)).to.equal(date);
              expect(slot.start.slice(19)).to.equal(side === 'before' ? before : after);
              expect(slot.start.slice(19)).to.equal(berlinOffset(slot.start));
              expect(wallClock(slot.start) >= '08:00' && wallClock(slot.end) <= '18:00', slot.start).to.equal(true);
              expect(Number(slot.start.slice(14, 16)) % 15, slot.start).to.equal(0);
            }
            for (let index = 1; index < slots.length; index++) {
              expect(Date.parse(slots[index].start), slots[index].start).to.be.at.least(Date.parse(slots[index - 1].end));
            }
          }
        }
        expect(earliest.before.sort()[0]).to.equal('08:00');
        expect(earliest.after.sort()[0]).to.equal('08:00');
      });
    }
  });

  describe('holds', () => {
    it('holds a slot, which then disappears from the free slots', async () => {
      await startBackend(MONDAY_MORNING);
      const { slot, hold: held } = await holdFirstFree('rathaus', { reisepass: 1 }, '2026-12-01');
      expect(held.expiresInSeconds).to.equal(600);
      expect(Date.parse(held.expiresAt)).to.equal(now.getTime() + 600_000);
      expect(held.expiresAt.slice(19)).to.equal('+01:00');
      const slots = await getSlots('rathaus', { reisepass: 1 }, slot.start.slice(0, 10));
      expect(slots.map((free) => free.start)).to.not.include(slot.start);
    });

    it('gives the last slot of a day to only one of two racing holds', async () => {
      await startBackend(MONDAY_MORNING);
      const services = { personalausweis: 1 };
      const { date, slots } = await firstFreeDay('nord', services, '2026-12-01');
      const last = slots.at(-1)!;
      for (const slot of slots.slice(0, -1)) backend.takeSlot('nord', slot.start);
      expect(await getSlots('nord', services, date)).to.deep.equal([last]);

      const responses = await Promise.all([hold('nord', services, last.start), hold('nord', services, last.start)]);
      expect(responses.map((response) => response.status).sort()).to.deep.equal([201, 409]);
      expectProblem(responses.find((response) => response.status === 409)!, 409, 'slot_unavailable');
      const { days } = await getDays('nord', services, date, date);
      expect(days).to.deep.equal([]);
    });

    it('refuses a hold for a time that is not offered', async () => {
      await startBackend(MONDAY_MORNING);
      expectProblem(await hold('rathaus', { personalausweis: 1 }, '2026-12-05T10:00:00+01:00'), 409, 'slot_unavailable');
      expectProblem(await hold('rathaus', { personalausweis: 1 }, '2026-12-01T08:07:00+01:00'), 409, 'slot_unavailable');
      expectProblem(await post('/holds', { locationId: 'rathaus', services: [] }), 422, 'invalid_input');
    });

    it('lets an unused hold expire, so booking with it fails and the slot is free again', async () => {
      await startBackend(MONDAY_MORNING);
      const { slot, hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      now = new Date(now.getTime() + 601_000);
      expectProblem(await book(bookingRequest(held.id)), 409, 'hold_expired');
      const slots = await getSlots('rathaus', { personalausweis: 1 }, slot.start.slice(0, 10));
      expect(slots.map((free) => free.start)).to.include(slot.start);
      expect(backend.bookings).to.have.length(0);
    });

    it('expires every hold on request', async () => {
      await startBackend(MONDAY_MORNING);
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      backend.expireHolds();
      expectProblem(await book(bookingRequest(held.id)), 409, 'hold_expired');
      expectProblem(await book(bookingRequest('unknown-hold')), 409, 'hold_expired');
    });

    it('extends a hold that has not expired yet', async () => {
      await startBackend(MONDAY_MORNING);
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      now = new Date(now.getTime() + 500_000);
      const extended = await post(`/holds/${held.id}/extend`, {});
      expect(extended.status).to.equal(200);
      const renewed = valid(Hold, extended.body);
      expect(renewed.id).to.equal(held.id);
      expect(Date.parse(renewed.expiresAt)).to.be.above(Date.parse(held.expiresAt));
      now = new Date(now.getTime() + 500_000);
      expect((await book(bookingRequest(held.id))).status).to.equal(201);

      const { hold: other } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      now = new Date(now.getTime() + 601_000);
      expectProblem(await post(`/holds/${other.id}/extend`, {}), 409, 'hold_expired');
      expectProblem(await post('/holds/no-such-hold/extend', {}), 404, 'not_found');
    });

    it('frees the slot when a hold is released', async () => {
      await startBackend(MONDAY_MORNING);
      const { slot, hold: held } = await holdFirstFree('sued', { personalausweis: 1 }, '2026-12-01');
      const released = await api(`/holds/${held.id}`, { method: 'DELETE' });
      expect(released.status).to.equal(204);
      const slots = await getSlots('sued', { personalausweis: 1 }, slot.start.slice(0, 10));
      expect(slots.map((free) => free.start)).to.include(slot.start);
      expectProblem(await book(bookingRequest(held.id)), 409, 'hold_expired');
    });
  });

  describe('bookings', () => {
    it('books a held slot with a short code and a long token', async () => {
      await startBackend(MONDAY_MORNING);
      const { slot, hold: held } = await holdFirstFree('rathaus', { personalausweis: 2 }, '2026-12-01');
      const response = await book(bookingRequest(held.id));
      expect(response.status).to.equal(201);
      const { booking } = valid(BookingResponse, response.body);
      expect(booking.code).to.match(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
      expect(booking.token.length).to.be.at.least(32);
      expect(booking.status).to.equal('confirmed');
      expect([booking.start, booking.end]).to.deep.equal([slot.start, slot.end]);
      expect(booking.location.name).to.equal('Bürgerbüro Rathaus');
      expect(booking.services).to.deep.equal([{
        id: 'personalausweis',
        name: 'Personalausweis beantragen',
        quantity: 2,
        requirements: ['Bisheriger Personalausweis', 'Aktuelles biometrisches Passfoto'],
      }]);
      expect(backend.bookings).to.have.length(1);
      expectProblem(await book(bookingRequest(held.id)), 409, 'hold_expired');
    });

    it('creates one booking for two requests with the same Idempotency-Key', async () => {
      await startBackend(MONDAY_MORNING);
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      const first = await book(bookingRequest(held.id), 'same-key');
      const second = await book(bookingRequest(held.id), 'same-key');
      expect([first.status, second.status]).to.deep.equal([201, 201]);
      expect(second.body).to.deep.equal(first.body);
      expect(backend.bookings).to.have.length(1);
      expectProblem(await post('/bookings', bookingRequest(held.id)), 422, 'invalid_input');
    });

    it('refuses more than three active bookings for one e-mail address', async () => {
      await startBackend(MONDAY_MORNING);
      for (let index = 0; index < 3; index++) await bookFirstFree('rathaus', '2026-12-01');
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      const shouting = { firstName: 'Max', lastName: 'Mustermann', email: 'MAX.Mustermann@example.org' };
      expectProblem(await book(bookingRequest(held.id, { person: shouting })), 429, 'limit_reached');
      const other = { ...shouting, email: 'erika@example.org' };
      expect((await book(bookingRequest(held.id, { person: other }))).status).to.equal(201);
    });

    it('names every invalid field', async () => {
      await startBackend(MONDAY_MORNING);
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      const response = await book({ holdId: held.id, person: { firstName: ' ', email: 'max(at)example.org' }, locale: 'de' });
      const { errors } = expectProblem(response, 422, 'invalid_input');
      expect(errors).to.deep.include({ field: 'person.firstName', code: 'required' });
      expect(errors).to.deep.include({ field: 'person.lastName', code: 'required' });
      expect(errors).to.deep.include({ field: 'person.email', code: 'invalid' });
      expect(backend.bookings).to.have.length(0);
    });

    it('applies the catalog form rules to required and hidden fields', async () => {
      await startBackend(MONDAY_MORNING, {
        catalog: (catalog) => ({ ...catalog, form: { phone: 'required', address: 'hidden', birthDate: 'optional', notes: 'hidden' } }),
      });
      const { hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-01');
      const person = { firstName: 'Max', lastName: 'Mustermann', email: 'max@example.org' };
      const refused = await book(bookingRequest(held.id, { person: { ...person, street: 'Marktplatz 2' }, notes: 'Bitte Rollstuhlplatz' }));
      const { errors } = expectProblem(refused, 422, 'invalid_input');
      expect(errors).to.have.deep.members([
        { field: 'person.phone', code: 'required' },
        { field: 'person.street', code: 'not_allowed' },
        { field: 'notes', code: 'not_allowed' },
      ]);
      const accepted = await book(bookingRequest(held.id, { person: { ...person, phone: '0123 456789', birthDate: '1980-02-29' } }));
      expect(accepted.status).to.equal(201);
    });

    it('keeps bookings at the double-opt-in location pending until confirmed', async () => {
      await startBackend(MONDAY_MORNING);
      const booking = await bookFirstFree('nord', '2026-12-01');
      expect(booking.status).to.equal('pending');
      for (let attempt = 0; attempt < 2; attempt++) {
        const confirmed = await post(`/bookings/${booking.code}/confirm`, {}, bearer(booking));
        expect(confirmed.status).to.equal(200);
        expect(valid(BookingResponse, confirmed.body).booking.status).to.equal('confirmed');
      }
      const fetched = await api(`/bookings/${booking.code}`, { headers: bearer(booking) });
      expect(valid(BookingResponse, fetched.body).booking.status).to.equal('confirmed');
    });

    it('lets a test choose the double-opt-in locations', async () => {
      await startBackend(MONDAY_MORNING, { doubleOptInLocationIds: ['rathaus'] });
      expect((await bookFirstFree('rathaus', '2026-12-01')).status).to.equal('pending');
      expect((await bookFirstFree('nord', '2026-12-01')).status).to.equal('confirmed');
    });
  });

  describe('finding and managing bookings', () => {
    it('looks a booking up by code and e-mail, ignoring case', async () => {
      await startBackend(MONDAY_MORNING);
      const booking = await bookFirstFree('rathaus', '2026-12-01');
      const found = await post('/bookings/lookup', { code: booking.code.toLowerCase(), email: 'Max.Mustermann@Example.org' });
      expect(found.status).to.equal(200);
      expect(valid(BookingResponse, found.body).booking).to.deep.equal(booking);
      expectProblem(await post('/bookings/lookup', { code: booking.code, email: 'someone@example.org' }), 404, 'not_found');
      expectProblem(await post('/bookings/lookup', { code: 'ZZZ-ZZZ', email: 'max.mustermann@example.org' }), 404, 'not_found');
    });

    it('requires the booking token for every manage endpoint', async () => {
      await startBackend(MONDAY_MORNING);
      const booking = await bookFirstFree('nord', '2026-12-01');
      const other = backend.seedBooking({ locationId: 'nord' });
      const { hold: held } = await holdFirstFree('nord', { personalausweis: 1 }, '2026-12-01');
      for (const headers of [{}, bearer(other), { Authorization: booking.token }]) {
        expectProblem(await api(`/bookings/${booking.code}`, { headers }), 401, 'unauthorized');
        expectProblem(await post(`/bookings/${booking.code}/confirm`, {}, headers), 401, 'unauthorized');
        expectProblem(await api(`/bookings/${booking.code}`, { method: 'DELETE', headers }), 401, 'unauthorized');
        expectProblem(await post(`/bookings/${booking.code}/reschedule`, { holdId: held.id }, headers), 401, 'unauthorized');
      }
      const fetched = await api(`/bookings/${booking.code}`, { headers: bearer(booking) });
      expect(valid(BookingResponse, fetched.body).booking).to.deep.equal(booking);
    });

    it('cancels a booking and frees its slot', async () => {
      await startBackend(MONDAY_MORNING);
      const booking = backend.seedBooking({ locationId: 'sued' });
      const date = booking.start.slice(0, 10);
      expect((await getSlots('sued', { personalausweis: 1 }, date)).map((slot) => slot.start)).to.not.include(booking.start);
      const cancelled = await api(`/bookings/${booking.code}`, { method: 'DELETE', headers: bearer(booking) });
      expect(cancelled.status).to.equal(204);
      expect((await getSlots('sued', { personalausweis: 1 }, date)).map((slot) => slot.start)).to.include(booking.start);
      expectProblem(await api(`/bookings/${booking.code}`, { headers: bearer(booking) }), 404, 'not_found');
      expect(backend.bookings[0].cancelled).to.equal(true);
    });

    it('refuses to cancel within 24 hours of the appointment', async () => {
      await startBackend(MONDAY_MORNING);
      const soon = backend.seedBooking({ start: new Date(now.getTime() + 3 * HOUR) });
      const past = backend.seedBooking({ start: new Date(now.getTime() - 3 * HOUR) });
      for (const booking of [soon, past]) {
        expectProblem(await api(`/bookings/${booking.code}`, { method: 'DELETE', headers: bearer(booking) }), 409, 'too_late');
      }
      expect(backend.bookings.some((stored) => stored.cancelled)).to.equal(false);
    });

    it('reschedules to a held slot under the same code and frees the old one', async () => {
      await startBackend(MONDAY_MORNING);
      const booking = await bookFirstFree('rathaus', '2026-12-01');
      const { slot, hold: held } = await holdFirstFree('rathaus', { personalausweis: 1 }, '2026-12-08');
      const response = await post(`/bookings/${booking.code}/reschedule`, { holdId: held.id }, bearer(booking));
      expect(response.status).to.equal(200);
      const moved = valid(BookingResponse, response.body).booking;
      expect([moved.code, moved.token]).to.deep.equal([booking.code, booking.token]);
      expect([moved.start, moved.end]).to.deep.equal([slot.start, slot.end]);
      expect((await getSlots('rathaus', { personalausweis: 1 }, booking.start.slice(0, 10))).map((free) => free.start)).to.include(booking.start);
      expect((await getSlots('rathaus', { personalausweis: 1 }, slot.start.slice(0, 10))).map((free) => free.start)).to.not.include(slot.start);
      expectProblem(await post(`/bookings/${booking.code}/reschedule`, { holdId: held.id }, bearer(booking)), 409, 'hold_expired');
      expect(backend.bookings).to.have.length(1);
    });
  });

  describe('faults', () => {
    const requestFor: Record<Endpoint, () => Promise<ApiResponse>> = {
      catalog: () => api('/catalog'),
      days: () => api('/days?location=rathaus&services=personalausweis:1&from=2026-12-01&to=2026-12-05'),
      slots: () => api('/slots?location=rathaus&services=personalausweis:1&date=2026-12-01'),
      holds: () => hold('rathaus', { personalausweis: 1 }, '2026-12-01T08:00:00+01:00'),
      extend: () => post('/holds/h1/extend', {}),
      release: () => api('/holds/h1', { method: 'DELETE' }),
      bookings: () => book(bookingRequest('h1')),
      lookup: () => post('/bookings/lookup', { code: 'ABC-DEF', email: 'max@example.org' }),
      booking: () => api('/bookings/ABC-DEF'),
      confirm: () => post('/bookings/ABC-DEF/confirm', {}),
      cancel: () => api('/bookings/ABC-DEF', { method: 'DELETE' }),
      reschedule: () => post('/bookings/ABC-DEF/reschedule', { holdId: 'h1' }),
      data: () => api('/bookings/ABC-DEF/data'),
      update: () => api('/bookings/ABC-DEF', { method: 'PATCH', body: '{}', headers: { 'Content-Type': 'application/json' } }),
    };

    it('answers a status fault on every endpoint with a problem', async () => {
      await startBackend(MONDAY_MORNING, { faults: ENDPOINTS.map((endpoint) => `${endpoint}:500`) });
      for (const endpoint of ENDPOINTS) expectProblem(await requestFor[endpoint](), 500, 'server_error');
    });

    it('chooses the error code that fits the status and endpoint', async () => {
      await startBackend(MONDAY_MORNING, { faults: ['holds:409', 'bookings:429', 'catalog:rate_limited', 'cancel:409'] });
      expectProblem(await requestFor.holds(), 409, 'slot_unavailable');
      expectProblem(await requestFor.bookings(), 429, 'limit_reached');
      const limited = expectProblem(await requestFor.catalog(), 429, 'rate_limited');
      expect(limited.type).to.not.equal('');
      expectProblem(await requestFor.cancel(), 409, 'too_late');
    });

    it('answers malformed JSON and schema-breaking JSON with status 200', async () => {
      await startBackend(MONDAY_MORNING, { faults: ['days:malformed', 'catalog:invalid', 'slots:invalid', 'bookings:invalid'] });
      const malformed = await fetch('/api/days?location=rathaus&services=personalausweis:1&from=2026-12-01&to=2026-12-05');
      expect(malformed.status).to.equal(200);
      let parsed = true;
      await malformed.json().catch(() => (parsed = false));
      expect(parsed).to.equal(false);
      for (const [endpoint, schema] of [['catalog', Catalog], ['slots', SlotsResponse], ['bookings', BookingResponse]] as const) {
        const response = await requestFor[endpoint]();
        expect(response.status).to.equal(200);
        expect(schema.safeParse(response.body).success, endpoint).to.equal(false);
      }
    });

    it('fails the request like a broken network', async () => {
      await startBackend(MONDAY_MORNING, { faults: ['catalog:network'] });
      let failure: unknown;
      await fetch('/api/catalog').catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(TypeError);
    });

    it('fires a *once fault only on the first request', async () => {
      await startBackend(MONDAY_MORNING, { faults: ['slots:503*once'] });
      expectProblem(await requestFor.slots(), 503, 'unavailable');
      expect((await requestFor.slots()).status).to.equal(200);
    });

    it('rejects a fault it does not know', () => {
      expect(() => createMockBackend({ faults: ['slot:500'] })).to.throw('slot:500');
      expect(() => createMockBackend({ faults: ['slots:sometimes'] })).to.throw('slots:sometimes');
    });
  });

  it('delays every response by latencyMs', async () => {
    await startBackend(MONDAY_MORNING, { latencyMs: 150 });
    const started = performance.now();
    await api('/catalog');
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('logs every request with its method, path and URL', async () => {
    await startBackend(MONDAY_MORNING);
    await bookFirstFree('rathaus', '2026-12-01');
    expect(backend.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'GET /api/days',
      'GET /api/slots',
      'POST /api/holds',
      'POST /api/bookings',
    ]);
    expect(backend.requests[0].url).to.match(/^http.*\/api\/days\?.*services=personalausweis:1/);
  });
});
