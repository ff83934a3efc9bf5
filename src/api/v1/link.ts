/**
 * The manage link a v1 backend's e-mail carries: `<page>#termin=<code>.<token>`. The token works like a
 * password for one booking, so the manage view reads it once and removes it from the address bar.
 */
import { percentDecoded } from '../fragment.js';
import type { BookingRef, LinkFormat } from '../port.js';

const FRAGMENT_KEY = 'termin';

/** `k7q 4xp`, `K7Q--4XP` and `k7q4xp` all become `K7Q-4XP`: codes are printed in groups of three. */
export function normaliseCode(input: string): string {
  const characters = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return characters.match(/.{1,3}/g)?.join('-') ?? '';
}


/** The booking a `#termin=…` fragment points to, tolerating percent-encoding and trailing punctuation. */
export function parseManageFragment(hash: string): BookingRef | null {
  const text = percentDecoded(hash).trim().replace(/^#/, '');
  const match = new RegExp(`^${FRAGMENT_KEY}=([^.]+)\\.([A-Za-z0-9_~-][A-Za-z0-9._~-]*)`).exec(text);
  if (!match) return null;
  const code = normaliseCode(match[1]);
  // A sentence ending right after the link leaves a full stop that is not part of the token.
  const token = match[2].replace(/\.+$/, '');
  return code ? { code, token } : null;
}

/** The link to manage a booking on the page the widget is on. */
export function manageUrl(pageUrl: string, ref: BookingRef): string {
  return `${pageUrl.split('#')[0]}#${FRAGMENT_KEY}=${encodeURIComponent(ref.code)}.${encodeURIComponent(ref.token)}`;
}

export const v1Links: LinkFormat = { parse: parseManageFragment, url: manageUrl };
