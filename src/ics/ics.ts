/**
 * The "add to calendar" file: one RFC 5545 VEVENT per booking. Times are written in UTC, so the file needs
 * no VTIMEZONE and every calendar app shows the appointment in its own zone.
 */
import type { Booking } from '../api/schemas.js';
import type { Lang, Messages } from '../i18n/messages.js';

export interface IcsOptions {
  messages: Messages;
  lang: Lang;
  /** The DTSTAMP: when the file was made. */
  now: Date;
  /** The page with the widget, where the citizen can reschedule or cancel. */
  pageUrl?: string;
}

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines are at most 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** RFC 5545 §3.3.11. Control characters other than tab are not allowed in TEXT at all. */
export function escapeText(text: string): string {
  return text
    // `$&` is the character found: a backslash goes before it.
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\r\n?|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds by UTF-8 octets but steps by code point, so a multi-byte character never straddles a fold. */
export function fold(line: string): string {
  let folded = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_LINE_OCTETS) {
      folded += `${CRLF} `;
      octets = 1;
    }
    folded += char;
    octets += size;
  }
  return folded;
}

/** `2026-12-03T08:30:00+01:00` → `20261203T073000Z` (RFC 5545 §3.3.5, form 2). */
export function utcDateTime(instant: string | Date): string {
  return new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** What to bring for these services, each line once, in the order of the services. */
export const requirementsOf = (services: { requirements?: string[] }[]): string[] => [
  ...new Set(services.flatMap((service) => service.requirements ?? [])),
];

export function bookingToIcs(booking: Booking, { messages, lang, now, pageUrl }: IcsOptions): string {
  const text = messages.ics;
  const services = booking.services
    .map(({ name, quantity }) => (quantity > 1 ? text.quantity(quantity, name) : name))
    .join(', ');
  const { name, address, hint, phone } = booking.location;
  const requirements = requirementsOf(booking.services);
  const place = [name, address.street, `${address.postalCode} ${address.city}`.trim()].filter(Boolean).join(', ');
  const pending = booking.status === 'pending';
  const description = [
    pending ? text.pending : '',
    text.bookingCode(booking.code),
    text.services(services),
    requirements.length ? [`${messages.review.requirements}:`, ...requirements].join('\n- ') : '',
    hint ? text.locationHint(hint) : '',
    phone ? `${messages.done.phone}: ${phone}` : '',
    text.manageHint,
    pageUrl ? text.managePage(pageUrl) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const language = `LANGUAGE=${lang}`;

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//termin-buchen//termin-buchen//${lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // Stable per booking, so importing the file again after rescheduling updates the event instead of adding one.
    `UID:${escapeText(booking.code)}@termin-buchen`,
    `DTSTAMP:${utcDateTime(now)}`,
    `DTSTART:${utcDateTime(booking.start)}`,
    `DTEND:${utcDateTime(booking.end)}`,
    `SUMMARY;${language}:${escapeText(text.summary(services))}`,
    `LOCATION;${language}:${escapeText(place)}`,
    `DESCRIPTION;${language}:${escapeText(description)}`,
    `STATUS:${pending ? 'TENTATIVE' : 'CONFIRMED'}`,
    ...(pageUrl ? [`URL:${pageUrl}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}

export function icsFileName(booking: Pick<Booking, 'code'>): string {
  return `termin-${booking.code.replace(/[^A-Za-z0-9-]+/g, '-')}.ics`;
}
