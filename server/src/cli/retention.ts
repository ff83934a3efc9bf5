/**
 * `npm run server -- retention [--dry-run]`: applies the town file's retention rules now, as the server does
 * at start and hourly, and prints how many bookings' personal data it erased (with `--dry-run`: would
 * erase). Counts only, never a booking, name or address. Same database settings as the server; with the
 * embedded database the server must be stopped first (one process per data directory).
 */
import { resolve } from 'node:path';
import { DEFAULT_TOWN_FILE } from '../config/default-town.js';
import { loadTownFile } from '../config/load-town.js';
import { openDatabase } from '../store/open.js';
import { runRetention } from '../store/retention.js';
import { UsageError } from './staff.js';

export async function runRetentionCommand(args: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void, now = new Date()): Promise<void> {
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) throw new UsageError(`Unknown argument "${unknown[0]}"\nUsage: npm run server -- retention [--dry-run]`);
  const dryRun = args.includes('--dry-run');
  const town = loadTownFile(resolve(env.TOWN_CONFIG ?? DEFAULT_TOWN_FILE));
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? 'data') });
  try {
    const counts = await runRetention(db, now, town.retention, { dryRun });
    print(`${dryRun ? 'Would erase' : 'Erased'} the personal data of ${counts.afterAppointment} booking(s) ${town.retention.afterAppointmentDays} days after the appointment and of ${counts.cancelled} cancelled booking(s).`);
  } finally {
    await db.close();
  }
}

export async function retentionCli(args: readonly string[]): Promise<void> {
  try {
    await runRetentionCommand(args, process.env, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  process.exit(0);
}
