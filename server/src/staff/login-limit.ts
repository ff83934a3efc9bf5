/**
 * Failed logins per client and per account, in memory only: clients are told apart by an HMAC of their
 * address (as in http/rate-limit.ts), accounts by an HMAC of the typed email, under a key that changes at
 * every start. No address and no typed email is kept. Successful logins do not count.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface LoginLimit {
  /** Failed attempts allowed per client, and per account, in one window. */
  failures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { failures: 10, windowMs: 15 * 60_000 };

export class LoginLimiter {
  readonly #secret = randomBytes(32);
  #windowStarted = Date.now();
  #failures = new Map<string, number>();

  constructor(private readonly limit: LoginLimit = DEFAULT_LOGIN_LIMIT) {}

  #keys(client: string, email: string): string[] {
    const mac = (text: string) => createHmac('sha256', this.#secret).update(text).digest('base64url');
    return [mac(`client\n${client}`), mac(`account\n${email.trim().toLowerCase()}`)];
  }

  #roll(): void {
    if (Date.now() - this.#windowStarted >= this.limit.windowMs) {
      this.#windowStarted = Date.now();
      this.#failures = new Map();
    }
  }

  /** Seconds to wait when this client or this account has failed too often; undefined when it may try. */
  blocked(client: string, email: string): number | undefined {
    this.#roll();
    const over = this.#keys(client, email).some((key) => (this.#failures.get(key) ?? 0) >= this.limit.failures);
    return over ? Math.max(1, Math.ceil((this.#windowStarted + this.limit.windowMs - Date.now()) / 1000)) : undefined;
  }

  failed(client: string, email: string): void {
    this.#roll();
    for (const key of this.#keys(client, email)) this.#failures.set(key, (this.#failures.get(key) ?? 0) + 1);
  }
}
