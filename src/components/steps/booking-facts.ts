import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Location } from '../../api/schemas.js';
import { clock } from '../../clock.js';
import { downloadIcs } from '../../ics/download.js';
import { bookingToIcs, icsFileName, requirementsOf } from '../../ics/ics.js';
import { formatDateLong, formatTime, localDateOf } from '../../format/datetime.js';
import { phoneLink } from '../../i18n/error-message.js';
import type { Lang, Messages } from '../../i18n/messages.js';

/** How a view writes dates and times: in which words and language, on the office's clock. A step element is one. */
export interface Presentation {
  messages: Messages;
  lang: Lang;
  timeZone: string;
}

/** "Donnerstag, 3. Dezember 2026, 08:30 bis 08:45 Uhr" in the office's time zone. */
export function timeRange({ messages, lang, timeZone }: Presentation, start: string, end: string): string {
  return messages.review.timeRange(
    formatDateLong(localDateOf(start, timeZone), lang),
    formatTime(start, timeZone, lang),
    formatTime(end, timeZone, lang),
  );
}

/** "Mittwoch, 2. Dezember 2026, 09:00 Uhr" in the office's time zone. */
export const dateTime = (messages: Messages, lang: Lang, timeZone: string, instant: string) =>
  messages.common.dateTime(formatDateLong(localDateOf(instant, timeZone), lang), formatTime(instant, timeZone, lang));

export const serviceLines = (services: { name: string; quantity: number }[]) =>
  html`${services.map((service) => html`<span class="line">${service.quantity} × ${service.name}</span>`)}`;

export const locationLines = (location: Location) =>
  html`<span class="line">${location.name}</span>
    <span class="line">${location.address.street}</span>
    <span class="line">${location.address.postalCode} ${location.address.city}</span>
    ${location.hint ? html`<span class="line muted">${location.hint}</span>` : nothing}`;

/** What to bring, one list item a line; nothing when the backend names nothing. */
export const requirementList = (services: { requirements?: string[] }[]) => {
  const lines = requirementsOf(services);
  return lines.length ? html`<ul>${lines.map((line) => html`<li>${line}</li>`)}</ul>` : null;
};

/** "Do 8–12 Uhr" may wrap at its spaces, never inside "8–12": "Do 8–" above "12 Uhr" reads as two times. */
const unbrokenRanges = (text: string) =>
  text.split(/(\S+[–-]\S+)/).map((part, index) => (index % 2 ? html`<span class="nowrap">${part}</span>` : part));

/** A summary row without "Ändern"; none where there is nothing to say. */
const row = (label: string, value: unknown) =>
  value ? html`<div class="summary-row"><dt>${label}</dt><dd>${value}</dd></div>` : nothing;

/**
 * The rows both the confirmation and the manage view show: time, place and services of a booking, how
 * to reach the office and what to bring. The map link is of no use on paper.
 */
export function bookingRows(view: Presentation, booking: Booking): TemplateResult {
  const { location } = booking;
  const { messages } = view;
  const m = messages.done;
  return html`${row(messages.review.datetime, timeRange(view, booking.start, booking.end))}
    ${row(messages.review.location, html`${locationLines(location)}${location.mapUrl
      ? html`<span class="line no-print"><a href=${location.mapUrl} target="_blank">${m.map}</a></span>`
      : nothing}`)}
    ${row(m.phone, location.phone && phoneLink(location.phone))}
    ${row(m.openingHours, location.openingHoursText && unbrokenRanges(location.openingHoursText))}
    ${row(messages.review.services, serviceLines(booking.services))}
    ${row(messages.review.requirements, requirementList(booking.services))}`;
}

/** Downloads the view's booking as an .ics file; the link back to this page is kept, its fragment (a token) is not. */
export function saveToCalendar({ booking, messages, lang }: { booking: Booking; messages: Messages; lang: Lang }): void {
  const content = bookingToIcs(booking, { messages, lang, now: clock.now(), pageUrl: location.href.split('#')[0] });
  downloadIcs(content, icsFileName(booking));
}
