/**
 * docs/privacy.md names every column the code stores: the town copies it into its privacy policy and its
 * record of processing activities, so a column added by a migration without a line there is a promise broken
 * silently. Reads the migrated schema from information_schema, not from the SQL files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openTestDb, type OpenedTestDb } from './support/databases.js';

const PRIVACY = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');

describe('docs/privacy.md and the database schema', () => {
  let opened: OpenedTestDb;
  before(async () => {
    opened = await openTestDb();
  });
  after(async () => opened.dispose());

  it('mentions every column of every table as `table.column`', async () => {
    const columns = await opened.db.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    assert.ok(columns.length > 30, 'the schema was read');
    const missing = columns.map((column) => column.name).filter((name) => !PRIVACY.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'columns docs/privacy.md does not mention');
  });

  it('names no column that does not exist (a stale line is a wrong promise too)', async () => {
    const columns = new Set((await opened.db.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = current_schema()`,
    )).map((column) => column.name));
    const tables = new Set([...columns].map((name) => name.split('.')[0]));
    const named = [...PRIVACY.matchAll(/`([a-z_]+)\.([a-z_]+)`/g)].filter((match) => tables.has(match[1])).map((match) => `${match[1]}.${match[2]}`);
    assert.deepEqual(named.filter((name) => !columns.has(name)), []);
  });
});
