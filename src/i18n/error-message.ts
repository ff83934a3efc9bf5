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
