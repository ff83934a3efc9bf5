/**
 * The embedded database: PostgreSQL compiled to WebAssembly, persisted in a data directory. PGlite has
 * one connection, so its transactions run one after another; the SQL is the same as on a server.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable } from './db.js';
import { lockDataDirectory, refuseIfMoved } from './data-dir-lock.js';

/** int8 (counts, identities) as JavaScript numbers, as the `pg` driver is told to do as well. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

export { DataDirectoryInUse, DataDirectoryMoved } from './data-dir-lock.js';

function wrap(connection: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string) {
      await connection.exec(sql);
    },
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await connection.query<Row>(sql, [...params], { parsers });
      return result.rows;
    },
  };
}

/** `evenIfMoved`: open a directory `move-to-postgres` has marked (only that command itself does). */
export async function openEmbedded(dataDir: string, options: { evenIfMoved?: boolean } = {}): Promise<Db> {
  if (!options.evenIfMoved) refuseIfMoved(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDirectory(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir: join(dataDir, 'pgdata'), extensions: { btree_gist } });
  } catch (error) {
    unlock();
    throw error;
  }
  const queryable = wrap(pglite);
  return {
    kind: 'embedded',
    query: queryable.query,
    exec: queryable.exec,
    transaction: (work) => pglite.transaction((tx) => work(wrap(tx))),
    async close() {
      await pglite.close();
      unlock();
    },
  };
}
