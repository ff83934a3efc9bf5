import { html, nothing } from 'lit';
import type { Location } from '../../api/schemas.js';
import { formatDateLong, formatTime, localDateOf } from '../../format/datetime.js';
import type { Lang, Messages } from '../../i18n/messages.js';

/** "Donnerstag, 3. Dezember 2026, 08:30 bis 08:45 Uhr" in the office's time zone. */
export function timeRange(messages: Messages, lang: Lang, timeZone: string, start: string, end: string): string {
  return messages.review.timeRange(
    formatDateLong(localDateOf(start, timeZone), lang),
    formatTime(start, timeZone, lang),
    formatTime(end, timeZone, lang),
  );
}

export const serviceLines = (services: { name: string; quantity: number }[]) =>
  html`${services.map((service) => html`<span class="line">${service.quantity} × ${service.name}</span>`)}`;

export const locationLines = (location: Location) =>
  html`<span class="line">${location.name}</span>
    <span class="line">${location.address.street}</span>
    <span class="line">${location.address.postalCode} ${location.address.city}</span>
    ${location.hint ? html`<span class="line muted">${location.hint}</span>` : nothing}`;
