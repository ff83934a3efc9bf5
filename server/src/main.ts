/**
 * `npm run server`: reads the environment, loads the town file, opens the database (running
 * migrations), starts HTTP and housekeeping, and shuts down cleanly on SIGTERM and SIGINT. The wiring
 * happens here and nowhere else.
 */
import { resolve } from 'node:path';
import { loadTownFile, applyEnvironmentOverrides, TownFileError } from './config/load-town.js';
import { DEFAULT_TOWN_FILE } from './config/default-town.js';
import { DataDirectoryInUse, DataDirectoryMoved } from './store/pglite-driver.js';
import { DEMO_EMAIL, ensureDemoBooking } from './demo.js';
import { startServer } from './server.js';
// `npm run server -- staff …` manages staff accounts instead of starting the server (cli/staff.ts).
import { staffCli } from './cli/staff.js';
// `npm run server -- retention [--dry-run]` applies the retention rules once (cli/retention.ts).
import { retentionCli } from './cli/retention.js';
// `npm run server -- move-to-postgres` copies the embedded database into PostgreSQL (cli/move-to-postgres.ts).
import { moveToPostgresCli } from './cli/move-to-postgres.js';


function positiveInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigurationError(`${name} must be a whole number, not "${value}"`);
  return number;
}

class ConfigurationError extends Error {}

async function main(): Promise<void> {
  const env = process.env;
  const town = applyEnvironmentOverrides(loadTownFile(resolve(env.TOWN_CONFIG ?? DEFAULT_TOWN_FILE)), env);
  const running = await startServer({
    town,
    database: env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? 'data') },
    host: env.HOST ?? '127.0.0.1',
    port: positiveInteger('PORT', 8080),
    rateLimits: {
      holds: { limit: positiveInteger('RATE_LIMIT_HOLDS', 30), windowSeconds: 60 },
      lookups: { limit: positiveInteger('RATE_LIMIT_LOOKUPS', 10), windowSeconds: 600 },
    },
    clientIdentity: { trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true' },
    demo: env.TB_DEMO === '1',
    smtpUrl: env.SMTP_URL || undefined,
    devMailPage: env.DEV_MAIL === '1',
    smsAuthorization: env.SMS_AUTHORIZATION || undefined,
    outbox: {
      intervalMs: positiveInteger('OUTBOX_POLL_MS', 1_000),
      leaseMs: positiveInteger('OUTBOX_LEASE_SECONDS', 300) * 1_000,
    },
  });
  console.log(`termin-buchen server listening on ${running.url}`);
  if (!env.SMTP_URL) {
    console.log(env.TB_DEMO === '1' || env.DEV_MAIL === '1'
      ? `No SMTP_URL: emails go to the development mailbox at ${running.url}/dev/mail`
      : 'No SMTP_URL: emails go to the development mailbox in the database and are not sent (set SMTP_URL, or DEV_MAIL=1 to read them at /dev/mail)');
  }
  if (env.TB_DEMO === '1') {
    const code = await ensureDemoBooking(running.db, town, new Date());
    console.log(`Demo town: book at ${running.url}/ · manage at ${running.url}/manage.html`
      + (code ? ` with booking code ${code} and ${DEMO_EMAIL}` : ''));
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const commands: Record<string, (args: readonly string[]) => Promise<void>> = {
  staff: staffCli,
  retention: retentionCli,
  'move-to-postgres': moveToPostgresCli,
};
const name = process.argv[2];
if (name !== undefined && !Object.hasOwn(commands, name)) {
  // A mistyped command must not start a server instead.
  console.error(`Unknown command "${name.slice(0, 40)}". Commands: ${Object.keys(commands).join(', ')}; without one, the server starts.`);
  process.exit(2);
}
(name !== undefined ? commands[name](process.argv.slice(3)) : main()).catch((error: unknown) => {
  if (error instanceof TownFileError || error instanceof DataDirectoryInUse || error instanceof DataDirectoryMoved || error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    // No stack or message text: a database error can quote values. Name and SQLSTATE say enough to search.
    const code = (error as { code?: unknown }).code;
    console.error(`${name !== undefined ? `npm run server -- ${name} failed` : 'termin-buchen server could not start'}: ${(error as Error).name}${typeof code === 'string' ? ` ${code}` : ''}`);
  }
  process.exit(1);
});
