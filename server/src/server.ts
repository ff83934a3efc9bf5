/** Starts the whole service in this process: database, HTTP, housekeeping. Used by `main.ts` and tests. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { TownConfig } from './config/town-schema.js';
import { createApp } from './http/app.js';
import { jsonLinesLogger, type Logger } from './http/access-log.js';
import type { ClientIdentity, RateLimit } from './http/rate-limit.js';
import { ensureDemoBooking, mountDemo } from './demo.js';
import { startHousekeeping } from './jobs.js';
import type { Db } from './store/db.js';
import { openDatabase, type DatabaseTarget } from './store/open.js';

export interface ServerOptions {
  town: TownConfig;
  database: DatabaseTarget;
  host: string;
  /** 0 picks a free port. */
  port: number;
  rateLimits: { holds: RateLimit; lookups: RateLimit };
  clientIdentity: ClientIdentity;
  /** Also serve the demo town's pages and the built widget (`npm start`). */
  demo?: boolean;
  now?: () => Date;
  log?: Logger;
  housekeepingIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  db: Db;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = await openDatabase(options.database);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? jsonLinesLogger;
  const app = createApp(
    { town: options.town, db, now, log, rateLimits: options.rateLimits, clientIdentity: options.clientIdentity },
    options.demo ? (root) => mountDemo(root, () => ensureDemoBooking(db, options.town, now())) : undefined,
  );
  const server = await new Promise<ServerType>((resolveServer, reject) => {
    const started = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolveServer(started));
    started.once('error', reject);
  });
  const stopHousekeeping = startHousekeeping(db, now, log, options.housekeepingIntervalMs);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    db,
    async stop() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections with no request in flight would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await stopHousekeeping();
      await db.close();
    },
  };
}
