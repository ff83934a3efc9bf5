/**
 * The mock town in English. The contract lets a backend answer `Accept-Language: en` with translated
 * names (docs/api.yaml); the mock does, so an English page does not list German services. Office names
 * stay German: they are what the citizen reads on the door. Ids the table does not know stay as they are.
 */
import type { Booking, Catalog, Location } from '../api/schemas.js';

interface Texts {
  name?: string;
  description?: string;
  hint?: string;
  requirements?: string[];
  openingHoursText?: string;
}

const ENGLISH: Record<string, Texts> = {
  personalausweis: {
    name: 'Apply for an ID card',
    description: 'Please bring your current ID card and a recent biometric passport photo.',
    requirements: ['Your current ID card', 'A recent biometric passport photo'],
  },
  reisepass: {
    name: 'Apply for a passport',
    description: 'Please bring your current passport or ID card and a recent biometric passport photo.',
    requirements: ['Your current passport or ID card', 'A recent biometric passport photo'],
  },
  meldebescheinigung: {
    name: 'Get a certificate of registration',
    description: 'Please bring your ID card or passport.',
    requirements: ['Your ID card or passport'],
  },
  'wohnsitz-anmelden': {
    name: 'Register your address',
    description: "Please bring the ID documents of everyone moving in and your landlord's confirmation of residence (Wohnungsgeberbestätigung).",
    requirements: ['ID documents of everyone moving in', "Your landlord's confirmation of residence"],
  },
  fuehrungszeugnis: {
    name: 'Apply for a certificate of good conduct',
    description: 'Please bring your ID card or passport; you can pay the fee in cash or by card.',
    requirements: ['Your ID card or passport', 'Fee: 13 euros, in cash or by card'],
  },
  'kfz-abmelden': {
    name: 'Deregister a vehicle',
    description: 'Please bring registration certificate part I, both number plates and your ID card.',
    requirements: ['Registration certificate part I', 'Both number plates', 'Your ID card'],
  },
  rathaus: {
    hint: 'The step-free entrance with a lift is at the back of the town hall, in Kirchgasse.',
    openingHoursText: 'Mon–Wed 8:00–12:00 and 13:00–16:00, Thu 8:00–12:00 and 13:00–18:00, Fri 8:00–12:00',
  },
  nord: { openingHoursText: 'Mon, Tue, Thu 8:00–12:00 and 13:00–16:00, Wed and Fri 8:00–12:00' },
  sued: { openingHoursText: 'Mon–Thu 8:00–12:00 and 13:00–15:30, Fri 8:00–12:00' },
};

function translated<T extends { id: string }>(item: T, fields: (keyof Texts & keyof T)[]): T {
  const texts = ENGLISH[item.id];
  if (!texts) return item;
  const copy = { ...item };
  for (const field of fields) if (texts[field] !== undefined && copy[field] !== undefined) Object.assign(copy, { [field]: texts[field] });
  return copy;
}

const location = (place: Location): Location => translated(place, ['hint', 'openingHoursText']);

export function englishCatalog(catalog: Catalog): Catalog {
  return {
    ...catalog,
    services: catalog.services.map((service) => translated(service, ['name', 'description', 'requirements'])),
    locations: catalog.locations.map(location),
  };
}

export function englishBooking(booking: Booking): Booking {
  return {
    ...booking,
    location: location(booking.location),
    services: booking.services.map((service) => translated(service, ['name', 'requirements'])),
  };
}

/** Whether the widget asked for English. */
export function wantsEnglish(request: Request): boolean {
  return (request.headers.get('Accept-Language') ?? '').toLowerCase().startsWith('en');
}
