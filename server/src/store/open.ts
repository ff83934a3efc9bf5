import type { Db } from './db.js';
import { runMigrations } from './migrate.js';
import { openEmbedded } from './pglite-driver.js';
import { openPostgres } from './pg-driver.js';

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string };

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget, options: { evenIfMoved?: boolean } = {}): Promise<Db> {
  const db = 'databaseUrl' in target ? await openPostgres(target.databaseUrl) : await openEmbedded(target.dataDir, options);
  try {
    await runMigrations(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
