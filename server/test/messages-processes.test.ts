/**
 * Messages through real server processes: one killed between the booking and the send delivers the email
 * once after a restart, and two processes on one PostgreSQL send each message once.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { addDaysToDay, dayOf } from '../../src/format/zoned-day.js';
import { book } from './support/booking-steps.js';
import { freeSlots } from './support/booking-client.js';
import { testDatabaseTargets } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';
import { startSmtpSink } from './support/smtp-sink.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

function stopLater(server: ServerProcess): void {
  cleanup.push(() => stopServerProcess(server, 'SIGKILL'));
}

/** A weekday a few days ahead with free slots at the Rathaus. */
async function aBookableDay(base: string): Promise<string> {
  let day = addDaysToDay(dayOf(Date.now(), 'Europe/Berlin'), 5, 'Europe/Berlin');
  for (let tries = 0; tries < 14; tries++, day = addDaysToDay(day, 1, 'Europe/Berlin')) {
    if ((await freeSlots(base, 'rathaus', day)).length >= 12) return day;
  }
  throw new Error('no bookable day in two weeks');
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('a server process killed between the booking and the send', () => {
  it('sends the email after the restart, once', { timeout: 180_000 }, async () => {
    const smtp = await startSmtpSink();
    cleanup.push(() => smtp.stop());
    const database = await embedded.create();
    cleanup.push(() => database.dispose());
    const env = {
      DATA_DIR: (database.target as { dataDir: string }).dataDir,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '200',
      OUTBOX_LEASE_SECONDS: '3',
    };
    const first = await startServerProcess(env);
    stopLater(first);
    // The mail server reads the message and never answers: the process is caught in the middle of the send.
    const inFlight = smtp.stallNext();
    await book(first.url, { locationId: 'rathaus', date: await aBookableDay(first.url), email: 'killed@example.org' });
    await inFlight;
    assert.equal(await stopServerProcess(first, 'SIGKILL'), 'SIGKILL');
    assert.equal(smtp.messages.length, 0, 'nothing was delivered before the kill');

    const second = await startServerProcess(env);
    stopLater(second);
    await smtp.waitFor(1, 30_000);
    // Several lease periods and polls more: a second copy would have come by now.
    await settle(7_000);
    assert.equal(smtp.messages.length, 1);
    assert.equal(smtp.messages[0].to && !Array.isArray(smtp.messages[0].to) ? smtp.messages[0].to.value[0].address : '', 'killed@example.org');
  });
});

if (postgres) describe('two server processes on one PostgreSQL', () => {
  it('send each message once', { timeout: 180_000 }, async () => {
    const smtp = await startSmtpSink();
    cleanup.push(() => smtp.stop());
    const database = await postgres.create();
    cleanup.push(() => database.dispose());
    // Polling every 20 ms in both processes makes them race for every row.
    const env = { DATABASE_URL: (database.target as { databaseUrl: string }).databaseUrl, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '20' };
    const [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    stopLater(one);
    stopLater(two);
    const date = await aBookableDay(one.url);
    const count = 12;
    await Promise.all(Array.from({ length: count }, (_, index) =>
      book(index % 2 === 0 ? one.url : two.url, { locationId: 'rathaus', date, email: `twice-${index}@example.org`, slot: index })));
    await smtp.waitFor(count, 60_000);
    await settle(3_000);
    const recipients = smtp.messages.map((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : ''));
    assert.equal(recipients.length, count, 'no message twice');
    assert.deepEqual(new Set(recipients), new Set(Array.from({ length: count }, (_, index) => `twice-${index}@example.org`)));
    const sentBy = [one, two].map((server) => server.output.filter((line) => line.includes('"outcome":"sent"')).length);
    assert.equal(sentBy[0] + sentBy[1], count, `sent by the two processes: ${sentBy.join(' + ')}`);
  });
});
