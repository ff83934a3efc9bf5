/**
 * Fresh databases for server tests, on every database the server runs on: always the embedded one
 * (PGlite), and a PostgreSQL server too when `TEST_DATABASE_URL` is set (`.ci/run` sets it).
 *
 *   for (const database of testDatabaseTargets()) {
 *     describe(`bookings on ${database.name}`, () => {
 *       const db = useTestDb(database);          // opened before the suite, disposed after it, even on failure
 *       it('…', async () => { await db().query('SELECT 1'); });
 *     });
 *   }
 *
 * Or by hand: `const { target, dispose } = await database.create()` gives a target for `openDatabase` or
 * for a server process (`DATA_DIR` / `DATABASE_URL`); call `dispose()` in an `after` hook.
 *
 * Every database handed out is migrated and empty, and belongs to one caller alone.
 * Embedded: creating a PGlite database costs about 6 s, copying a directory a fraction of that, so one
 * migrated template is built per test run (per process when run outside `server/scripts/run-tests.mjs`)
 * and every `create()` copies it. PostgreSQL: every `create()` makes its own `tb_test_<random>` database
 * on the server of `TEST_DATABASE_URL` and `dispose()` drops it.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import type { Db, Queryable } from '../../src/store/db.js';
import { openDatabase, type DatabaseTarget } from '../../src/store/open.js';

export type TestDatabaseName = 'embedded' | 'postgres';

export interface TestDatabase {
  /** What `openDatabase` takes: `{ dataDir }` or `{ databaseUrl }`. */
  target: DatabaseTarget;
  /** Removes the database (directory or PostgreSQL database). Safe to call more than once. */
  dispose(): Promise<void>;
}

export interface TestDatabaseTarget {
  name: TestDatabaseName;
  /** A new migrated, empty database of this kind. */
  create(): Promise<TestDatabase>;
}

export interface OpenedTestDb {
  name: TestDatabaseName;
  /** Opened and migrated; `close()` may be called by the test, any number of times. */
  db: Db;
  target: DatabaseTarget;
  /** Closes `db` (when still open) and removes the database. Safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * Set by `server/scripts/run-tests.mjs` to a directory it removes after the run, so that all test files of
 * one run share one template instead of building one each.
 */
const SHARED_TEMPLATE_ENV = 'TB_TEST_PGLITE_TEMPLATE_ROOT';

/** Directories this process created and has not removed yet; removed at exit whatever happened. */
const leftovers = new Set<string>();
process.on('exit', () => {
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  leftovers.add(dir);
  return dir;
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  leftovers.delete(dir);
}

let template: Promise<string> | undefined;

/** The migrated template data directory, built on first use. */
function embeddedTemplate(): Promise<string> {
  template ??= buildTemplate().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return template;
}

async function buildTemplate(): Promise<string> {
  const sharedRoot = process.env[SHARED_TEMPLATE_ENV];
  const root = sharedRoot && existsSync(sharedRoot) ? sharedRoot : tempDir('tb-test-template-');
  const ready = join(root, 'template');
  if (existsSync(ready)) return ready;
  // Built aside and renamed into place: a rename is atomic, so another process never copies half a
  // template, and when two build at once the second rename fails and that one uses the first's.
  const building = join(root, `building-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(building);
  try {
    const db = await openDatabase({ dataDir: building });
    await db.close();
    try {
      renameSync(building, ready);
    } catch (error) {
      if (!existsSync(ready)) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return ready;
}

const embedded: TestDatabaseTarget = {
  name: 'embedded',
  async create() {
    const source = await embeddedTemplate();
    const dataDir = tempDir('tb-test-db-');
    cpSync(source, dataDir, { recursive: true });
    return {
      target: { dataDir },
      async dispose() {
        removeDir(dataDir);
      },
    };
  },
};

/** Runs `work` on a client of the PostgreSQL server at `serverUrl`, and always closes it. */
export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function postgresTarget(serverUrl: string): TestDatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `tb_test_${randomBytes(6).toString('hex')}`;
      await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const databaseUrl = url.href;
      let disposed = false;
      const dispose = async () => {
        if (disposed) return;
        // WITH (FORCE) ends connections a test left open (a pool it did not close, a killed server's).
        await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        disposed = true;
      };
      try {
        const db = await openDatabase({ databaseUrl });
        await db.close();
      } catch (error) {
        await dispose();
        throw error;
      }
      return { target: { databaseUrl }, dispose };
    },
  };
}

/** 'embedded' always; 'postgres' as well when `TEST_DATABASE_URL` names a PostgreSQL server (trust or password in the URL). */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? [embedded, postgresTarget(serverUrl)] : [embedded];
}

/** A `Db` whose `close()` only closes once, so a test may close it and `dispose()` still be called. */
function closingOnce(db: Db): Db {
  let closing: Promise<void> | undefined;
  return {
    kind: db.kind,
    query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      return db.query<Row>(sql, params);
    },
    exec: (sql: string) => db.exec(sql),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction(work),
    close() {
      closing ??= db.close();
      return closing;
    },
  };
}

/** Creates a database of `database`'s kind (default: embedded) and opens it. Call `dispose()` in an `after` hook. */
export async function openTestDb(database: TestDatabaseTarget = embedded): Promise<OpenedTestDb> {
  const created = await database.create();
  let db: Db;
  try {
    db = closingOnce(await openDatabase(created.target));
  } catch (error) {
    await created.dispose();
    throw error;
  }
  let disposing: Promise<void> | undefined;
  return {
    name: database.name,
    db,
    target: created.target,
    dispose() {
      disposing ??= (async () => {
        try {
          await db.close();
        } finally {
          await created.dispose();
        }
      })();
      return disposing;
    },
  };
}

/**
 * For use inside a `describe`: opens a fresh database of `database`'s kind before the suite's tests and
 * disposes it after them, also when a test or hook fails. Returns a getter for the opened `Db`.
 */
export function useTestDb(database: TestDatabaseTarget = embedded): () => Db {
  let opened: OpenedTestDb | undefined;
  before(async () => {
    opened = await openTestDb(database);
  });
  after(async () => {
    await opened?.dispose();
  });
  return () => {
    if (!opened) throw new Error(`The ${database.name} test database is not open: call the getter inside a test, not while defining the suite.`);
    return opened.db;
  };
}
