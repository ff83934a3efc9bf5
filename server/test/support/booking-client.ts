/** A few contract calls for process-level tests: find free slots, hold one, book it. */
import { randomUUID } from 'node:crypto';
import { BookingResponse, Hold, SlotsResponse, type Slot } from '../../../src/api/schemas.js';

export const JSON_HEADERS = { 'Content-Type': 'application/json' };

export async function freeSlots(base: string, locationId: string, date: string, services = 'personalausweis:1'): Promise<Slot[]> {
  const response = await fetch(`${base}/api/v1/slots?location=${locationId}&services=${services}&date=${date}`);
  if (response.status !== 200) throw new Error(`slots answered ${response.status}`);
  return SlotsResponse.parse(await response.json()).slots;
}

export async function hold(base: string, locationId: string, start: string, services = [{ id: 'personalausweis', quantity: 1 }]): Promise<Response> {
  return fetch(`${base}/api/v1/holds`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ locationId, services, start }) });
}

export interface Booked {
  code: string;
  token: string;
  start: string;
  locationId: string;
}

/** Holds `start` and books it for `email`; undefined when the slot is taken (409). */
export async function holdAndBook(base: string, locationId: string, start: string, email: string): Promise<Booked | undefined> {
  const held = await hold(base, locationId, start);
  if (held.status === 409) return undefined;
  if (held.status !== 201) throw new Error(`hold answered ${held.status}`);
  const { id } = Hold.parse(await held.json());
  const response = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ holdId: id, person: { firstName: 'Test', lastName: 'Person', email }, locale: 'de' }),
  });
  if (response.status !== 201) throw new Error(`booking answered ${response.status}`);
  const { booking } = BookingResponse.parse(await response.json());
  return { code: booking.code, token: booking.token, start: booking.start, locationId };
}
