/** Who may see what: a clerk their own locations, an admin everything (and closures, feeds, audit log). */
import type { LocationConfig, TownConfig } from '../config/town-schema.js';
import type { StaffAccount } from '../store/staff-accounts.js';

export class Forbidden extends Error {
  constructor() {
    super('forbidden');
    this.name = 'Forbidden';
  }
}

export class NotFound extends Error {
  constructor() {
    super('not found');
    this.name = 'NotFound';
  }
}

export function visibleLocations(town: TownConfig, staff: StaffAccount): LocationConfig[] {
  return staff.role === 'admin' ? [...town.locations] : town.locations.filter((location) => staff.locations.includes(location.id));
}

export function mayAccess(staff: StaffAccount, locationId: string): boolean {
  return staff.role === 'admin' || staff.locations.includes(locationId);
}

/** The location asked for, when this account may see it; the first of its own when none was asked for. */
export function chooseLocation(town: TownConfig, staff: StaffAccount, requested: string | undefined): LocationConfig {
  const visible = visibleLocations(town, staff);
  if (!requested) {
    if (visible.length === 0) throw new Forbidden();
    return visible[0];
  }
  const location = town.locations.find((candidate) => candidate.id === requested);
  if (!location) throw new NotFound();
  if (!mayAccess(staff, location.id)) throw new Forbidden();
  return location;
}

export function requireAdmin(staff: StaffAccount): void {
  if (staff.role !== 'admin') throw new Forbidden();
}
