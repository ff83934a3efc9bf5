/**
 * `npm run server -- move-to-postgres`: moves a town from the embedded database (`DATA_DIR`) to the
 * PostgreSQL database named by `DATABASE_URL`, which must be empty. Bookings, tokens, staff accounts and
 * sessions, closures, feeds, the audit log, the outbox, the development mailbox, retention state and keys are
 * copied with their ids, in one transaction on the target (store/copy-database.ts): all of it or nothing.
 *
 * Refuses while a server holds the data directory (its lock file), and when the target already holds data;
 * then nothing is written to the target. Prints table names and row counts only, never a value.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { CopyMismatch, CopyRefused, copyDatabase, readSchema, tablesWithRows, targetNotEmpty } from '../store/copy-database.js';
import type { Db } from '../store/db.js';
import { runMigrations } from '../store/migrate.js';
import { openDatabase } from '../store/open.js';
import { openPostgres } from '../store/pg-driver.js';
import { DataDirectoryInUse, markMoved, MOVED_FILE_NAME } from '../store/data-dir-lock.js';
import { UsageError } from './staff.js';

const USAGE = `Usage: DATA_DIR=/var/lib/termin-buchen DATABASE_URL=postgres://user:password@host:5432/database npm run server -- move-to-postgres
Copies the embedded database in DATA_DIR into the empty PostgreSQL database DATABASE_URL. Stop the server first.`;

const DatabaseUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1;
  } catch {
    return false;
  }
});

/** Where the target is, for the operator: host, port and database name, never the user or password. */
function describeTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `database ${decodeURIComponent(url.pathname.slice(1))} on ${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}`;
}

function errorKind(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return `${(error as Error).name ?? 'error'}${typeof code === 'string' ? ` ${code}` : ''}`;
}

export async function runMoveToPostgres(args: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<void> {
  if (args.length > 0) throw new UsageError(`move-to-postgres takes no arguments; it reads DATA_DIR and DATABASE_URL.\n${USAGE}`);
  if (!env.DATABASE_URL) throw new UsageError(`DATABASE_URL must name the PostgreSQL database to move to.\n${USAGE}`);
  if (!DatabaseUrl.safeParse(env.DATABASE_URL).success) {
    throw new UsageError('DATABASE_URL must look like postgres://user:password@host:5432/database (with a database name).');
  }
  const databaseUrl = env.DATABASE_URL;
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  // Opening a directory without a database would create an empty one, and then move nothing.
  if (!existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))) {
    throw new CopyRefused(`There is no embedded database in ${dataDir} (DATA_DIR). Set DATA_DIR to the directory the server used.`);
  }

  // The source first: its lock refuses while a server runs on it, before anything touches the target.
  // Opening it brings its schema up to date, as a server start would. A directory moved before may be moved
  // again (the first target was lost, or was the wrong one): the target's emptiness is what guards.
  const source = await openDatabase({ dataDir }, { evenIfMoved: true });
  let target: Db | undefined;
  try {
    target = await openPostgres(databaseUrl, 2);
    // Before the migrations run on it: a target holding data is not written at all.
    const occupied = await tablesWithRows(target, await readSchema(target));
    if (occupied.length > 0) throw new CopyRefused(targetNotEmpty(occupied));
    await runMigrations(target);
    let current = '';
    const counts = await copyDatabase(source, target, { onTableCopied: (table) => { current = table; } })
      .catch((error: unknown) => {
        if (error instanceof CopyRefused || error instanceof CopyMismatch) throw error;
        throw new CopyMismatch(`The copy failed${current ? ` after table ${current}` : ''} (${errorKind(error)}); nothing was committed to the target.`);
      });
    try {
      markMoved(dataDir, `${describeTarget(databaseUrl)}, ${new Date().toISOString()}`);
    } catch (error) {
      print(`Could not write ${MOVED_FILE_NAME} into DATA_DIR (${errorKind(error)}): make sure no server is started on it again.`);
    }
    const width = Math.max(...counts.map((count) => count.table.length), 5);
    print(`Moved the embedded database in ${dataDir} to PostgreSQL (${describeTarget(databaseUrl)}).`);
    for (const { table, rows } of counts) print(`  ${table.padEnd(width)}  ${String(rows).padStart(8)}`);
    const total = counts.reduce((sum, count) => sum + count.rows, 0);
    print(`${counts.length} tables, ${total} rows; counts and checksums agree with the embedded database.`);
    print(`From now on start the server with DATABASE_URL set. DATA_DIR keeps the copied database as a backup; ${MOVED_FILE_NAME} `
      + 'in it stops a server or staff command from opening it by mistake, which would take bookings in two places.');
  } finally {
    await target?.close().catch(() => undefined);
    await source.close();
  }
}

/** The entry from main.ts: exit 0 when moved, 1 when refused or failed (nothing committed), 2 on a usage mistake. */
export async function moveToPostgresCli(args: readonly string[]): Promise<void> {
  try {
    await runMoveToPostgres(args, process.env, (line) => console.log(line));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof CopyRefused || error instanceof CopyMismatch || error instanceof DataDirectoryInUse) {
      console.error(error.message);
      process.exit(1);
    }
    // Opening either database or migrating the target failed (unreachable, wrong password, no right to create
    // the extension): the kind only, a message can quote values. The schema may exist by now; no row was copied.
    console.error(`move-to-postgres failed (${errorKind(error)}); no data was copied to the target.`);
    process.exit(1);
  }
  process.exit(0);
}
