/**
 * Operating the server: several processes on one PostgreSQL share the work without double booking, a
 * second process on one embedded data directory is refused, and SIGTERM lets requests in flight finish.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { addDaysToDay, dayOf } from '../../src/format/zoned-day.js';
import { freeSlots, hold } from './support/booking-client.js';
import { testDatabaseTargets } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';
import { writeTownFile } from './support/town-files.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

function stopLater(server: ServerProcess): void {
  cleanup.push(() => stopServerProcess(server, 'SIGKILL'));
}

/** The first free slot at the Rathaus a few days ahead. */
async function aFreeSlot(base: string): Promise<string> {
  let day = addDaysToDay(dayOf(Date.now(), 'Europe/Berlin'), 4, 'Europe/Berlin');
  for (let tries = 0; tries < 14; tries++, day = addDaysToDay(day, 1, 'Europe/Berlin')) {
    const [slot] = await freeSlots(base, 'rathaus', day);
    if (slot) return slot.start;
  }
  throw new Error('no free slot in two weeks');
}

const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded');

// Registered only where a PostgreSQL is given (TEST_DATABASE_URL; `.ci/run` always sets it), like every
// other test on PostgreSQL.
if (postgres) describe('two server processes on one PostgreSQL', () => {
  it('racing for the last counter of a slot, exactly one hold wins across both', { timeout: 120_000 }, async () => {
    const database = await postgres.create();
    cleanup.push(() => database.dispose());
    // One counter: a slot is the last free one as soon as it is free at all.
    const town = writeTownFile((raw) => raw.locations.forEach((location) => { location.counters = 1; }));
    cleanup.push(() => town.remove());
    const env = { TOWN_CONFIG: town.path, DATABASE_URL: (database.target as { databaseUrl: string }).databaseUrl };
    const [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    stopLater(one);
    stopLater(two);
    const start = await aFreeSlot(one.url);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => hold(index % 2 === 0 ? one.url : two.url, 'rathaus', start)),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1, 'one hold wins');
    assert.equal(statuses.filter((status) => status === 409).length, 59, 'every other one is refused as slot_unavailable');
    const slotsSeenByTheOther = await freeSlots(two.url, 'rathaus', dayOf(Date.parse(start), 'Europe/Berlin'));
    assert.ok(!slotsSeenByTheOther.some((slot) => slot.start === start), 'the held slot is gone for the other process too');
  });
});

describe('the embedded database', () => {
  it('refuses a second server process on the same data directory, naming the reason', { timeout: 120_000 }, async () => {
    const database = await embedded!.create();
    cleanup.push(() => database.dispose());
    const env = { DATA_DIR: (database.target as { dataDir: string }).dataDir };
    const first = await startServerProcess(env);
    stopLater(first);
    await assert.rejects(startServerProcess(env), (error: Error) => {
      assert.match(error.message, /exited \(1\)/);
      assert.match(error.message, /in use by process \d+/);
      assert.doesNotMatch(error.message, /at .*\.ts:\d+/, 'no stack trace');
      return true;
    });
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200, 'the first process keeps serving');
  });
});

describe('SIGTERM', () => {
  it('finishes the requests in flight, then exits 0 and frees the data directory', { timeout: 120_000 }, async () => {
    const database = await embedded!.create();
    cleanup.push(() => database.dispose());
    const env = { DATA_DIR: (database.target as { dataDir: string }).dataDir };
    const server = await startServerProcess(env);
    stopLater(server);
    const day = addDaysToDay(dayOf(Date.now(), 'Europe/Berlin'), 7, 'Europe/Berlin');
    const inFlight = Array.from({ length: 40 }, () =>
      fetch(`${server.url}/api/v1/days?location=rathaus&services=personalausweis:1&from=${day}&to=${addDaysToDay(day, 60, 'Europe/Berlin')}`));
    // Let the requests reach the server before it is told to stop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight.map((request) => request.then((response) => response.status, () => 'refused')));
    assert.ok(statuses.filter((status) => status === 200).length > 0, 'requests already accepted were answered');
    assert.deepEqual(statuses.filter((status) => status !== 200 && status !== 'refused'), [], 'none got an error answer');
    assert.equal(await server.exited, 0);
    const again = await startServerProcess(env);
    stopLater(again);
    assert.equal((await fetch(`${again.url}/healthz`)).status, 200, 'a new process opens the same data directory');
  });
});
