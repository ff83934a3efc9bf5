/**
 * `npm run server -- move-to-postgres`: a town that started on the embedded database moves to PostgreSQL
 * without losing anything. The embedded database is filled through the real HTTP API and the staff command
 * (bookings, a cancellation, a live hold, proof-of-work keys and a spent proof, staff account, session,
 * closure, calendar feed, audit log, outbox, development mailbox), the command runs as a child process, and a
 * server on PostgreSQL then answers every booking's manage link exactly as the embedded one did. A second run,
 * a target holding data and a server holding the data directory are refused without writing; a failed and a
 * killed run leave the target empty. Only with TEST_DATABASE_URL (`.ci/run` always sets it).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import pg from 'pg';
import { BookingResponse, Hold } from '../../src/api/schemas.js';
import { addDaysToDay, dayOf } from '../../src/format/zoned-day.js';
import { dependencyOrder, readSchema } from '../src/store/copy-database.js';
import type { Db } from '../src/store/db.js';
import { openDatabase } from '../src/store/open.js';
import { freeSlots, JSON_HEADERS } from './support/booking-client.js';
import { runCli, startCli } from './support/cli-process.js';
import { testDatabaseTargets, withAdminClient, type TestDatabase } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';
import { writeTownFile } from './support/town-files.js';
import { StaffClient } from './staff/support.js';

describe('the order tables are copied in', () => {
  it('puts every table after the tables its foreign keys point to, ignoring self-references', () => {
    const order = dependencyOrder(
      ['outbox', 'bookings', 'tokens', 'audit', 'accounts', 'sessions', 'tree'],
      [
        { child: 'outbox', parent: 'bookings' }, { child: 'tokens', parent: 'bookings' }, { child: 'sessions', parent: 'accounts' },
        { child: 'tree', parent: 'tree' }, { child: 'outbox', parent: 'elsewhere' },
      ],
    );
    assert.deepEqual(order, ['accounts', 'audit', 'bookings', 'outbox', 'sessions', 'tokens', 'tree']);
    assert.deepEqual(dependencyOrder(['c', 'b', 'a'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'c' }]), ['c', 'b', 'a']);
  });

  it('refuses a cycle between tables', () => {
    assert.throws(() => dependencyOrder(['a', 'b', 'c'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }]), /a, b form a cycle/);
  });
});

const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;
const ADMIN_URL = process.env.TEST_DATABASE_URL;

const PASSWORD = 'umzug-passwort-9f3k2';
const STAFF_EMAIL = 'verwaltung@musterstadt.example';
/** Personal data with quotes, backslashes, umlauts and a newline: it must arrive byte for byte. */
const LAST_NAME = 'Müller-Lüdenscheidt "Ä" \\ O\'Brien';

/** A database on the test server without any schema, dropped after the file. */
async function bareDatabase(cleanup: (() => unknown)[]): Promise<string> {
  const name = `tb_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  cleanup.push(() => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.href;
}

const withAdmin = <T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL!): Promise<T> => withAdminClient(url, work);

/** Every table's rows as PostgreSQL prints them (in UTC), sorted, and every sequence's state. */
async function contents(db: Db): Promise<{ tables: Record<string, string[]>; sequences: Record<string, string> }> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('TimeZone', 'UTC', true)`);
    const schema = await readSchema(tx);
    const tables: Record<string, string[]> = {};
    for (const table of schema.tables) {
      tables[table.name] = (await tx.query<{ row: string }>(`SELECT t::text AS row FROM "${table.name}" t ORDER BY 1`)).map((row) => row.row);
    }
    const sequences: Record<string, string> = {};
    for (const sequence of schema.sequences) {
      const [state] = await tx.query<{ state: string }>(`SELECT last_value::text || ' ' || is_called::text AS state FROM "${sequence}"`);
      sequences[sequence] = state.state;
    }
    return { tables, sequences };
  });
}

async function withDb<T>(target: { dataDir: string } | { databaseUrl: string }, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The per-table lines of the command's report: `  bookings   12`. */
function reportedCounts(stdout: string): Record<string, number> {
  return Object.fromEntries([...stdout.matchAll(/^ {2}([a-z_0-9]+) +(\d+)$/gm)].map((match) => [match[1], Number(match[2])]));
}

async function challenge(base: string): Promise<Challenge> {
  const response = await fetch(`${base}/api/v1/challenge`);
  assert.equal(response.status, 200);
  return (await response.json()) as Challenge;
}

async function solved(base: string): Promise<string> {
  const issued = await challenge(base);
  const solution = await solveChallenge({ challenge: issued, deriveKey });
  assert.ok(solution);
  return Buffer.from(JSON.stringify({ challenge: issued, solution })).toString('base64');
}

async function holdWithProof(base: string, start: string, proof: string): Promise<Response> {
  return fetch(`${base}/api/v1/holds`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 }], start, proof }),
  });
}

interface Made {
  code: string;
  token: string;
  email: string;
}

async function bookWithProof(base: string, start: string, email: string, proof?: string): Promise<Made> {
  const held = await holdWithProof(base, start, proof ?? (await solved(base)));
  assert.equal(held.status, 201, `hold at ${start}`);
  const response = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      holdId: Hold.parse(await held.json()).id,
      person: { firstName: 'Zoë', lastName: LAST_NAME, email },
      locale: 'de',
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const { booking } = BookingResponse.parse(await response.json());
  return { code: booking.code, token: booking.token, email };
}

/** What the manage link of each booking answers: status and body. */
async function manageAnswers(base: string, made: readonly Made[]): Promise<{ status: number; body: unknown }[]> {
  return Promise.all(made.map(async ({ code, token }) => {
    const response = await fetch(`${base}/api/v1/bookings/${code}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }));
}

async function freeStarts(base: string, count: number): Promise<string[]> {
  const starts: string[] = [];
  let day = addDaysToDay(dayOf(Date.now(), 'Europe/Berlin'), 3, 'Europe/Berlin');
  for (let tries = 0; tries < 30 && starts.length < count; tries++, day = addDaysToDay(day, 1, 'Europe/Berlin')) {
    const slots = await freeSlots(base, 'rathaus', day);
    // One per day, so that a closure on the last day takes nothing booked.
    if (slots[0]) starts.push(slots[0].start);
  }
  assert.equal(starts.length, count, 'enough open days');
  return starts;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

if (postgres) describe('npm run server -- move-to-postgres', () => {
  const cleanup: (() => unknown)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });
  const servers: ServerProcess[] = [];
  cleanup.push(() => Promise.all(servers.map((server) => stopServerProcess(server, 'SIGKILL'))));

  let source: TestDatabase;
  let dataDir: string;
  let townFile: string;
  let made: Made[];
  let answersBefore: { status: number; body: unknown }[];
  let unspentProof: string;
  let freeStart: string;
  let before_: Awaited<ReturnType<typeof contents>>;
  let env: Record<string, string>;

  before(async () => {
    source = await embedded.create();
    cleanup.push(() => source.dispose());
    dataDir = (source.target as { dataDir: string }).dataDir;
    // Cancelled bookings keep their data until the retention rule: no housekeeping changes an answer during the test.
    const town = writeTownFile((raw) => {
      raw.rules = { ...raw.rules, proofOfWork: true };
      raw.retention = { cancelledImmediately: false };
    });
    cleanup.push(() => town.remove());
    townFile = town.path;
    env = { DATA_DIR: dataDir, TOWN_CONFIG: townFile };

    const added = await runCli(['staff', 'add', STAFF_EMAIL, '--role', 'admin'], env, `${PASSWORD}\n`);
    assert.equal(added.code, 0, added.stderr);

    const server = await startServerProcess({ ...env, OUTBOX_POLL_MS: '100', DEV_MAIL: '1' });
    servers.push(server);
    const base = server.url;
    const starts = await freeStarts(base, 6);
    made = [];
    for (const [index, start] of starts.slice(0, 4).entries()) made.push(await bookWithProof(base, start, `umzug-${index}@example.org`));
    const cancelled = await fetch(`${base}/api/v1/bookings/${made[1].code}`, { method: 'DELETE', headers: { Authorization: `Bearer ${made[1].token}` } });
    assert.equal(cancelled.status, 204, 'one booking is cancelled');
    // A live hold (a reservation row without a booking).
    assert.equal((await holdWithProof(base, starts[4], await solved(base))).status, 201);
    // A challenge the embedded server issued and nobody has spent yet: the moved server must accept it.
    unspentProof = await solved(base);
    freeStart = starts[5];

    const staff = new StaffClient(base);
    assert.equal((await staff.login(STAFF_EMAIL, PASSWORD)).status, 303);
    const csrf = await staff.csrf('/staff/closures');
    const closureDay = dayOf(Date.parse(starts[5]), 'Europe/Berlin');
    const closure = await staff.post('/staff/closures', {
      csrf, location: 'nord', from: closureDay, fromTime: '13:00', toTime: '14:00', reason: 'Teamsitzung',
    });
    assert.equal(closure.status, 303);
    assert.equal((await staff.post('/staff/feeds/rathaus', { csrf: await staff.csrf('/staff/feeds') })).status, 200);

    // The outbox has sent the emails into the development mailbox.
    await waitFor('the emails', async () => {
      const page = await (await fetch(`${base}/dev/mail`)).text();
      return (page.match(/href="\/dev\/mail\/\d+"/g) ?? []).length >= made.length + 1;
    });
    answersBefore = await manageAnswers(base, made);
    assert.equal(await stopServerProcess(server), 0);

    before_ = await withDb({ dataDir }, contents);
    const empty = Object.entries(before_.tables).filter(([, rows]) => rows.length === 0).map(([table]) => table);
    assert.deepEqual(empty, [], 'the API filled every table of the schema');
  });

  /** The target with its per-table counts, as the command reports them. */
  function expectedCounts(): Record<string, number> {
    return Object.fromEntries(Object.entries(before_.tables).map(([table, rows]) => [table, rows.length]));
  }

  function assertNothingPersonal(output: string): void {
    for (const secret of [PASSWORD, LAST_NAME, 'Zoë', 'Teamsitzung', STAFF_EMAIL, ...made.flatMap((booking) => [booking.code, booking.token, booking.email])]) {
      assert.ok(!output.includes(secret), `the output does not contain "${secret}"`);
    }
  }

  it('copies every table into an empty PostgreSQL database, and a server there answers every booking as before', { timeout: 300_000 }, async () => {
    const targetUrl = await bareDatabase(cleanup);
    const moved = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    assert.equal(moved.code, 0, moved.stderr);
    assert.match(moved.stdout, /^Moved the embedded database in .* to PostgreSQL \(database tb_test_[0-9a-f]+ on 127\.0\.0\.1:5432\)\.$/m);
    assert.deepEqual(reportedCounts(moved.stdout), expectedCounts(), 'one line per table with its row count');
    assertNothingPersonal(moved.stdout + moved.stderr);

    const after_ = await withDb({ databaseUrl: targetUrl }, contents);
    assert.deepEqual(after_, before_, 'every row and every sequence is the same on PostgreSQL');

    // The old directory is marked: a server or staff command started on it by mistake is refused.
    const marker = join(dataDir, 'moved-to-postgres.txt');
    assert.match(readFileSync(marker, 'utf8'), /^database tb_test_[0-9a-f]+ on 127\.0\.0\.1:5432, \d{4}-\d\d-\d\dT/);
    await assert.rejects(startServerProcess(env), (error: Error) => {
      assert.match(error.message, /exited \(1\)/);
      assert.match(error.message, /The embedded database in .* was moved to PostgreSQL \(database tb_test_[0-9a-f]+ on 127\.0\.0\.1:5432, [^)]+\)\. Start with DATABASE_URL set\./);
      return true;
    });
    const staffOnOld = await runCli(['staff', 'list'], env);
    assert.equal(staffOnOld.code, 1);
    assert.match(staffOnOld.stderr, /was moved to PostgreSQL/);

    const server = await startServerProcess({ TOWN_CONFIG: townFile, DATABASE_URL: targetUrl });
    servers.push(server);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { database: string };
    assert.equal(health.database, 'postgres');
    assert.deepEqual(await manageAnswers(server.url, made), answersBefore, 'every manage link answers as it did on the embedded database');
    const lookup = await fetch(`${server.url}/api/v1/bookings/lookup`, {
      method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: made[0].code, email: made[0].email }),
    });
    assert.equal(lookup.status, 200, 'found by code and email');

    const staff = new StaffClient(server.url);
    assert.equal((await staff.login(STAFF_EMAIL, PASSWORD)).status, 303, 'the staff account logs in with its password');
    assert.match(await (await staff.get('/staff/closures?location=nord')).text(), /Teamsitzung/);

    // The keys came along: a proof solved for the embedded server buys a hold here, and ids go on where they stopped.
    const booked = await bookWithProof(server.url, freeStart, 'nach-dem-umzug@example.org', unspentProof);
    const [{ id }] = await withAdmin(async (client) => (await client.query<{ id: string }>('SELECT id::text AS id FROM bookings WHERE code = $1', [booked.code])).rows, targetUrl);
    assert.equal(Number(id), Number(before_.sequences.bookings_id_seq.split(' ')[0]) + 1);
    assert.equal(await stopServerProcess(server), 0);

    const again = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds data \(in .*bookings/);
    assert.equal(again.stdout, '');
    const [{ n }] = await withAdmin(async (client) => (await client.query<{ n: string }>('SELECT count(*)::text AS n FROM bookings')).rows, targetUrl);
    assert.equal(Number(n), made.length + 1, 'the second run wrote nothing');

    // Deleting the mark makes the directory usable again (the other tests here use it as their source).
    rmSync(marker);
    const staffAgain = await runCli(['staff', 'list'], env);
    assert.equal(staffAgain.code, 0, staffAgain.stderr);
  });

  it('refuses a target that holds data, and writes nothing to it: not even the schema', { timeout: 120_000 }, async () => {
    const foreign = await bareDatabase(cleanup);
    await withAdmin(async (client) => {
      await client.query('CREATE TABLE notes (body text)');
      await client.query(`INSERT INTO notes VALUES ('something')`);
    }, foreign);
    const refused = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: foreign });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^The target database already holds data \(in notes\)\./);
    const [{ tables }] = await withAdmin(async (client) => (await client.query<{ tables: string[] }>(
      `SELECT array_agg(tablename::text) AS tables FROM pg_tables WHERE schemaname = 'public'`)).rows, foreign);
    assert.deepEqual(tables, ['notes'], 'no migration ran');

    const used = await postgres.create();
    cleanup.push(() => used.dispose());
    const usedUrl = (used.target as { databaseUrl: string }).databaseUrl;
    await withAdmin((client) => client.query(
      `INSERT INTO staff_accounts (email, role, password_hash, created_at) VALUES ('x@example.org', 'admin', 'scrypt$x', now())`), usedUrl);
    const beforeRun = await withDb({ databaseUrl: usedUrl }, contents);
    const second = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: usedUrl });
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already holds data \(in staff_accounts\)/);
    assert.deepEqual(await withDb({ databaseUrl: usedUrl }, contents), beforeRun, 'the target is as it was');
  });

  it('refuses while a server holds the data directory, before touching the target', { timeout: 120_000 }, async () => {
    const targetUrl = await bareDatabase(cleanup);
    const server = await startServerProcess(env);
    servers.push(server);
    const refused = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`is in use by process ${server.child.pid}\\.`));
    const [{ n }] = await withAdmin(async (client) => (await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'`)).rows, targetUrl);
    assert.equal(n, '0', 'the target was not touched');
    assert.equal(await stopServerProcess(server), 0);
  });

  it('leaves the target empty when the copy fails or the process is killed half way, and a later run succeeds', { timeout: 300_000 }, async () => {
    const target = await postgres.create();
    cleanup.push(() => target.dispose());
    const targetUrl = (target.target as { databaseUrl: string }).databaseUrl;
    const empty = await withDb({ databaseUrl: targetUrl }, contents);
    assert.ok(Object.values(empty.tables).every((rows) => rows.length === 0));
    // staff_audit comes late in the order: by the time it is written, the bookings are in (uncommitted).
    const order = (await withDb({ databaseUrl: targetUrl }, (db) => db.transaction((tx) => readSchema(tx)))).tables.map((table) => table.name);
    assert.ok(order.indexOf('staff_audit') > order.indexOf('bookings'));

    await withAdmin((client) => client.query(`
      CREATE FUNCTION fail_copy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
      CREATE TRIGGER fail_copy BEFORE INSERT ON staff_audit FOR EACH STATEMENT EXECUTE FUNCTION fail_copy();`), targetUrl);
    const failed = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^The copy failed after table [a-z_]+ \(error P0001\); nothing was committed to the target\.$/m);
    assertNothingPersonal(failed.stdout + failed.stderr);
    assert.deepEqual(await withDb({ databaseUrl: targetUrl }, contents), empty, 'the failed run left the target empty');

    await withAdmin((client) => client.query(`
      DROP TRIGGER fail_copy ON staff_audit;
      CREATE FUNCTION slow_copy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(120); RETURN NULL; END $$;
      CREATE TRIGGER slow_copy BEFORE INSERT ON staff_audit FOR EACH STATEMENT EXECUTE FUNCTION slow_copy();`), targetUrl);
    const running = startCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    const database = new URL(targetUrl).pathname.slice(1);
    const sleeping = async () => withAdmin(async (client) => (await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`, [database])).rows.map((row) => row.pid));
    await waitFor('the copy to reach staff_audit', async () => (await sleeping()).length > 0, 120_000);
    running.child.kill('SIGKILL');
    assert.equal((await running.result).code, 'SIGKILL');
    // The backend sleeps on until it notices its client is gone; end it rather than wait.
    await withAdmin((client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]));
    const afterKill = await withDb({ databaseUrl: targetUrl }, contents);
    assert.deepEqual(afterKill.tables, empty.tables, 'the killed run left every table empty');

    await withAdmin((client) => client.query('DROP TRIGGER slow_copy ON staff_audit'), targetUrl);
    const retried = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: targetUrl });
    assert.equal(retried.code, 0, `a run after the killed one (its lock left behind) succeeds: ${retried.stderr}`);
    assert.deepEqual(reportedCounts(retried.stdout), expectedCounts());
    assert.deepEqual((await withDb({ databaseUrl: targetUrl }, contents)).tables, before_.tables);
  });

  it('explains usage mistakes with a non-zero exit', { timeout: 120_000 }, async () => {
    const noUrl = await runCli(['move-to-postgres'], env);
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /DATABASE_URL must name the PostgreSQL database/);
    const badUrl = await runCli(['move-to-postgres'], { ...env, DATABASE_URL: 'mysql://root:geheim@host/db' });
    assert.equal(badUrl.code, 2);
    assert.doesNotMatch(badUrl.stderr, /geheim/);
    const extra = await runCli(['move-to-postgres', '--force'], { ...env, DATABASE_URL: ADMIN_URL! });
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /takes no arguments/);
    const nothing = await runCli(['move-to-postgres'], { DATA_DIR: `${dataDir}-missing`, DATABASE_URL: ADMIN_URL! });
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /There is no embedded database in .*-missing \(DATA_DIR\)/);
  });
});
