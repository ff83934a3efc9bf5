/** Dates, times and labels as German staff read them, in the town's zone. */
import type { TownConfig } from '../config/town-schema.js';
import type { StaffBooking } from '../store/staff-bookings.js';

export function timeOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', { timeZone, hour: '2-digit', minute: '2-digit' }).format(instant);
}

export function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(Date.UTC(year, month - 1, date)));
}

export function dateTimeOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

export function serviceList(town: TownConfig, services: StaffBooking['services']): string {
  return services
    .map(({ id, quantity }) => {
      const name = town.services.find((service) => service.id === id)?.name.de ?? id;
      return quantity > 1 ? `${quantity} × ${name}` : name;
    })
    .join(', ');
}

export function locationName(town: TownConfig, locationId: string): string {
  return town.locations.find((location) => location.id === locationId)?.name.de ?? locationId;
}

export type DisplayStatus = 'pending' | 'confirmed' | 'arrived' | 'missed' | 'cancelled' | 'released';

export function displayStatus(booking: Pick<StaffBooking, 'status' | 'attendance'>): DisplayStatus {
  if (booking.status === 'cancelled' || booking.status === 'released') return booking.status;
  return booking.attendance ?? booking.status;
}

export const STATUS_LABEL: Record<DisplayStatus, string> = {
  pending: 'Unbestätigt',
  confirmed: 'Bestätigt',
  arrived: 'Erschienen',
  missed: 'Nicht erschienen',
  cancelled: 'Abgesagt',
  released: 'Verfallen',
};

export function personName(booking: Pick<StaffBooking, 'person'>): string {
  return booking.person ? `${booking.person.firstName} ${booking.person.lastName}` : '(gelöscht)';
}
