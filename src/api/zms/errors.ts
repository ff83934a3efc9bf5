/**
 * ZMS's error answers as the port's domain errors. ZMS sends `{"errors":[{errorCode, errorMessage,
 * statusCode, errorType}…]}`: validation errors arrive together, and the HTTP status is the highest
 * `statusCode` among them, so that error is the one the citizen hears about.
 */
import { BackendError, type FieldIssue } from '../port.js';
import { meaningOf } from './error-codes.js';
import { ErrorEnvelope, type ZmsErrorItem } from './wire.js';

/** Booking a slot, or acting on an existing booking through its link (where a lapsed step means "book again"). */
export type ZmsContext = 'booking' | 'link';

/** The error that decides: the highest status, the first of equals (ZMS lists them in its checking order). */
export function decisiveError(errors: ZmsErrorItem[]): ZmsErrorItem {
  return errors.reduce((decisive, error) => (error.statusCode > decisive.statusCode ? error : decisive));
}

/** A BackendError for the error items of one answer. */
export function errorFromItems(errors: ZmsErrorItem[], status: number, operation: string, context: ZmsContext): BackendError {
  const decisive = decisiveError(errors);
  const meaning = meaningOf(decisive.errorCode, decisive.statusCode);
  const linked = context === 'link' ? meaning.onLink : undefined;
  const fields: FieldIssue[] = errors.flatMap((error) => meaningOf(error.errorCode, error.statusCode).field ?? []);
  // With several fields refused, a sentence about one of them would mislead: the general one points to the marked fields.
  const text = fields.length > 1 ? undefined : (linked?.text ?? meaning.text);
  return new BackendError({
    reason: linked?.reason ?? meaning.reason,
    code: decisive.errorCode,
    message: `${operation}: HTTP ${status} ${errors.map((error) => error.errorCode).join(', ')}`,
    fields,
    text,
  });
}

/** The error for a non-2xx answer; a body that is not ZMS's envelope (a proxy's page) is told by its status. */
export function errorFromAnswer(status: number, body: string, operation: string, context: ZmsContext): BackendError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON: reported by status below.
  }
  const envelope = ErrorEnvelope.safeParse(json);
  if (envelope.success) return errorFromItems(envelope.data.errors, status, operation, context);
  const code = `http_${status}`;
  const meaning = meaningOf(code, status);
  return new BackendError({ reason: meaning.reason, code, message: `${operation}: HTTP ${status}`, text: meaning.text });
}
