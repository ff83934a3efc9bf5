/**
 * The links ZMS's e-mails carry, built by eappointment's mail templates as
 * `{urlAppointments}#/appointment/confirm/{base64(json_encode({"id":processId,"authKey":authKey}))}` (the
 * activation link) and `{urlAppointments}#/appointment/{same}` (the link to cancel). Mail clients and
 * redirectors strip the base64 padding or percent-encode the fragment, once or twice; all of that is read.
 * Both kinds become a plain BookingRef: the manage view confirms a pending booking whichever it was.
 */
import * as z from 'zod/mini';
import { percentDecoded } from '../fragment.js';
import type { BookingRef, LinkFormat } from '../port.js';

const ROUTE = /^\/appointment\/(?:confirm\/)?([A-Za-z0-9+/_ -]+=*)\/?$/;

/** `id` is an int in the templates' JSON; a string of digits is read as well. authKey: 4 or 64 hex digits. */
const LinkPayload = z.object({
  id: z.union([z.int().check(z.positive()), z.string().check(z.regex(/^[1-9]\d*$/))]),
  authKey: z.string().check(z.regex(/^(?:[0-9a-fA-F]{4}|[0-9a-fA-F]{64})$/)),
});


/** Standard or URL-safe alphabet, padding or none; a `+` that a mail client turned into a space is one again. */
function base64Decoded(text: string): string | null {
  const standard = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return null;
  try {
    const bytes = Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '=')), (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function parseZmsLink(hash: string): BookingRef | null {
  const route = ROUTE.exec(percentDecoded(hash).trim().replace(/^#/, ''));
  if (!route) return null;
  // A trailing `/` may be the route's or the last base64 character: whichever decodes.
  for (const encoded of new Set([route[1], route[1].replace(/\/$/, '')])) {
    const ref = refOf(base64Decoded(encoded));
    if (ref) return ref;
  }
  return null;
}

function refOf(json: string | null): BookingRef | null {
  if (!json) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = LinkPayload.safeParse(payload);
  return parsed.success ? { code: String(parsed.data.id), token: parsed.data.authKey } : null;
}

/** The cancel link of ZMS's e-mails, on the page the widget is on. */
export function zmsManageUrl(pageUrl: string, { code, token }: BookingRef): string {
  const json = JSON.stringify({ id: /^\d+$/.test(code) ? Number(code) : code, authKey: token });
  return `${pageUrl.split('#')[0]}#/appointment/${btoa(json)}`;
}

export const zmsLinks: LinkFormat = { parse: parseZmsLink, url: zmsManageUrl };
