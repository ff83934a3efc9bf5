import { html, nothing } from 'lit';
import type { ApiError } from '../api/client.js';
import type { Messages } from './messages.js';

type KnownCode = Exclude<keyof Messages['errors'], 'title' | 'generic' | 'kept'>;

const isKnown = (messages: Messages, code: string): code is KnownCode =>
  code !== 'title' && code !== 'generic' && code !== 'kept' && Object.hasOwn(messages.errors, code);

/**
 * The citizen-facing sentence for any API error; codes this widget does not know get a generic one.
 * Status and code mean nothing to a citizen: they travel in the `termin-error` event and the console.
 */
export function errorMessage(messages: Messages, error: ApiError): string {
  if (isKnown(messages, error.code)) {
    const message = messages.errors[error.code];
    if (typeof message === 'string') return message;
  }
  return messages.errors.generic;
}

/** Errors the citizen can get past online; every other one ends online booking for now. */
const ONLINE = ['slot_unavailable', 'hold_expired', 'invalid_input', 'not_found', 'unauthorized', 'rate_limited'];

/** " Sie erreichen das Bürgerbüro telefonisch unter 0123 4567-0." with a `tel:` link; nothing without a number. */
export const callUs = (messages: Messages, phone: string | undefined) =>
  phone ? html` ${messages.common.call} <a href="tel:${phone.replace(/[^+\d]/g, '')}">${phone}</a>.` : nothing;

/** The phone number where an error leaves the citizen no way on online. */
export const callFor = (messages: Messages, error: ApiError, phone: string | undefined) =>
  ONLINE.includes(error.code) ? nothing : callUs(messages, phone);
