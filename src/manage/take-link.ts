import type { BookingRef, LinkFormat } from '../api/port.js';

/**
 * Reads a booking link from the address bar and removes it there right away (`replaceState`), so that the
 * token neither stays in the history nor travels when the citizen copies the address. The first format
 * that understands the fragment wins: a backend's own links, then ours.
 */
export function takeBookingLink(formats: LinkFormat[]): BookingRef | null {
  for (const format of formats) {
    const ref = format.parse(window.location.hash);
    if (!ref) continue;
    history.replaceState(history.state, '', window.location.href.split('#')[0]);
    return ref;
  }
  return null;
}
