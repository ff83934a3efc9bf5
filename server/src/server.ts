/** Starts the whole service in this process: database, HTTP, housekeeping, the outbox sender. Used by `main.ts` and tests. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { TownConfig } from './config/town-schema.js';
import { createApp } from './http/app.js';
import { jsonLinesLogger, type Logger } from './http/access-log.js';
import { devMailRoutes } from './http/dev-mail.js';
import { devMailboxTransport, smtpTransport } from './messaging/mail-transport.js';
import { startSender } from './messaging/sender.js';
import { httpSmsProvider, logSmsProvider } from './messaging/sms-provider.js';
import type { ClientIdentity, RateLimit } from './http/rate-limit.js';
import { ensureDemoBooking, mountDemo } from './demo.js';
import { startHousekeeping, startRetention } from './jobs.js';
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
  /** How often the retention rules run (after once at start); default hourly. */
  retentionIntervalMs?: number;
  /** Where emails go (`smtp://user:pass@host:port`, `smtps://…`); without it, into the development mailbox. */
  smtpUrl?: string;
  /** Serve the development mailbox at /dev/mail (only ever without `smtpUrl`; `demo` implies it). */
  devMailPage?: boolean;
  /** Replaces the town file's `sms.authorization`, so the secret need not sit in the file. */
  smsAuthorization?: string;
  outbox?: { intervalMs?: number; leaseMs?: number };
}

export interface RunningServer {
  url: string;
  db: Db;
  /** Sends the messages that are due now (tests move the clock, then call this); resolves with how many it handled. */
  flushOutbox(): Promise<number>;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = await openDatabase(options.database);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? jsonLinesLogger;
  const showDevMail = !options.smtpUrl && (options.devMailPage || options.demo);
  const extras = (root: Hono) => {
    if (showDevMail) root.route('/dev/mail', devMailRoutes(db, options.town.timeZone));
    if (options.demo) mountDemo(root, () => ensureDemoBooking(db, options.town, now()));
  };
  const app = createApp({ town: options.town, db, now, log, rateLimits: options.rateLimits, clientIdentity: options.clientIdentity }, extras);
  const server = await new Promise<ServerType>((resolveServer, reject) => {
    const started = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolveServer(started));
    started.once('error', reject);
  });
  const stopHousekeeping = startHousekeeping(db, now, log, options.housekeepingIntervalMs, options.town.retention);
  const stopRetention = startRetention(db, now, options.town.retention, log, options.retentionIntervalMs);
  const sms = options.town.sms.driver === 'http'
    ? httpSmsProvider(options.town.sms, options.smsAuthorization ?? options.town.sms.authorization)
    : logSmsProvider(log);
  const mail = options.smtpUrl ? smtpTransport(options.smtpUrl) : devMailboxTransport(db);
  const sender = startSender(
    { town: options.town, db, now, log, mail, sms, leaseMs: options.outbox?.leaseMs },
    options.outbox?.intervalMs ?? 1_000,
  );
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    db,
    flushOutbox: sender.flush,
    async stop() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections with no request in flight would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await stopHousekeeping();
      await stopRetention();
      await sender.stop();
      await db.close();
    },
  };
}
