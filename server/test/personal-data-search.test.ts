/**
 * Nothing personal where it does not belong (issue 14): a citizen books (with phone, notes and an SMS
 * reminder), changes their details, exports them and cancels; the emails go to an SMTP server, the SMS to
 * the log driver, and a clerk views the day list. Then every log line and every column of every table of
 * the schema (read from information_schema, so a new table is searched without touching this test) is
 * searched for the names, email addresses and phone numbers used. Before the cancellation only
 * `bookings.person` and `bookings.email_key` may hold them; after it, once erased, nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BookingResponse, PersonalData, type Booking } from '../../src/api/schemas.js';
import { runHousekeeping } from '../src/jobs.js';
import type { Db } from '../src/store/db.js';
import { book } from './support/booking-steps.js';
import { conformanceTown, startTestServer, TestClock, type StartedServer } from './support/contract-targets.js';
import { testDatabaseTargets } from './support/databases.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { addAccount, StaffClient } from './staff/support.js';

const HOUR = 3_600_000;
const OLD = { firstName: 'Xaverine', lastName: 'Quendelbrunn', email: 'xaverine.quendelbrunn@example.org', phone: '0171 9384756' };
const NEW = { firstName: 'Yolanthe', lastName: 'Zwirbelmeier', email: 'yolanthe.zwirbelmeier@example.net', phone: '0160 5647382' };
const NOTES = 'Rollstuhl Wendeltreppe';

/** The values and their other spellings (lower case, the phone in international form and as digits only). */
function needles(): string[] {
  const out = new Set<string>();
  for (const person of [OLD, NEW]) {
    for (const value of [person.firstName, person.lastName, person.email]) out.add(value.toLowerCase());
    const digits = person.phone.replace(/\D/g, '');
    out.add(person.phone);
    out.add(digits);
    out.add(`+49${digits.slice(1)}`);
  }
  out.add(NOTES.toLowerCase());
  return [...out];
}

/** Every (table, column) of the server's schema whose text contains a needle, except those allowed. */
async function columnsHolding(db: Db, allowed: readonly string[]): Promise<string[]> {
  const columns = await db.query<{ table: string; column: string; type: string }>(
    `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  assert.ok(columns.length > 30, 'the schema was read');
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const name = `${table}.${column}`;
    if (allowed.includes(name)) continue;
    // bytea as hex would hide text; decode it as UTF-8 where it is valid, escape-encode otherwise.
    const text = type === 'bytea' ? `encode("${column}", 'escape')` : `"${column}"::text`;
    const rows = await db.query<{ value: string | null }>(`SELECT lower(${text}) AS value FROM "${table}"`);
    for (const { value } of rows) {
      const hit = value === null ? undefined : needles().find((needle) => value.includes(needle));
      if (hit) found.push(`${name} holds "${hit}"`);
    }
  }
  return [...new Set(found)];
}

for (const database of testDatabaseTargets()) {
  describe(`personal data search on ${database.name}`, () => {
    let smtp: SmtpSink;
    let started: StartedServer;
    const clock = new TestClock('2026-11-16T09:00:00+01:00');
    before(async () => {
      smtp = await startSmtpSink();
      started = await startTestServer(database, clock, conformanceTown(), {
        smtpUrl: smtp.url,
        housekeepingIntervalMs: 3_600_000,
        retentionIntervalMs: 3_600_000,
        outbox: { intervalMs: 3_600_000 },
      });
    });
    after(async () => {
      await started.running.stop();
      await started.database.dispose();
      await smtp.stop();
    });

    it('book, change, export, cancel: only bookings.person and email_key hold them, and after erasure nothing', async () => {
      const { running, logLines } = started;
      const api = `${running.url}/api/v1`;
      const booking: Booking = await book(running.url, {
        locationId: 'rathaus', date: '2026-11-18', email: OLD.email,
        person: { firstName: OLD.firstName, lastName: OLD.lastName, phone: OLD.phone }, reminders: { sms: true },
      });
      const auth = { Authorization: `Bearer ${booking.token}`, 'Content-Type': 'application/json' };
      await running.flushOutbox();

      const changed = await fetch(`${api}/bookings/${booking.code}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ person: NEW }) });
      assert.equal(changed.status, 200);
      BookingResponse.parse(await changed.json());
      const exported = PersonalData.parse(await (await fetch(`${api}/bookings/${booking.code}/data`, { headers: auth })).json());
      assert.deepEqual(exported.person, NEW);
      assert.deepEqual(exported.reminders, { sms: true });
      await running.flushOutbox();
      const recipients = smtp.messages.map((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined));
      assert.deepEqual(recipients, [OLD.email, NEW.email], 'the confirmation went to the first address, and again to the new one after the change');
      assert.equal(smtp.messages[1].subject, smtp.messages[0].subject, 'the same confirmation');
      assert.match(smtp.messages[1].text ?? '', new RegExp(NEW.lastName), 'written to the new name');

      await addAccount(running.db, 'clerk@musterstadt.example', 'clerk', ['rathaus']);
      const staff = new StaffClient(running.url);
      assert.equal((await staff.login('clerk@musterstadt.example')).status, 303);
      const day = await (await staff.get('/staff/day?location=rathaus&date=2026-11-18')).text();
      assert.ok(day.includes(NEW.email) && day.includes(NEW.lastName), 'the staff list shows the new details');
      assert.ok(!day.includes(OLD.email), 'and not the old address');

      clock.set(Date.parse(booking.start) - 24 * HOUR);
      await running.flushOutbox();
      assert.ok(logLines.some((line) => line.event === 'sms'), 'the SMS reminder was sent through the log driver');

      assert.deepEqual(await columnsHolding(running.db, ['bookings.person', 'bookings.email_key']), []);
      const log = JSON.stringify(logLines).toLowerCase();
      assert.deepEqual(needles().filter((needle) => log.includes(needle)), [], 'no log line holds them');

      clock.set(Date.parse(booking.start) - 30 * HOUR);
      const cancelled = await fetch(`${api}/bookings/${booking.code}`, { method: 'DELETE', headers: auth });
      assert.equal(cancelled.status, 204);
      await running.flushOutbox();
      clock.advance(60_000);
      await runHousekeeping(running.db, clock.now(), conformanceTown().retention);
      assert.deepEqual(await columnsHolding(running.db, []), [], 'after the cancellation nothing holds them, not even the booking');
      const allLogs = JSON.stringify(logLines).toLowerCase();
      assert.deepEqual(needles().filter((needle) => allLogs.includes(needle)), []);
      assert.equal((await fetch(`${api}/bookings/${booking.code}`, { headers: auth })).status, 410);
    });
  });
}
