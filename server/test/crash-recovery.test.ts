/**
 * A server killed with SIGKILL while citizens are booking loses no booking it answered 201 for, and the
 * database still holds no counter twice: the process restarts on the same data and finds them all.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { addDaysToDay, dayOf } from '../../src/format/zoned-day.js';
import { openDatabase } from '../src/store/open.js';
import { holdAndBook, freeSlots, type Booked } from './support/booking-client.js';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';
import { startServerProcess, stopServerProcess } from './support/server-process.js';
import { writeTownFile } from './support/town-files.js';

const WORKERS = 8;
const KILL_AFTER_BOOKINGS = 30;

function environment(database: TestDatabase, townFile: string): Record<string, string> {
  const target = database.target;
  return { TOWN_CONFIG: townFile, ...('databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : { DATA_DIR: target.dataDir }) };
}

/** Slots at the Rathaus over the coming weeks, so that the workers have plenty to race for. */
async function upcomingSlots(base: string): Promise<string[]> {
  const starts: string[] = [];
  let day = addDaysToDay(dayOf(Date.now(), 'Europe/Berlin'), 3, 'Europe/Berlin');
  for (let tries = 0; tries < 30 && starts.length < 200; tries++, day = addDaysToDay(day, 1, 'Europe/Berlin')) {
    starts.push(...(await freeSlots(base, 'rathaus', day)).map((slot) => slot.start));
  }
  return starts;
}

for (const databaseFactory of testDatabaseTargets()) {
  describe(`a server killed while booking, on ${databaseFactory.name}`, () => {
    const cleanup: (() => Promise<void> | void)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('keeps every booking it confirmed and holds no counter twice', { timeout: 180_000 }, async () => {
      const database = await databaseFactory.create();
      cleanup.push(() => database.dispose());
      const town = writeTownFile();
      cleanup.push(() => town.remove());
      const env = environment(database, town.path);

      const first = await startServerProcess(env);
      cleanup.push(() => stopServerProcess(first, 'SIGKILL').then(() => {}));
      const slots = await upcomingSlots(first.url);
      assert.ok(slots.length >= 50, 'the demo town has enough free slots to race for');

      const confirmed: Booked[] = [];
      let killed = false;
      let serial = 0;
      // Every worker walks the same slots: with three counters at the Rathaus, three win each slot.
      const worker = async () => {
        for (const start of slots) {
          if (killed) return;
          try {
            const booked = await holdAndBook(first.url, 'rathaus', start, `crash-${serial++}@example.org`);
            if (booked) confirmed.push(booked);
          } catch (error) {
            // Refused connections and reset sockets after the kill: those requests were never answered.
            if (killed) return;
            throw new Error(`a request failed before the server was killed: ${(error as Error).message}`);
          }
          if (confirmed.length >= KILL_AFTER_BOOKINGS && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      assert.equal(await first.exited, 'SIGKILL');
      assert.ok(confirmed.length >= KILL_AFTER_BOOKINGS, `${confirmed.length} bookings were answered 201 before the kill`);

      const second = await startServerProcess(env);
      for (const booking of confirmed) {
        const response = await fetch(`${second.url}/api/v1/bookings/${booking.code}`, { headers: { Authorization: `Bearer ${booking.token}` } });
        assert.equal(response.status, 200, `booking ${confirmed.indexOf(booking)} is still there after the restart`);
        const { booking: found } = (await response.json()) as { booking: { start: string } };
        assert.equal(found.start, booking.start);
      }
      assert.equal(await stopServerProcess(second), 0, 'SIGTERM ends the restarted server cleanly');

      const db = await openDatabase(database.target);
      try {
        const overlapping = await db.query<{ n: number }>(
          `SELECT count(*) AS n FROM reservations a JOIN reservations b
             ON a.location_id = b.location_id AND a.counter = b.counter AND a.id < b.id AND a.during && b.during`,
        );
        assert.equal(overlapping[0].n, 0, 'no counter holds two reservations at once');
        const crowded = await db.query<{ n: number }>(
          `SELECT count(*) AS n FROM (
             SELECT start_at FROM bookings WHERE location_id = 'rathaus' AND status IN ('pending', 'confirmed')
             GROUP BY start_at HAVING count(*) > 3) AS over`,
        );
        assert.equal(crowded[0].n, 0, 'no slot has more bookings than the Rathaus has counters');
        const [{ n: live }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM bookings WHERE status IN ('pending', 'confirmed')`);
        assert.ok(live >= confirmed.length, 'every confirmed booking is in the database');
      } finally {
        await db.close();
      }
    });
  });
}
