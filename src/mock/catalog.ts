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
    },
    {
      id: 'reisepass',
      name: 'Reisepass beantragen',
      description: 'Bitte bringen Sie Ihren bisherigen Reisepass oder Personalausweis und ein aktuelles biometrisches Passfoto mit.',
      durationMinutes: 20,
      maxQuantity: 5,
    },
    {
      id: 'meldebescheinigung',
      name: 'Meldebescheinigung ausstellen lassen',
      description: 'Bitte bringen Sie Ihren Personalausweis oder Reisepass mit.',
      durationMinutes: 5,
      maxQuantity: 3,
    },
    {
      id: 'wohnsitz-anmelden',
      name: 'Wohnsitz anmelden',
      description: 'Bitte bringen Sie die Ausweise aller umziehenden Personen und die Wohnungsgeberbestätigung Ihres Vermieters mit.',
      durationMinutes: 15,
      maxQuantity: 5,
    },
    {
      id: 'fuehrungszeugnis',
      name: 'Führungszeugnis beantragen',
      description: 'Bitte bringen Sie Ihren Personalausweis oder Reisepass mit; die Gebühr können Sie bar oder mit Karte bezahlen.',
      durationMinutes: 10,
      maxQuantity: 2,
    },
    {
      id: 'kfz-abmelden',
      name: 'Fahrzeug außer Betrieb setzen',
      description: 'Bitte bringen Sie die Zulassungsbescheinigung Teil I, beide Kennzeichen und Ihren Personalausweis mit.',
      durationMinutes: 15,
      maxQuantity: 3,
    },
  ],
  locations: [
    {
      id: 'rathaus',
      name: 'Bürgerbüro Rathaus',
      address: { street: 'Marktplatz 1', postalCode: '12345', city: 'Musterstadt' },
      hint: 'Der barrierefreie Eingang mit Aufzug befindet sich auf der Rückseite des Rathauses in der Kirchgasse.',
    },
    {
      id: 'nord',
      name: 'Bürgerbüro Nord',
      address: { street: 'Lindenallee 24', postalCode: '12347', city: 'Musterstadt' },
    },
    {
      id: 'sued',
      name: 'Bürgerbüro Süd',
      address: { street: 'Am Südpark 3', postalCode: '12349', city: 'Musterstadt' },
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
