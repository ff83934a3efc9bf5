/**
 * The mock town "Musterstadt": three Bürgerbüros with their services and opening hours.
 * Opening hours are not part of the contract (the backend only publishes the resulting slots), so they
 * live here next to the catalog rather than in it.
 */
import type { Catalog } from '../api/schemas.js';

export const defaultCatalog: Catalog = {
  timeZone: 'Europe/Berlin',
  privacyPolicyUrl: 'https://www.musterstadt.de/datenschutz',
  bookingHorizonDays: 90,
  services: [
    {
      id: 'personalausweis',
      name: 'Personalausweis beantragen',
      description: 'Bitte bringen Sie Ihren bisherigen Ausweis und ein aktuelles biometrisches Passfoto mit.',
      durationMinutes: 15,
      maxQuantity: 5,
      requirements: ['Bisheriger Personalausweis', 'Aktuelles biometrisches Passfoto'],
    },
    {
      id: 'reisepass',
      name: 'Reisepass beantragen',
      description: 'Bitte bringen Sie Ihren bisherigen Reisepass oder Personalausweis und ein aktuelles biometrisches Passfoto mit.',
      durationMinutes: 20,
      maxQuantity: 5,
      requirements: ['Bisheriger Reisepass oder Personalausweis', 'Aktuelles biometrisches Passfoto'],
    },
    {
      id: 'meldebescheinigung',
      name: 'Meldebescheinigung ausstellen lassen',
      description: 'Bitte bringen Sie Ihren Personalausweis oder Reisepass mit.',
      durationMinutes: 5,
      maxQuantity: 3,
      requirements: ['Personalausweis oder Reisepass'],
    },
    {
      id: 'wohnsitz-anmelden',
      name: 'Wohnsitz anmelden',
      description: 'Bitte bringen Sie die Ausweise aller umziehenden Personen und die Wohnungsgeberbestätigung Ihres Vermieters mit.',
      durationMinutes: 15,
      maxQuantity: 5,
      requirements: ['Ausweise aller umziehenden Personen', 'Wohnungsgeberbestätigung des Vermieters'],
    },
    {
      id: 'fuehrungszeugnis',
      name: 'Führungszeugnis beantragen',
      description: 'Bitte bringen Sie Ihren Personalausweis oder Reisepass mit; die Gebühr können Sie bar oder mit Karte bezahlen.',
      durationMinutes: 10,
      maxQuantity: 2,
      requirements: ['Personalausweis oder Reisepass', 'Gebühr: 13 Euro, bar oder mit Karte'],
    },
    {
      id: 'kfz-abmelden',
      name: 'Fahrzeug außer Betrieb setzen',
      description: 'Bitte bringen Sie die Zulassungsbescheinigung Teil I, beide Kennzeichen und Ihren Personalausweis mit.',
      durationMinutes: 15,
      maxQuantity: 3,
      requirements: ['Zulassungsbescheinigung Teil I', 'Beide Kennzeichen', 'Personalausweis'],
    },
  ],
  locations: [
    {
      id: 'rathaus',
      name: 'Bürgerbüro Rathaus',
      address: { street: 'Marktplatz 1', postalCode: '12345', city: 'Musterstadt' },
      hint: 'Der barrierefreie Eingang mit Aufzug befindet sich auf der Rückseite des Rathauses in der Kirchgasse.',
      phone: '0123 4567-100',
      openingHoursText: 'Mo–Mi 8–12 und 13–16 Uhr, Do 8–12 und 13–18 Uhr, Fr 8–12 Uhr',
      mapUrl: 'https://www.openstreetmap.org/search?query=Marktplatz%201%2C%2012345%20Musterstadt',
    },
    {
      id: 'nord',
      name: 'Bürgerbüro Nord',
      address: { street: 'Lindenallee 24', postalCode: '12347', city: 'Musterstadt' },
      phone: '0123 4567-200',
      openingHoursText: 'Mo, Di, Do 8–12 und 13–16 Uhr, Mi und Fr 8–12 Uhr',
      mapUrl: 'https://www.openstreetmap.org/search?query=Lindenallee%2024%2C%2012347%20Musterstadt',
    },
    {
      id: 'sued',
      name: 'Bürgerbüro Süd',
      address: { street: 'Am Südpark 3', postalCode: '12349', city: 'Musterstadt' },
      phone: '0123 4567-300',
      openingHoursText: 'Mo–Do 8–12 und 13–15:30 Uhr, Fr 8–12 Uhr',
    },
  ],
  offers: [
    ...['personalausweis', 'reisepass', 'meldebescheinigung', 'wohnsitz-anmelden', 'fuehrungszeugnis', 'kfz-abmelden']
      .map((serviceId) => ({ serviceId, locationId: 'rathaus' })),
    ...['personalausweis', 'reisepass', 'meldebescheinigung', 'wohnsitz-anmelden', 'fuehrungszeugnis']
      .map((serviceId) => ({ serviceId, locationId: 'nord' })),
    ...['personalausweis', 'reisepass', 'meldebescheinigung', 'wohnsitz-anmelden']
      .map((serviceId) => ({ serviceId, locationId: 'sued' })),
  ],
  form: { phone: 'optional', address: 'hidden', birthDate: 'optional', notes: 'optional' },
  contact: { phone: '0123 4567-0', email: 'buergerbuero@musterstadt.example' },
};

/** Bürgerbüro Nord confirms bookings only after the citizen clicks the link in an e-mail. */
export const defaultDoubleOptInLocationIds = ['nord'];

/** Local opening intervals `[from, to]` per ISO weekday (1 = Monday); a missing weekday is closed. */
export type OpeningHours = Partial<Record<number, [from: string, to: string][]>>;

const MORNING: [string, string] = ['08:00', '12:00'];

export const openingHoursByLocation: Record<string, OpeningHours> = {
  // Open late on Thursdays for people who work during the day.
  rathaus: {
    1: [MORNING, ['13:00', '16:00']],
    2: [MORNING, ['13:00', '16:00']],
    3: [MORNING, ['13:00', '16:00']],
    4: [MORNING, ['13:00', '18:00']],
    5: [MORNING],
  },
  // Closed on Wednesday afternoons.
  nord: {
    1: [MORNING, ['13:00', '16:00']],
    2: [MORNING, ['13:00', '16:00']],
    3: [MORNING],
    4: [MORNING, ['13:00', '16:00']],
    5: [MORNING],
  },
  sued: {
    1: [MORNING, ['13:00', '15:30']],
    2: [MORNING, ['13:00', '15:30']],
    3: [MORNING, ['13:00', '15:30']],
    4: [MORNING, ['13:00', '15:30']],
    5: [MORNING],
  },
};

/** For locations a test adds through the `catalog` option. */
export const fallbackOpeningHours: OpeningHours = {
  1: [MORNING], 2: [MORNING], 3: [MORNING], 4: [MORNING], 5: [MORNING],
};
