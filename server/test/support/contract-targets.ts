/**
 * The two implementations of contract v1, behind one face, so that one conformance suite runs against
 * both: the msw mock the widget's tests rely on (in this process, through msw/node) and the reference
 * server (real HTTP on a free port, on each test database). Both read the same movable clock.
 */
import { setupServer } from 'msw/node';
import { createMockBackend } from '../../../src/mock/index.js';
import { loadTownFile } from '../../src/config/load-town.js';
import type { TownConfig } from '../../src/config/town-schema.js';
import type { LogLine } from '../../src/http/access-log.js';
import { DEFAULT_TOWN_FILE } from '../../src/config/default-town.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import { testDatabaseTargets, type TestDatabase } from './databases.js';

export class TestClock {
  #now: number;
  constructor(start: Date | string | number) {
    this.#now = new Date(start).getTime();
  }
  now = (): Date => new Date(this.#now);
  set(instant: Date | string | number): void {
    this.#now = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface ContractTarget {
  name: string;
  /** The API base, e.g. `http://127.0.0.1:41234/api/v1`, without a trailing slash. */
  base: string;
  clock: TestClock;
  /** The rules both implementations share for the suite. */
  rules: { holdSeconds: number; changeDeadlineHours: number; maxActiveBookingsPerEmail: number };
  /** A location whose bookings stay pending until confirmed. */
  doubleOptInLocationId: string;
  /** The server's log lines (empty for the mock, which writes none). */
  logLines: LogLine[];
  close(): Promise<void>;
}

export interface ContractTargetFactory {
  name: string;
  start(clock: TestClock): Promise<ContractTarget>;
}

/**
 * The demo town with one counter per location, so that a slot is either free or taken, as in the mock,
 * and without minimum notice, which the mock does not know.
 */
export function conformanceTown(): TownConfig {
  const town = loadTownFile(DEFAULT_TOWN_FILE);
  return {
    ...town,
    rules: { ...town.rules, minimumNoticeMinutes: 0, holdMinutes: 10, changeDeadlineHours: 24, maxActiveBookingsPerEmail: 3 },
    locations: town.locations.map((location) => ({ ...location, counters: 1 })),
  };
}

const RULES = { holdSeconds: 600, changeDeadlineHours: 24, maxActiveBookingsPerEmail: 3 };
/** Generous limits: the suite fires many requests from one address on purpose. */
const TEST_RATE_LIMITS = { holds: { limit: 100_000, windowSeconds: 60 }, lookups: { limit: 100_000, windowSeconds: 60 } };

const mockTarget: ContractTargetFactory = {
  name: 'mock',
  async start(clock) {
    const base = 'http://mock.termin-buchen.invalid/api/v1';
    const { handlers } = createMockBackend({ baseUrl: base, now: clock.now, holdSeconds: RULES.holdSeconds, doubleOptInLocationIds: ['nord'] });
    const msw = setupServer(...handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
    return { name: 'mock', base, clock, rules: RULES, doubleOptInLocationId: 'nord', logLines: [], close: async () => msw.close() };
  },
};

export interface StartedServer {
  running: RunningServer;
  database: TestDatabase;
  logLines: LogLine[];
}

/** The reference server in this process on a fresh test database, on a free port, with the given clock. */
export async function startTestServer(
  databaseFactory: ReturnType<typeof testDatabaseTargets>[number],
  clock: TestClock,
  town: TownConfig = conformanceTown(),
  /** Further options, e.g. `smtpUrl`, or an outbox that only sends when the test calls `flushOutbox()`. */
  extra: Partial<ServerOptions> = {},
): Promise<StartedServer> {
  const database = await databaseFactory.create();
  const logLines: LogLine[] = [];
  const running = await startServer({
    town,
    database: database.target,
    host: '127.0.0.1',
    port: 0,
    rateLimits: TEST_RATE_LIMITS,
    clientIdentity: { trustProxy: false },
    now: clock.now,
    log: (line) => logLines.push(line),
    ...extra,
  });
  return { running, database, logLines };
}

function serverTarget(databaseFactory: ReturnType<typeof testDatabaseTargets>[number]): ContractTargetFactory {
  return {
    name: `server on ${databaseFactory.name}`,
    async start(clock) {
      const { running, database, logLines } = await startTestServer(databaseFactory, clock);
      return {
        name: `server on ${databaseFactory.name}`,
        base: `${running.url}/api/v1`,
        clock,
        rules: RULES,
        doubleOptInLocationId: 'nord',
        logLines,
        async close() {
          await running.stop();
          await database.dispose();
        },
      };
    },
  };
}

/** The mock, the server on the embedded database, and the server on PostgreSQL when TEST_DATABASE_URL is set. */
export function contractTargets(): ContractTargetFactory[] {
  return [mockTarget, ...testDatabaseTargets().map(serverTarget)];
}
