/**
 * A small town for unit tests of the booking flow. The offers are chosen so that every branch of
 * location filtering is reachable:
 *
 * | service    | nord | mitte | sued |
 * |------------|------|-------|------|
 * | ausweis    |  x   |   x   |  x   |
 * | pass       |  x   |   x   |  x   |
 * | melde      |  x   |   x   |      |
 * | kfz        |      |       |  x   |
 *
 * ausweis + melde fit two locations, ausweis + kfz fit only "sued", melde + kfz fit none.
 */
import type { Catalog, Location } from '../../src/api/schemas.js';

function location(id: string, name: string, street: string): Location {
  return { id, name, address: { street, postalCode: '12345', city: 'Musterstadt' } };
}

const everywhere = ['nord', 'mitte', 'sued'];

export const catalogFixture: Catalog = {
  timeZone: 'Europe/Berlin',
  privacyPolicyUrl: 'https://musterstadt.example/datenschutz',
  bookingHorizonDays: 60,
  services: [
    { id: 'ausweis', name: 'Personalausweis beantragen', durationMinutes: 15, maxQuantity: 5 },
    { id: 'pass', name: 'Reisepass beantragen', durationMinutes: 20, maxQuantity: 3 },
    { id: 'melde', name: 'Meldebescheinigung', durationMinutes: 5, maxQuantity: 2 },
    { id: 'kfz', name: 'Fahrzeug abmelden', durationMinutes: 30, maxQuantity: 1 },
  ],
  locations: [
    location('nord', 'Bürgerbüro Nord', 'Nordring 3'),
    location('mitte', 'Bürgerbüro Rathaus', 'Marktplatz 1'),
    location('sued', 'Bürgerbüro Süd', 'Südallee 12'),
  ],
  offers: [
    ...everywhere.map((locationId) => ({ serviceId: 'ausweis', locationId })),
    ...everywhere.map((locationId) => ({ serviceId: 'pass', locationId })),
    { serviceId: 'melde', locationId: 'nord' },
    { serviceId: 'melde', locationId: 'mitte' },
    { serviceId: 'kfz', locationId: 'sued' },
  ],
  form: { phone: 'optional', address: 'required', birthDate: 'optional', notes: 'hidden' },
};
