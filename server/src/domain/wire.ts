/**
 * The town and its bookings in the contract's wire format (`src/api/schemas.ts`), in the language the
 * widget asked for. Domain rows never leave the server in any other shape.
 */
import type { Booking, Catalog, Locale, Location } from '../../../src/api/schemas.js';
import { formatInstant } from '../../../src/format/zoned-day.js';
import type { LocationConfig, ServiceConfig, TownConfig } from '../config/town-schema.js';
import { erasureDue } from './retention.js';

export function toWireLocation(location: LocationConfig, locale: Locale): Location {
  return {
    id: location.id,
    name: location.name[locale],
    address: { ...location.address },
    ...(location.hint ? { hint: location.hint[locale] } : {}),
    doubleOptIn: location.doubleOptIn,
    ...(location.phone ? { phone: location.phone } : {}),
    ...(location.openingHoursText ? { openingHoursText: location.openingHoursText[locale] } : {}),
    ...(location.mapUrl ? { mapUrl: location.mapUrl } : {}),
  };
}

/** What to bring, in the catalog and in each booking alike; left out where the town lists nothing. */
function requirementsOf(service: ServiceConfig, locale: Locale): { requirements?: string[] } {
  return service.requirements.length > 0 ? { requirements: service.requirements.map((line) => line[locale]) } : {};
}

export function toCatalog(town: TownConfig, locale: Locale): Catalog {
  return {
    timeZone: town.timeZone,
    privacyPolicyUrl: town.privacyPolicyUrl,
    bookingHorizonDays: town.rules.bookingHorizonDays,
    form: { ...town.form },
    services: town.services.map((service) => ({
      id: service.id,
      name: service.name[locale],
      ...(service.description ? { description: service.description[locale] } : {}),
      durationMinutes: service.durationMinutes,
      maxQuantity: service.maxQuantity,
      ...requirementsOf(service, locale),
    })),
    locations: town.locations.map((location) => toWireLocation(location, locale)),
    offers: town.locations.flatMap((location) =>
      location.services.map((serviceId) => ({ serviceId, locationId: location.id }))),
    reminders: { sms: town.reminders.sms },
    contact: { phone: town.contact.phone, email: town.contact.email },
    // Only where it is asked for: other towns' catalogs stay as they were.
    ...(town.rules.proofOfWork ? { proofOfWork: true } : {}),
  };
}

/** What the store knows of a booking that the contract shows; no personal data. */
export interface BookingFacts {
  code: string;
  status: 'pending' | 'confirmed';
  locationId: string;
  services: { id: string; quantity: number }[];
  start: Date;
  end: Date;
  /** A pending booking's deadline for opening the e-mail's link; null once confirmed. */
  confirmBy?: Date | null;
}

export function toWireBooking(town: TownConfig, facts: BookingFacts, token: string, locale: Locale): Booking {
  const location = town.locations.find((candidate) => candidate.id === facts.locationId);
  if (!location) throw new Error(`The booking's location ${facts.locationId} is no longer in the town file`);
  return {
    code: facts.code,
    token,
    status: facts.status,
    start: formatInstant(facts.start.getTime(), town.timeZone),
    end: formatInstant(facts.end.getTime(), town.timeZone),
    // The rule cancel and reschedule enforce (store/bookings.ts): not closer to the start than this.
    changeableUntil: formatInstant(facts.start.getTime() - town.rules.changeDeadlineHours * 3_600_000, town.timeZone),
    ...(facts.status === 'pending' && facts.confirmBy ? { confirmBy: formatInstant(facts.confirmBy.getTime(), town.timeZone) } : {}),
    erasesAt: formatInstant(erasureDue(facts, town.retention).getTime(), town.timeZone),
    location: toWireLocation(location, locale),
    services: facts.services.map(({ id, quantity }) => {
      const service = town.services.find((candidate) => candidate.id === id);
      return { id, name: service?.name[locale] ?? id, quantity, ...(service ? requirementsOf(service, locale) : {}) };
    }),
  };
}
