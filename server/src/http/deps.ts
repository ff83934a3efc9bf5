import type { TownConfig } from '../config/town-schema.js';
import type { Db } from '../store/db.js';
import type { Logger } from './access-log.js';
import type { ClientIdentity, RateLimit } from './rate-limit.js';

/** What the HTTP layer is given by `main.ts` (or a test): the only way in for configuration and I/O. */
export interface AppDeps {
  town: TownConfig;
  db: Db;
  /** The clock; tests move it to expire holds and pass deadlines without waiting. */
  now: () => Date;
  log: Logger;
  rateLimits: { holds: RateLimit; lookups: RateLimit };
  clientIdentity: ClientIdentity;
}
