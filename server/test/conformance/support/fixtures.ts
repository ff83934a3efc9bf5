/**
 * One implementation of contract v1 under test, started once per `describe` block: its client, its
 * German catalog, its movable clock (back at `BASE_TIME` before every test) and helpers that find free
 * slots through `/days` and `/slots` the way the widget does, so that tests never depend on what an
 * implementation happens to have booked already.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Booking, Catalog, Hold, Locale, Person, Service, ServiceSelection, Slot } from '../../../../src/api/schemas.js';
import { TestClock, type ContractTarget, type ContractTargetFactory } from '../../support/contract-targets.js';
import { ContractClient, type BookingBody } from './client.js';
import { addDays, localDay, type Day } from './time.js';

/** A Monday morning in winter (+01:00), far enough from the holidays that the weeks ahead are ordinary. */
export const BASE_TIME = '2026-11-16T09:00:00+01:00';

/** Where most tests book: the first location, one service of 15 minutes. */
export const ONE_PERSO: ServiceSelection[] = [{ id: 'personalausweis', quantity: 1 }];

export interface FoundSlots {
  day: Day;
  /** Every free slot of that day, in order. */
  all: Slot[];
  /** `count` of them, spread over the day (first, last, then in between). */
  picked: Slot[];
}

export interface FindOptions {
  location?: string;
  services?: readonly ServiceSelection[];
  /** How many free slots the day must have; default 1. */
  count?: number;
  /** The first day to consider; default two days after the clock's today (clear of any change deadline). */
  from?: Day;
  /** Days to pass over. */
  skip?: readonly Day[];
}

export class Conformance {
  readonly api: ContractClient;
  #people = 0;

  constructor(
    readonly target: ContractTarget,
    readonly catalog: Catalog,
  ) {
    this.api = new ContractClient(target.base, { 'Accept-Language': 'de' });
  }

  get clock(): TestClock {
    return this.target.clock;
  }

  get timeZone(): string {
    return this.catalog.timeZone;
  }

  get firstLocation(): string {
    return this.catalog.locations[0].id;
  }

  /** Today in the catalog's zone, by the target's clock. */
  today(): Day {
    return localDay(this.clock.now(), this.timeZone);
  }

  /** The last bookable day: today + bookingHorizonDays. */
  lastBookableDay(): Day {
    return addDays(this.today(), this.catalog.bookingHorizonDays);
  }

  service(id: string): Service {
    const service = this.catalog.services.find((candidate) => candidate.id === id);
    assert.ok(service, `the catalog has no service ${id}`);
    return service;
  }

  /** Sum of durationMinutes × quantity, from the catalog. */
  lengthMinutes(services: readonly ServiceSelection[]): number {
    return services.reduce((sum, { id, quantity }) => sum + this.service(id).durationMinutes * quantity, 0);
  }

  offeredServices(locationId: string): Service[] {
    const ids = new Set(this.catalog.offers.filter((offer) => offer.locationId === locationId).map((offer) => offer.serviceId));
    return this.catalog.services.filter((service) => ids.has(service.id));
  }

  /** A service and a location that does not offer it, from the catalog's offers. */
  notOffered(): { serviceId: string; locationId: string } {
    for (const location of this.catalog.locations) {
      const offered = new Set(this.offeredServices(location.id).map((service) => service.id));
      const missing = this.catalog.services.find((service) => !offered.has(service.id));
      if (missing) return { serviceId: missing.id, locationId: location.id };
    }
    assert.fail('every location offers every service');
  }

  /** One of the first offered service at a location. */
  selectionAt(locationId: string): ServiceSelection[] {
    const [service] = this.offeredServices(locationId);
    assert.ok(service, `${locationId} offers nothing`);
    return [{ id: service.id, quantity: 1 }];
  }

  /** The first day from `from` on with at least `count` free slots, and those slots. */
  async findSlots(options: FindOptions = {}): Promise<FoundSlots> {
    const location = options.location ?? this.firstLocation;
    const services = options.services ?? ONE_PERSO;
    const count = options.count ?? 1;
    let from = options.from ?? addDays(this.today(), 2);
    const last = this.lastBookableDay();
    while (from <= last) {
      // Two weeks at a time: most searches end in the first, and a long /days costs a server more.
      const to = addDays(from, 13) < last ? addDays(from, 13) : last;
      const { days } = await this.api.days(location, services, from, to);
      for (const { date, free } of days) {
        if (free < count || options.skip?.includes(date)) continue;
        const all = await this.api.slots(location, services, date);
        if (all.length < count) continue;
        return { day: date, all, picked: spread(all, count) };
      }
      from = addDays(to, 1);
    }
    assert.fail(`no day with ${count} free slots at ${location} for ${JSON.stringify(services)}`);
  }

  /** One free slot. */
  async findSlot(options: Omit<FindOptions, 'count'> = {}): Promise<Slot & { day: Day }> {
    const found = await this.findSlots(options);
    return { ...found.picked[0], day: found.day };
  }

  /** The free starts of a day, for before/after comparisons. */
  async freeStarts(day: Day, location = this.firstLocation, services: readonly ServiceSelection[] = ONE_PERSO): Promise<string[]> {
    return (await this.api.slots(location, services, day)).map((slot) => slot.start);
  }

  /** The `free` count `/days` reports for one day (0 when the day is not listed). */
  async freeCount(day: Day, location = this.firstLocation, services: readonly ServiceSelection[] = ONE_PERSO): Promise<number> {
    const { days } = await this.api.days(location, services, day, day);
    return days.find((entry) => entry.date === day)?.free ?? 0;
  }

  /** A citizen nobody else in the suite is: a unique email, distinctive names. */
  person(tag: string): Person {
    this.#people += 1;
    const unique = randomBytes(4).toString('hex');
    return {
      firstName: `Vorname${unique}`,
      lastName: `Nachname${unique}`,
      email: `conf.${tag}.${this.#people}.${unique}@example.org`,
    };
  }

  bookingBody(hold: Hold, person: Person, extra: { notes?: string; locale?: Locale } = {}): BookingBody {
    return { holdId: hold.id, person, locale: extra.locale ?? 'de', ...(extra.notes === undefined ? {} : { notes: extra.notes }) };
  }

  /** Finds a free slot, holds it and books it for `person`. */
  async bookSomething(
    person: Person,
    options: Omit<FindOptions, 'count'> = {},
  ): Promise<{ booking: Booking; slot: Slot & { day: Day }; key: string }> {
    const location = options.location ?? this.firstLocation;
    const services = options.services ?? ONE_PERSO;
    const slot = await this.findSlot({ ...options, location, services });
    const hold = await this.api.holdOk(location, services, slot.start);
    const key = randomUUID();
    const booking = await this.api.bookOk(this.bookingBody(hold, person), key);
    return { booking, slot, key };
  }
}

function spread<T>(items: readonly T[], count: number): T[] {
  if (count === 1) return [items[0]];
  const picked: T[] = [];
  for (let i = 0; i < count; i++) picked.push(items[Math.round((i * (items.length - 1)) / (count - 1))]);
  return picked;
}

/**
 * Starts `factory`'s implementation before the enclosing `describe` block's tests and closes it after
 * them; the clock is set back to `BASE_TIME` before every test. Call the getter inside tests.
 */
export function useConformance(factory: ContractTargetFactory): () => Conformance {
  let conformance: Conformance | undefined;
  before(async () => {
    const target = await factory.start(new TestClock(BASE_TIME));
    try {
      const client = new ContractClient(target.base, { 'Accept-Language': 'de' });
      conformance = new Conformance(target, await client.catalog('de'));
    } catch (error) {
      await target.close();
      throw error;
    }
  });
  let logMark = 0;
  beforeEach(() => {
    conformance?.clock.set(BASE_TIME);
    logMark = conformance?.target.logLines.length ?? 0;
  });
  // "Bad input never gets a 500": a server error during a test fails it, whatever the test expected.
  afterEach(() => {
    const errors = conformance?.target.logLines.slice(logMark).filter((line) => line.event === 'error') ?? [];
    if (errors.length > 0) {
      throw new Error(`the server answered ${errors.length} request(s) with an error: ${errors.map((line) => line.kind).join(', ')}`);
    }
  });
  after(async () => {
    await conformance?.target.close();
  });
  return () => {
    if (!conformance) throw new Error(`${factory.name} did not start`);
    return conformance;
  };
}
