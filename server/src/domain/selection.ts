/** A citizen's choice of services at a location, checked against the town file. */
import type { ServiceSelection } from '../../../src/api/schemas.js';
import type { LocationConfig, TownConfig } from '../config/town-schema.js';
import { DomainError, invalidInput } from './errors.js';

export interface CheckedSelection {
  location: LocationConfig;
  services: ServiceSelection[];
  /** Sum of duration × quantity: how long the appointment takes one counter. */
  lengthMinutes: number;
}

export function findLocation(town: TownConfig, locationId: string, field = 'location'): LocationConfig {
  const location = town.locations.find((candidate) => candidate.id === locationId);
  if (!location) throw invalidInput(field, 'unknown');
  return location;
}

/** Rejects unknown locations, services the location does not offer, repeats and quantities out of range. */
export function checkSelection(
  town: TownConfig,
  locationId: string,
  services: readonly ServiceSelection[],
  fields = { location: 'location', services: 'services' },
): CheckedSelection {
  const location = findLocation(town, locationId, fields.location);
  if (services.length === 0) throw invalidInput(fields.services, 'required');
  if (new Set(services.map((selection) => selection.id)).size !== services.length) throw invalidInput(fields.services, 'duplicate');
  let lengthMinutes = 0;
  for (const { id, quantity } of services) {
    const service = town.services.find((candidate) => candidate.id === id);
    if (!service || !location.services.includes(id)) throw invalidInput(fields.services, 'not_offered');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > service.maxQuantity) {
      throw invalidInput(fields.services, 'quantity');
    }
    lengthMinutes += service.durationMinutes * quantity;
  }
  return { location, services: services.map(({ id, quantity }) => ({ id, quantity })), lengthMinutes };
}

/** `personalausweis:2,meldebescheinigung:1` → selections; anything else is invalid input. */
export function parseServicesParameter(value: string | undefined): ServiceSelection[] {
  if (!value) throw new DomainError('invalid_input', [{ field: 'services', code: 'required' }]);
  return value.split(',').map((pair) => {
    const match = /^([A-Za-z0-9._~-]+):([1-9][0-9]{0,2})$/.exec(pair);
    if (!match) throw invalidInput('services', 'invalid');
    return { id: match[1], quantity: Number(match[2]) };
  });
}
