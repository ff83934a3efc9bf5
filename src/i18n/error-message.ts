import { html, nothing } from 'lit';
import type { BackendError, ErrorReason } from '../api/port.js';
import type { Lang, Messages } from './messages.js';

/**
 * The citizen-facing sentence for a failed request: the adapter's own text for its backend's code where
 * it brings one, else the sentence for the reason. The code means nothing to a citizen: it travels in
 * the `termin-error` event and the console.
 */
export function errorMessage(messages: Messages, lang: Lang, error: BackendError): string {
  return error.text?.[lang] ?? messages.errors[error.reason === 'aborted' ? 'unavailable' : error.reason];
}

/** Failures the citizen can get past online; every other one ends online booking for now. */
const ONLINE: ErrorReason[] = ['slot_taken', 'hold_expired', 'invalid_input', 'not_found', 'not_allowed', 'rate_limited', 'proof_failed'];

/** A phone number as printed, dialled as digits: "0123 4567-0" calls tel:012345670. */
export const phoneLink = (phone: string) => html`<a href="tel:${phone.replace(/[^+\d]/g, '')}">${phone}</a>`;

/** " Sie erreichen das Bürgerbüro telefonisch unter 0123 4567-0." with a `tel:` link; nothing without a number. */
export const callUs = (messages: Messages, phone: string | undefined) =>
  phone ? html` ${messages.common.call} ${phoneLink(phone)}.` : nothing;

/** The phone number where an error leaves the citizen no way on online. */
export const callFor = (messages: Messages, error: BackendError, phone: string | undefined) =>
  ONLINE.includes(error.reason) ? nothing : callUs(messages, phone);
