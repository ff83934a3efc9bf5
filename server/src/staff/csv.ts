/**
 * The day as CSV for spreadsheet programs: UTF-8 with a byte order mark (so Excel shows umlauts), semicolons
 * (the separator German Excel expects), CRLF. Cells that a spreadsheet would run as a formula get a quote.
 */
import type { TownConfig } from '../config/town-schema.js';
import type { StaffBooking } from '../store/staff-bookings.js';
import { displayStatus, serviceList, STATUS_LABEL, timeOf } from './format.js';

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function dayCsv(town: TownConfig, bookings: readonly StaffBooking[]): string {
  const header = ['Beginn', 'Ende', 'Buchungsnummer', 'Status', 'Leistungen', 'Vorname', 'Nachname', 'Telefon', 'E-Mail', 'Hinweise'];
  const rows = bookings.map((booking) => [
    timeOf(booking.start, town.timeZone), timeOf(booking.end, town.timeZone), booking.code, STATUS_LABEL[displayStatus(booking)],
    serviceList(town, booking.services), booking.person?.firstName ?? '', booking.person?.lastName ?? '', booking.person?.phone ?? '',
    booking.person?.email ?? '', booking.person?.notes ?? '',
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
