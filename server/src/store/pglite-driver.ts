/**
 * The embedded database: PostgreSQL compiled to WebAssembly, persisted in a data directory. PGlite has
 * one connection, so its transactions run one after another; the SQL is the same as on a server.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable } from './db.js';

/** int8 (counts, identities) as JavaScript numbers, as the `pg` driver is told to do as well. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

export class DataDirectoryInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}. PGlite allows one server process per data `
      + 'directory: stop the other process, or use PostgreSQL (DATABASE_URL) to run several.',
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite holds no lock across processes, and two processes on one directory corrupt it. A lock file with
 * the owner's PID guards it; a file left by a killed process (its PID no longer runs) is taken over.
 */
function lockDataDirectory(dataDir: string): () => void {
  const lockFile = join(dataDir, 'termin-buchen.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new DataDirectoryInUse(dataDir, owner);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

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

export async function openEmbedded(dataDir: string): Promise<Db> {
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
