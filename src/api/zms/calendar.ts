/**
 * GET /available-calendar/ as days and slots. ZMS answers a range of days with every free start as unix
 * seconds, grouped by a `date` of its own; the adapter groups by the Berlin day each start falls on
 * instead, the rule the widget's domain follows (a slot belongs to the day on which it starts).
 */
import type { DaysResponse, ServiceSelection, SlotsResponse } from '../schemas.js';
import { berlinDayOfUnixSeconds, instantOfUnixSeconds } from './time.js';
import type { AvailableCalendar } from './wire.js';

/** The calendar's query: ids and counts as comma-separated lists (`serviceCounts`, unlike reserve's `serviceCount`). */
export function calendarQuery(officeId: string, services: ServiceSelection[], from: string, to: string): Record<string, string> {
  return {
    startDate: from,
    endDate: to,
    officeIds: officeId,
    serviceIds: services.map((service) => service.id).join(','),
    serviceCounts: services.map((service) => service.quantity).join(','),
  };
}

/** Free starts (unix seconds) per Berlin day from `from` to `to`, ascending, for one office. */
export function startsByDay(calendar: AvailableCalendar, officeId: string, from: string, to: string): Map<string, number[]> {
  const starts = new Set<number>();
  for (const day of calendar.availableDays) {
    for (const office of day.offices ?? []) {
      if (String(office.officeId) === officeId) for (const start of office.appointments ?? []) starts.add(start);
    }
  }
  const byDay = new Map<string, number[]>();
  for (const start of [...starts].sort((a, b) => a - b)) {
    const day = berlinDayOfUnixSeconds(start);
    if (day < from || day > to) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), start]);
  }
  return byDay;
}

export function toDays(byDay: Map<string, number[]>, calendar: AvailableCalendar, to: string): DaysResponse {
  const days = [...byDay].map(([date, starts]) => ({ date, free: starts.length })).sort((a, b) => a.date.localeCompare(b.date));
  const next = calendar.nextBookableDate;
  return { days, nextAvailable: next && next > to ? next : null };
}

export function toSlots(starts: number[], minutes: number): SlotsResponse {
  return { slots: starts.map((start) => ({ start: instantOfUnixSeconds(start), end: instantOfUnixSeconds(start + minutes * 60) })) };
}
