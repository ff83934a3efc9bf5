/**
 * ZMS's ThinnedProcess as the widget's Booking. The appointment endpoints answer with the process, but not
 * always a complete one (a preconfirmed process comes back with an empty scope and office 0), so what
 * the adapter already knows (the held slot, the catalog) fills in where the process is silent.
 */
import { BackendError } from '../port.js';
import type { Booking, Location } from '../schemas.js';
import { officeById, slotMinutes, appointmentMinutes, toLocation } from './catalog.js';
import { instantOfUnixSeconds } from './time.js';
import type { OfficesAndServices, ThinnedProcess } from './wire.js';

/** Where and what, for a booking: from the held slot, or read from the process and the catalog. */
export interface BookingFacts {
  location: Location;
  services: Booking['services'];
  start: string;
  end: string;
}

const ENDED = ['finished', 'missed', 'archived', 'anonymized'];
const PENDING = ['reserved', 'preconfirmed'];
const BOOKED = ['confirmed', 'queued', 'called', 'processing', 'pending', 'parked'];

/**
 * ZMS's status in the widget's two: `preconfirmed` waits for the e-mail's link (pending); from `confirmed`
 * on, the appointment stands. `deleted` is ZMS's word for cancelled; ended ones cannot be managed.
 */
export function statusOf(process: ThinnedProcess, operation: string): Booking['status'] {
  const status = process.status ?? '';
  if (PENDING.includes(status)) return 'pending';
  if (BOOKED.includes(status)) return 'confirmed';
  if (status === 'deleted') {
    throw new BackendError({
      reason: 'not_found',
      code: 'deleted',
      message: `${operation}: the appointment is cancelled`,
      text: { de: 'Dieser Termin ist bereits abgesagt.', en: 'This appointment has already been cancelled.' },
    });
  }
  if (ENDED.includes(status)) {
    throw new BackendError({
      reason: 'gone',
      code: status,
      message: `${operation}: the appointment is over`,
      text: { de: 'Dieser Termin ist vorbei.', en: 'This appointment is over.' },
    });
  }
  throw new BackendError({ reason: 'invalid_response', code: 'invalid_response', message: `${operation}: status ${status || 'missing'}` });
}

/** The services a process names, by the catalog's names where the process leaves them out. */
function servicesOf(process: ThinnedProcess, wire: OfficesAndServices | null): Booking['services'] {
  const nameOf = (id: string, fallback: string | null | undefined) =>
    wire?.services.find((service) => String(service.id) === id)?.name || fallback || '';
  const main = process.serviceId ? [{ id: String(process.serviceId), name: nameOf(String(process.serviceId), process.serviceName), quantity: process.serviceCount || 1 }] : [];
  const further = (process.subRequestCounts ?? []).map((sub) => ({ id: String(sub.id), name: nameOf(String(sub.id), sub.name), quantity: sub.count }));
  return [...main, ...further].filter((service) => service.name && service.quantity > 0);
}

/** Where and what, when nothing but the process and the catalog tell it (a booking opened by its link). */
export function factsOfProcess(process: ThinnedProcess, wire: OfficesAndServices | null, operation: string): BookingFacts {
  const officeId = String(process.officeId ?? '');
  const office = wire && officeById(wire, officeId);
  const services = servicesOf(process, wire);
  const startSeconds = Number(process.timestamp);
  if (!process.officeId || services.length === 0) {
    throw new BackendError({ reason: 'invalid_response', code: 'invalid_response', message: `${operation}: the appointment names no office or service` });
  }
  const location = office
    ? toLocation(office)
    : toLocation({ id: process.officeId, name: process.officeName ?? process.scope?.provider?.displayName }, process.scope);
  const minutes = office
    ? process.slotCount ? process.slotCount * slotMinutes(office) : appointmentMinutes(wire, officeId, services)
    : (process.slotCount || 1) * slotMinutes({ id: process.officeId });
  return {
    location,
    services,
    start: instantOfUnixSeconds(startSeconds),
    end: instantOfUnixSeconds(startSeconds + minutes * 60),
  };
}

/** `confirmBy`: when the activation link stops working, if the office says how long it lasts. */
export function toBooking(process: ThinnedProcess, facts: BookingFacts, status: Booking['status'], confirmBy?: string): Booking {
  return {
    code: String(process.processId),
    token: process.authKey,
    status,
    ...facts,
    // ZMS cancels only appointments that have not begun.
    changeableUntil: facts.start,
    ...(status === 'pending' && confirmBy ? { confirmBy } : {}),
  };
}
