/**
 * GET /offices-and-services/ as the widget's catalog: offices become locations, services become
 * services, and every public office–service relation becomes an offer. What ZMS does not say (time zone,
 * horizon, privacy policy) is filled in from what ZMS is: Munich's and Berlin's system.
 */
import type { Catalog, FormRules, Location, ServiceSelection } from '../schemas.js';
import type { Combinable, Office, OfficesAndServices, Relation, Scope } from './wire.js';
import { ZMS_TIME_ZONE } from './time.js';

/** Offices that do not set `slotTimeInMinutes`; eappointment's own frontend then shows no duration at all. */
const DEFAULT_SLOT_MINUTES = 10;
/** ZMS answers at most 365 days of calendar in one request, so nothing later can be booked online. */
const HORIZON_DAYS = 365;
/** The citizen API checks `serviceCount` between 1 and 25. */
const MAX_COUNT = 25;

export const slotMinutes = (office: Office) => (office.slotTimeInMinutes && office.slotTimeInMinutes > 0 ? office.slotTimeInMinutes : DEFAULT_SLOT_MINUTES);

export function officeById(wire: OfficesAndServices, id: string): Office | undefined {
  return wire.offices.find((office) => String(office.id) === id);
}

/** Relations a citizen may book: public, and not switched off for that service at that office. */
export function bookableRelations(wire: OfficesAndServices): Relation[] {
  return wire.relations.filter((relation) => {
    const office = wire.offices.find((candidate) => candidate.id === relation.officeId);
    const service = wire.services.some((candidate) => candidate.id === relation.serviceId);
    const disabled = office?.disabledByServices?.some((id) => Number(id) === relation.serviceId);
    return office && service && relation.public !== false && !disabled;
  });
}

function relation(wire: OfficesAndServices, officeId: string, serviceId: string): Relation | undefined {
  return wire.relations.find((candidate) => String(candidate.officeId) === officeId && String(candidate.serviceId) === serviceId);
}

/** Minutes an appointment takes at an office: each service's slots there, times its count, times the office's slot. */
export function appointmentMinutes(wire: OfficesAndServices, officeId: string, services: ServiceSelection[]): number {
  const office = officeById(wire, officeId);
  if (!office) return 0;
  return services.reduce((sum, { id, quantity }) => sum + quantity * (relation(wire, officeId, id)?.slots || 1) * slotMinutes(office), 0);
}

/** The office ids a service may be combined with another at, as the main service's `combinable` lists them. */
function combinableAt(combinable: Combinable | null | undefined, otherServiceId: string): string[] {
  if (!combinable || Array.isArray(combinable)) return [];
  for (const entry of Object.values(combinable)) {
    if (Object.hasOwn(entry, otherServiceId)) return entry[otherServiceId].map(String);
  }
  return [];
}

/**
 * ZMS books several services in one appointment only where it allows that combination: the citizen picks
 * a main service, and its `combinable` lists the others with the offices that take them together.
 */
export function fitTogether(wire: OfficesAndServices, officeId: string, serviceIds: string[]): boolean {
  if (serviceIds.length < 2) return true;
  return serviceIds.some((mainId) => {
    const main = wire.services.find((service) => String(service.id) === mainId);
    return serviceIds.every((otherId) => otherId === mainId || combinableAt(main?.combinable, otherId).includes(officeId));
  });
}

export function toLocation(office: Office, scope: Scope | null | undefined = office.scope): Location {
  const provider = scope?.provider;
  const contact = provider?.contact;
  const street = [contact?.street, contact?.streetNumber].filter(Boolean).join(' ');
  const name = office.name || provider?.displayName || provider?.name || String(office.id);
  return {
    id: String(office.id),
    name,
    address: { street, postalCode: contact?.postalCode ?? '', city: contact?.city ?? '' },
    ...(scope?.hint ? { hint: scope.hint } : {}),
    // Every ZMS booking is preconfirmed first and becomes an appointment only through the e-mail's link.
    doubleOptIn: true,
  };
}

/** Scope flags are per office; one form serves all offices, so it asks what the most demanding office asks. */
function fieldRule(scopes: Scope[], activated: (scope: Scope) => boolean | null | undefined, required: (scope: Scope) => boolean | null | undefined): FormRules['phone'] {
  const asking = scopes.filter((scope) => activated(scope) === true);
  if (asking.some((scope) => required(scope) === true)) return 'required';
  return asking.length > 0 ? 'optional' : 'hidden';
}

export function toCatalog(wire: OfficesAndServices, privacyPolicyUrl: string): Catalog {
  const relations = bookableRelations(wire);
  const offices = wire.offices.filter((office) => relations.some((relation) => relation.officeId === office.id));
  const services = wire.services.filter((service) => relations.some((relation) => relation.serviceId === service.id));
  const scopes = offices.flatMap((office) => office.scope ?? []);
  return {
    timeZone: ZMS_TIME_ZONE,
    privacyPolicyUrl,
    services: services.map((service) => ({
      id: String(service.id),
      name: service.name,
      // Offices differ; the longest one is what a citizen should plan for.
      durationMinutes: Math.max(...relations
        .filter((relation) => relation.serviceId === service.id)
        .map((relation) => appointmentMinutes(wire, String(relation.officeId), [{ id: String(service.id), quantity: 1 }]))),
      maxQuantity: Math.min(MAX_COUNT, Math.max(1, service.maxQuantity ?? 1)),
    })),
    locations: offices.map((office) => toLocation(office)),
    offers: relations.map((relation) => ({ serviceId: String(relation.serviceId), locationId: String(relation.officeId) })),
    form: {
      phone: fieldRule(scopes, (scope) => scope.telephoneActivated, (scope) => scope.telephoneRequired),
      // ZMS keeps neither an address nor a birth date.
      address: 'hidden',
      birthDate: 'hidden',
      // The office's first free text field; its own label cannot be shown, see docs/embedding.md.
      notes: fieldRule(scopes, (scope) => scope.customTextfieldActivated, (scope) => scope.customTextfieldRequired),
    },
    bookingHorizonDays: HORIZON_DAYS,
  };
}
