/** Booking through the contract, for the message tests: hold the first free slot of a day, then book it. */
import { randomUUID } from 'node:crypto';
import { BookingResponse, Hold, type Booking } from '../../../src/api/schemas.js';
import { freeSlots, hold, JSON_HEADERS } from './booking-client.js';

export interface BookingOptions {
  locationId: string;
  date: string;
  email: string;
  locale?: 'de' | 'en';
  person?: Record<string, string>;
  reminders?: { sms: boolean };
  idempotencyKey?: string;
  /** Which free slot of the day, counted from 0. */
  slot?: number;
}

export async function holdFirstFree(base: string, locationId: string, date: string, slot = 0): Promise<string> {
  const slots = await freeSlots(base, locationId, date);
  const start = slots[slot]?.start;
  if (!start) throw new Error(`no free slot at ${locationId} on ${date}`);
  const held = await hold(base, locationId, start);
  if (held.status !== 201) throw new Error(`hold answered ${held.status}`);
  return Hold.parse(await held.json()).id;
}

export async function postBooking(base: string, holdId: string, options: BookingOptions): Promise<Response> {
  return fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'Idempotency-Key': options.idempotencyKey ?? randomUUID() },
    body: JSON.stringify({
      holdId,
      person: { firstName: 'Erika', lastName: 'Mustermann', email: options.email, ...options.person },
      locale: options.locale ?? 'de',
      ...(options.reminders ? { reminders: options.reminders } : {}),
    }),
  });
}

export async function book(base: string, options: BookingOptions): Promise<Booking> {
  const holdId = await holdFirstFree(base, options.locationId, options.date, options.slot);
  const response = await postBooking(base, holdId, options);
  if (response.status !== 201) throw new Error(`booking answered ${response.status}: ${await response.text()}`);
  return BookingResponse.parse(await response.json()).booking;
}

/** Code and token from a manage link `…#termin=<code>.<token>`. */
export function fromManageLink(link: string): { code: string; token: string } {
  const match = /#termin=([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(link);
  if (!match) throw new Error(`not a manage link: ${link}`);
  return { code: match[1], token: match[2] };
}

export function manageLinkIn(text: string): string {
  const match = /https?:\/\/\S+#termin=[A-Za-z0-9_.-]+/.exec(text);
  if (!match) throw new Error('no manage link in the message');
  return match[0];
}
