/**
 * Retention with a controllable clock (issue 14, docs/privacy.md): a booking's personal data is erased
 * `afterAppointmentDays` after the appointment, a cancelled booking's once its cancellation notice is out, an
 * unconfirmed pending booking's when it is released, a cancel-with-erase's at once. What stays is a row for
 * the statistics with nothing personal, and the manage link answers 410 `gone`. On each test database.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Problem } from '../../src/api/schemas.js';
import { runRetentionCommand } from '../src/cli/retention.js';
import type { TownConfig } from '../src/config/town-schema.js';
import { runHousekeeping } from '../src/jobs.js';
import type { Db } from '../src/store/db.js';
import { runRetention } from '../src/store/retention.js';
import { book } from './support/booking-steps.js';
import { conformanceTown, startTestServer, TestClock, type StartedServer } from './support/contract-targets.js';
import { testDatabaseTargets } from './support/databases.js';

const DAY = 86_400_000;
const START = '2026-11-16T09:00:00+01:00';
/** Everything this file's citizens type, searched for in every other column after erasure. */
const PHONE = '0171 2345678';

/** Per booking: every table that refers to it, and the statistics columns that must stay. */
async function traces(db: Db, code: string) {
  const [row] = await db.query<{
    id: number; person: unknown; emailKey: string | null; sms: boolean; erasedAt: Date | null;
    status: string; locationId: string; services: unknown; start: Date; end: Date;
  }>(
    `SELECT id::int AS id, person, email_key AS "emailKey", sms_reminder AS sms, erased_at AS "erasedAt", status,
       location_id AS "locationId", services, start_at AS start, end_at AS "end" FROM bookings WHERE code = $1`,
    [code],
  );
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE booking_id = $1`, [row.id]))[0].n;
  return {
    row,
    tokens: await count('booking_tokens'),
    idempotency: await count('idempotency_keys'),
    outbox: await count('outbox'),
    devMail: await count('dev_mail'),
  };
}

async function manageStatus(base: string, code: string, token: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${base}/api/v1/bookings/${code}`, { headers: { Authorization: `Bearer ${token}` } });
  const body: unknown = await response.json();
  return { status: response.status, code: Problem.safeParse(body).data?.code };
}

for (const database of testDatabaseTargets()) {
  describe(`retention on ${database.name}`, () => {
    const started: StartedServer[] = [];
    after(async () => {
      for (const { running, database: db } of started) {
        await running.stop().catch(() => undefined);
        await db.dispose();
      }
    });
    /** A server whose jobs and outbox run only when the test says so. */
    async function server(clock: TestClock, change: (town: TownConfig) => TownConfig = (town) => town) {
      const one = await startTestServer(database, clock, change(conformanceTown()), {
        housekeepingIntervalMs: 3_600_000,
        retentionIntervalMs: 3_600_000,
        outbox: { intervalMs: 3_600_000 },
      });
      started.push(one);
      return one;
    }

    it('30 days after the appointment: erased to a statistics row; the link says the booking is over', async () => {
      const clock = new TestClock(START);
      const { running } = await server(clock);
      const booking = await book(running.url, {
        locationId: 'rathaus', date: '2026-11-18', email: `kept-${database.name}@example.org`,
        person: { phone: PHONE }, reminders: { sms: true },
      });
      await running.flushOutbox();
      const town = conformanceTown();
      const due = Date.parse(booking.end) + 30 * DAY;
      assert.equal(Date.parse(booking.erasesAt ?? ''), due, 'the booking announces the erasure date it gets');

      clock.set(due - 60_000);
      assert.deepEqual(await runRetention(running.db, clock.now(), town.retention), { afterAppointment: 0, cancelled: 0 });
      assert.notEqual((await traces(running.db, booking.code)).row.person, null, 'kept until the day');

      clock.set(due);
      assert.deepEqual(await runRetention(running.db, clock.now(), town.retention, { dryRun: true }), { afterAppointment: 1, cancelled: 0 });
      assert.notEqual((await traces(running.db, booking.code)).row.person, null, 'a dry run erases nothing');
      assert.deepEqual(await runRetention(running.db, clock.now(), town.retention), { afterAppointment: 1, cancelled: 0 });

      const after = await traces(running.db, booking.code);
      assert.deepEqual(
        { person: after.row.person, emailKey: after.row.emailKey, sms: after.row.sms, tokens: after.tokens, idempotency: after.idempotency, outbox: after.outbox, devMail: after.devMail },
        { person: null, emailKey: null, sms: false, tokens: 0, idempotency: 0, outbox: 0, devMail: 0 },
      );
      assert.deepEqual(
        { status: after.row.status, location: after.row.locationId, services: after.row.services, start: after.row.start.getTime(), end: after.row.end.getTime() },
        { status: 'confirmed', location: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 }], start: Date.parse(booking.start), end: Date.parse(booking.end) },
        'the statistics keep location, services, times and status',
      );
      assert.ok(after.row.erasedAt, 'erased_at set');
      assert.deepEqual(await manageStatus(running.url, booking.code, booking.token), { status: 410, code: 'gone' });
      assert.deepEqual(await runRetention(running.db, clock.now(), town.retention), { afterAppointment: 0, cancelled: 0 }, 'idempotent');
    });

    it('cancelled: erased within the minute after the cancellation notice went out, not before', async () => {
      const clock = new TestClock(START);
      const { running } = await server(clock);
      const booking = await book(running.url, { locationId: 'rathaus', date: '2026-11-19', email: `cancelled-${database.name}@example.org` });
      await running.flushOutbox();
      const cancelled = await fetch(`${running.url}/api/v1/bookings/${booking.code}`, { method: 'DELETE', headers: { Authorization: `Bearer ${booking.token}` } });
      assert.equal(cancelled.status, 204);
      await runHousekeeping(running.db, clock.now(), conformanceTown().retention);
      assert.notEqual((await traces(running.db, booking.code)).row.person, null, 'the notice still needs the address');
      assert.equal(await running.flushOutbox(), 1, 'the cancellation notice');
      clock.advance(60_000);
      const counts = await runHousekeeping(running.db, clock.now(), conformanceTown().retention);
      assert.equal(counts.erasedCancelled, 1);
      const after = await traces(running.db, booking.code);
      assert.deepEqual([after.row.person, after.row.status, after.tokens, after.outbox, after.devMail], [null, 'cancelled', 0, 0, 0]);
      assert.deepEqual(await manageStatus(running.url, booking.code, booking.token), { status: 410, code: 'gone' });
    });

    it('cancelled with cancelledImmediately: false: kept until afterAppointmentDays like any other', async () => {
      const clock = new TestClock(START);
      const { running } = await server(clock, (town) => ({ ...town, retention: { afterAppointmentDays: 7, cancelledImmediately: false } }));
      const rules = { afterAppointmentDays: 7, cancelledImmediately: false };
      const booking = await book(running.url, { locationId: 'rathaus', date: '2026-11-20', email: `late-${database.name}@example.org` });
      await fetch(`${running.url}/api/v1/bookings/${booking.code}`, { method: 'DELETE', headers: { Authorization: `Bearer ${booking.token}` } });
      await running.flushOutbox();
      clock.advance(DAY);
      await runHousekeeping(running.db, clock.now(), rules);
      assert.deepEqual(await runRetention(running.db, clock.now(), rules), { afterAppointment: 0, cancelled: 0 });
      assert.notEqual((await traces(running.db, booking.code)).row.person, null);
      clock.set(Date.parse(booking.end) + 7 * DAY);
      assert.deepEqual(await runRetention(running.db, clock.now(), rules), { afterAppointment: 1, cancelled: 0 });
      assert.equal((await traces(running.db, booking.code)).row.person, null);
    });

    it('pending and never confirmed: erased when released; cancel with erase=true: at once', async () => {
      const clock = new TestClock(START);
      const { running } = await server(clock);
      const pending = await book(running.url, { locationId: 'nord', date: '2026-11-23', email: `pending-${database.name}@example.org` });
      assert.equal(pending.status, 'pending');
      await running.flushOutbox();
      clock.set(Date.parse(pending.confirmBy ?? '') + 1);
      await runHousekeeping(running.db, clock.now(), conformanceTown().retention);
      const released = await traces(running.db, pending.code);
      assert.deepEqual([released.row.status, released.row.person, released.tokens, released.idempotency, released.devMail], ['released', null, 0, 0, 0]);
      assert.deepEqual(await manageStatus(running.url, pending.code, pending.token), { status: 410, code: 'gone' });

      const erased = await book(running.url, { locationId: 'rathaus', date: '2026-11-24', email: `erase-${database.name}@example.org` });
      const answer = await fetch(`${running.url}/api/v1/bookings/${erased.code}?erase=true`, { method: 'DELETE', headers: { Authorization: `Bearer ${erased.token}` } });
      assert.equal(answer.status, 204);
      const now = await traces(running.db, erased.code);
      assert.deepEqual([now.row.status, now.row.person, now.row.emailKey, now.tokens, now.idempotency, now.outbox, now.devMail], ['cancelled', null, null, 0, 0, 0, 0]);
      assert.equal(await running.flushOutbox(), 0, 'no notice to an address that is gone');
    });

    it('npm run server -- retention --dry-run prints counts only', async () => {
      const clock = new TestClock(START);
      const one = await server(clock);
      const booking = await book(one.running.url, { locationId: 'rathaus', date: '2026-11-18', email: `cli-${database.name}@example.org` });
      await one.running.stop();
      const lines: string[] = [];
      const env = 'databaseUrl' in one.database.target ? { DATABASE_URL: one.database.target.databaseUrl } : { DATA_DIR: one.database.target.dataDir };
      const later = new Date(Date.parse(booking.end) + 31 * DAY);
      await runRetentionCommand(['--dry-run'], env, (line) => lines.push(line), later);
      assert.deepEqual(lines, ['Would erase the personal data of 1 booking(s) 30 days after the appointment and of 0 cancelled booking(s).']);
      await runRetentionCommand([], env, (line) => lines.push(line), later);
      assert.match(lines[1], /^Erased the personal data of 1 booking\(s\)/);
      assert.doesNotMatch(lines.join('\n'), new RegExp(`${booking.code}|cli-|Erika`));
    });
  });
}
