import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { listMigrations } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open.js';
import { openTestDb, testDatabaseTargets, useTestDb, type OpenedTestDb } from './databases.js';

const migrationVersions = listMigrations().map((migration) => migration.version);

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

it('offers the embedded database always, and PostgreSQL exactly when TEST_DATABASE_URL is set', () => {
  const names = testDatabaseTargets().map((database) => database.name);
  assert.deepEqual(names, process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded']);
});

it('runs on PostgreSQL too', { skip: process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {});

for (const database of testDatabaseTargets()) {
  describe(`test databases: ${database.name}`, () => {
    const opened: OpenedTestDb[] = [];
    after(async () => {
      await Promise.all(opened.map((each) => each.dispose()));
    });
    async function open(): Promise<OpenedTestDb> {
      const each = await openTestDb(database);
      opened.push(each);
      return each;
    }

    it('opens a database of its kind with every migration applied', async () => {
      const { db } = await open();
      assert.equal(db.kind, database.name);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((row) => row.version), migrationVersions);
      const [{ bookings }] = await db.query<{ bookings: number }>('SELECT count(*) AS bookings FROM bookings');
      assert.equal(bookings, 0);
    });

    it('hands out databases that are independent of each other', async () => {
      const first = await open();
      const second = await open();
      assert.notDeepEqual(first.target, second.target);
      await first.db.exec('CREATE TABLE probe (note text); INSERT INTO probe VALUES (\'first only\')');
      const [{ present }] = await second.db.query<{ present: boolean }>(`SELECT to_regclass('probe') IS NOT NULL AS present`);
      assert.equal(present, false);
      const notes = await first.db.query<{ note: string }>('SELECT note FROM probe');
      assert.deepEqual(notes, [{ note: 'first only' }]);
    });

    it('gives a target that openDatabase can open again after the first Db is closed', async () => {
      const { db, target } = await open();
      await db.exec('CREATE TABLE kept (n integer); INSERT INTO kept VALUES (7)');
      await db.close();
      await db.close();
      const reopened = await openDatabase(target);
      try {
        assert.deepEqual(await reopened.query('SELECT n FROM kept'), [{ n: 7 }]);
      } finally {
        await reopened.close();
      }
    });

    it('removes the database on dispose, also while a connection is still open, and tolerates a second dispose', async () => {
      const { target, dispose } = await database.create();
      const straggler = await openDatabase(target);
      if ('dataDir' in target) {
        await straggler.close();
        assert.ok(existsSync(target.dataDir));
        await dispose();
        assert.equal(existsSync(target.dataDir), false);
      } else {
        const serverUrl = process.env.TEST_DATABASE_URL;
        assert.ok(serverUrl);
        const name = new URL(target.databaseUrl).pathname.slice(1);
        assert.match(name, /^tb_test_[0-9a-f]+$/);
        assert.equal(await databaseExists(serverUrl, name), true);
        await dispose();
        assert.equal(await databaseExists(serverUrl, name), false);
        await straggler.close().catch(() => {});
      }
      await dispose();
    });

    it('removes the database when its Db is disposed through openTestDb', async () => {
      const each = await openTestDb(database);
      const { target } = each;
      await each.dispose();
      if ('dataDir' in target) {
        assert.equal(existsSync(target.dataDir), false);
      } else {
        const serverUrl = process.env.TEST_DATABASE_URL;
        assert.ok(serverUrl);
        assert.equal(await databaseExists(serverUrl, new URL(target.databaseUrl).pathname.slice(1)), false);
      }
    });

    describe('useTestDb', () => {
      const db = useTestDb(database);
      it('opens one database for the suite', async () => {
        await db().exec('CREATE TABLE shared (n integer)');
      });
      it('keeps it across the suite\'s tests', async () => {
        assert.deepEqual(await db().query('SELECT count(*) AS n FROM shared'), [{ n: 0 }]);
      });
    });
  });
}
