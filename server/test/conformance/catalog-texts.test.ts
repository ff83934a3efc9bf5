/**
 * What to bring, how to get there, whom to call (issue 15): the services' `requirements` and the locations'
 * `phone`, `openingHoursText` and `mapUrl`, in the catalog and again in each booking, in the language asked
 * for. Run against the mock and the server, like the rest of the conformance suite.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BookingResponse, type Catalog } from '../../../src/api/schemas.js';
import { contractTargets } from '../support/contract-targets.js';
import { expectJson } from './support/client.js';
import { useConformance } from './support/fixtures.js';

const webUrl = (text: string) => ['http:', 'https:'].includes(new URL(text).protocol);

for (const factory of contractTargets()) {
  describe(`catalog texts on ${factory.name}`, () => {
    const use = useConformance(factory);

    it('names what to bring for every service and how to reach every office, with web-only map links', () => {
      const c = use();
      for (const service of c.catalog.services) assert.ok(service.requirements?.length, `requirements of ${service.id}`);
      for (const location of c.catalog.locations) {
        assert.ok(location.phone?.trim(), `phone of ${location.id}`);
        assert.ok(location.openingHoursText?.trim(), `openingHoursText of ${location.id}`);
        if (location.mapUrl !== undefined) assert.ok(webUrl(location.mapUrl), `mapUrl of ${location.id}`);
      }
      assert.ok(c.catalog.locations.some((location) => location.mapUrl), 'at least one map link');
    });

    it('answers in English where the catalog is asked for in English, with the same phone and map link', async () => {
      const c = use();
      const english: Catalog = await c.api.catalog('en');
      assert.notDeepEqual(english.services.map((service) => service.requirements), c.catalog.services.map((service) => service.requirements));
      assert.notDeepEqual(english.locations.map((location) => location.openingHoursText), c.catalog.locations.map((location) => location.openingHoursText));
      assert.deepEqual(english.locations.map(({ phone, mapUrl }) => ({ phone, mapUrl })), c.catalog.locations.map(({ phone, mapUrl }) => ({ phone, mapUrl })));
    });

    it('repeats them in the booking, as the catalog has them, in the language asked for', async () => {
      const c = use();
      const services = [{ id: 'personalausweis', quantity: 1 }, { id: 'meldebescheinigung', quantity: 1 }];
      const { booking } = await c.bookSomething(c.person('requirements'), { services });
      const listed = c.catalog.locations.find((location) => location.id === booking.location.id)!;
      const { phone, openingHoursText, mapUrl } = booking.location;
      assert.deepEqual({ phone, openingHoursText, mapUrl }, { phone: listed.phone, openingHoursText: listed.openingHoursText, mapUrl: listed.mapUrl });
      const requirementsIn = (catalog: Catalog, id: string) => catalog.services.find((service) => service.id === id)?.requirements;
      for (const service of booking.services) assert.deepEqual(service.requirements, requirementsIn(c.catalog, service.id), service.id);

      const english = await c.api.catalog('en');
      const shown = expectJson(await c.api.getBooking(booking.code, booking.token, { 'Accept-Language': 'en' }), 200, BookingResponse).booking;
      for (const service of shown.services) assert.deepEqual(service.requirements, requirementsIn(english, service.id), `English ${service.id}`);
      assert.equal(shown.location.openingHoursText, english.locations.find((location) => location.id === shown.location.id)?.openingHoursText);
    });
  });
}
