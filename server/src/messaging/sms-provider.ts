/**
 * How SMS reminders leave the server: a log driver for development (the text, never the number), and an
 * HTTP gateway driver configured entirely in the town file (URL, method, Authorization header, body template).
 */
import type { SmsSettings } from '../config/town-schema.js';
import type { Logger } from '../http/access-log.js';
import { SendFailure } from './mail-transport.js';

export interface SmsProvider {
  readonly kind: 'log' | 'http';
  /** `to` is E.164, e.g. `+491711234567`. */
  send(to: string, text: string): Promise<void>;
}

/** The manage link's token works like a password for the booking: the log shows that a link was there. */
export function withoutTokens(text: string): string {
  return text.replace(/#termin=([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g, '#termin=$1.[token]');
}

export function logSmsProvider(log: Logger): SmsProvider {
  return {
    kind: 'log',
    async send(_to, text) {
      log({ time: new Date().toISOString(), event: 'sms', text: withoutTokens(text) });
    },
  };
}

/** `{{to}}` and `{{text}}` in `template`, each value escaped for where it stands. */
export function fillTemplate(template: string, values: { to: string; text: string }, escape: (value: string) => string): string {
  return template.replace(/\{\{\s*(to|text)\s*\}\}/g, (_match, name: 'to' | 'text') => escape(values[name]));
}

const jsonString = (value: string) => JSON.stringify(value).slice(1, -1);

const DEFAULT_BODIES: Record<SmsSettings['contentType'], string> = {
  'application/json': '{"to":"{{to}}","text":"{{text}}"}',
  'application/x-www-form-urlencoded': 'to={{to}}&text={{text}}',
};

export function httpSmsProvider(settings: SmsSettings, authorization: string | undefined, timeoutMs = 20_000): SmsProvider {
  const url = settings.url;
  if (!url) throw new Error('The http SMS driver needs sms.url');
  return {
    kind: 'http',
    async send(to, text) {
      const values = { to, text };
      const target = fillTemplate(url, values, encodeURIComponent);
      const escape = settings.contentType === 'application/json' ? jsonString : encodeURIComponent;
      const body = settings.method === 'GET' ? undefined : fillTemplate(settings.body ?? DEFAULT_BODIES[settings.contentType], values, escape);
      let response: Response;
      try {
        response = await fetch(target, {
          method: settings.method,
          headers: {
            ...(body === undefined ? {} : { 'Content-Type': settings.contentType }),
            ...(authorization ? { Authorization: authorization } : {}),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new SendFailure(`sms-http ${(error as Error).name}`, false);
      }
      await response.body?.cancel();
      if (!response.ok) {
        // 4xx other than "too many" and "timeout" means the gateway will refuse this request every time.
        const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
        throw new SendFailure(`sms-http ${response.status}`, permanent);
      }
    },
  };
}
