/**
 * SMS reminders by opt-in: sent through the HTTP gateway driver to a local test gateway, and through the log
 * driver (text, never the number); nothing without the tick; the tick needs a phone number and a town that
 * offers it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TownConfig } from '../src/config/town-schema.js';
import { book, holdFirstFree, postBooking } from './support/booking-steps.js';
import { conformanceTown, startTestServer, TestClock, type StartedServer } from './support/contract-targets.js';
import { testDatabaseTargets } from './support/databases.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

interface GatewayRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

async function startGateway(): Promise<{ url: string; requests: GatewayRequest[]; close(): Promise<void> }> {
  const requests: GatewayRequest[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(202).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function smsTown(sms: TownConfig['sms']): TownConfig {
  const town = conformanceTown();
  return { ...town, reminders: { sms: true }, sms };
}

const PHONE = '0171 234 56 78';

for (const database of testDatabaseTargets()) {
  describe(`SMS reminders on ${database.name}`, () => {
    let smtp: SmtpSink;
    let gateway: Awaited<ReturnType<typeof startGateway>>;
    const started: StartedServer[] = [];
    before(async () => {
      smtp = await startSmtpSink();
      gateway = await startGateway();
    });
    after(async () => {
      for (const server of started) {
        await server.running.stop();
        await server.database.dispose();
      }
      await smtp.stop();
      await gateway.close();
    });

    async function server(clock: TestClock, town: TownConfig): Promise<StartedServer> {
      const one = await startTestServer(database, clock, town, { smtpUrl: smtp.url, outbox: { intervalMs: 3_600_000 } });
      started.push(one);
      return one;
    }

    it('HTTP gateway: one SMS for the booking that ticked it, none for the one that did not', async () => {
      const clock = new TestClock('2027-06-01T06:00:00Z');
      const town = smsTown({
        driver: 'http',
        url: `${gateway.url}/send?sender={{text}}`.replace('{{text}}', 'Musterstadt'),
        method: 'POST',
        authorization: 'Bearer test-secret',
        contentType: 'application/json',
        body: '{"recipient":"{{to}}","message":"{{text}}"}',
      });
      const { running } = await server(clock, town);
      const catalog = await (await fetch(`${running.url}/api/v1/catalog`)).json() as { reminders?: { sms: boolean } };
      assert.deepEqual(catalog.reminders, { sms: true }, 'the catalog offers it');

      const ticked = await book(running.url, {
        locationId: 'rathaus', date: '2027-06-08', email: 'ticked@example.org', person: { phone: PHONE }, reminders: { sms: true },
      });
      await book(running.url, { locationId: 'rathaus', date: '2027-06-08', email: 'unticked@example.org', person: { phone: PHONE }, slot: 1 });
      await book(running.url, {
        locationId: 'rathaus', date: '2027-06-08', email: 'said-no@example.org', person: { phone: PHONE }, reminders: { sms: false }, slot: 2,
      });
      await running.flushOutbox();
      assert.equal(gateway.requests.length, 0, 'nothing before the reminder time');

      // An hour past the first reminder time: the other two bookings start 15 and 30 minutes later.
      clock.set(new Date(Date.parse(ticked.start) - 23 * 3_600_000));
      await running.flushOutbox();
      await running.flushOutbox();
      assert.equal(gateway.requests.length, 1, 'exactly one SMS');
      const [sms] = gateway.requests;
      assert.equal(sms.method, 'POST');
      assert.equal(sms.url, '/send?sender=Musterstadt');
      assert.equal(sms.authorization, 'Bearer test-secret');
      assert.equal(sms.contentType, 'application/json');
      const body = JSON.parse(sms.body) as { recipient: string; message: string };
      assert.equal(body.recipient, '+491712345678');
      assert.match(body.message, /^Stadt Musterstadt: Erinnerung an Ihren Termin am Di\., 8\. Juni um 08:00 Uhr, Bürgerbüro Rathaus, Marktplatz 1\. Absagen oder verschieben: http:\/\/localhost:8080\/#termin=/);
      assert.doesNotMatch(body.message, /Erika|Mustermann/, 'no name in the SMS');
      const reminders = smtp.messages.filter((mail) => /^Erinnerung/.test(mail.subject ?? ''));
      assert.equal(reminders.length, 3, 'every booking still gets its email reminder');
    });

    it('log driver: prints the text, never the number', async () => {
      const clock = new TestClock('2027-06-01T06:00:00Z');
      const { running, logLines } = await server(clock, smsTown({ driver: 'log', method: 'POST', contentType: 'application/json' }));
      const booked = await book(running.url, {
        locationId: 'rathaus', date: '2027-06-09', email: 'log@example.org', locale: 'en', person: { phone: PHONE }, reminders: { sms: true },
      });
      clock.set(new Date(Date.parse(booked.start) - 24 * 3_600_000));
      await running.flushOutbox();
      const printed = logLines.filter((line) => line.event === 'sms');
      assert.equal(printed.length, 1);
      assert.match(String(printed[0].text), /^Stadt Musterstadt: reminder of your appointment on Wed 9 Jun at 08:00/);
      assert.doesNotMatch(JSON.stringify(logLines), /171|234 56|Erika/, 'no number and no name in any log line');
      assert.match(String(printed[0].text), /#termin=[A-Z0-9-]+\.\[token\]/, 'the manage link is shown without its token');
    });

    it('the tick needs a phone number, and a town that offers SMS reminders', async () => {
      const clock = new TestClock('2027-06-01T06:00:00Z');
      const offering = await server(clock, smsTown({ driver: 'log', method: 'POST', contentType: 'application/json' }));
      const withoutPhone = await postBooking(offering.running.url, await holdFirstFree(offering.running.url, 'rathaus', '2027-06-10'), {
        locationId: 'rathaus', date: '', email: 'nophone@example.org', reminders: { sms: true },
      });
      assert.equal(withoutPhone.status, 422);
      assert.deepEqual((await withoutPhone.json() as { errors: unknown }).errors, [{ field: 'person.phone', code: 'required' }]);

      const plain = await server(clock, { ...conformanceTown(), reminders: { sms: false } });
      const notOffered = await postBooking(plain.running.url, await holdFirstFree(plain.running.url, 'rathaus', '2027-06-10'), {
        locationId: 'rathaus', date: '', email: 'notoffered@example.org', person: { phone: PHONE }, reminders: { sms: true },
      });
      assert.equal(notOffered.status, 422);
      assert.deepEqual((await notOffered.json() as { errors: unknown }).errors, [{ field: 'reminders.sms', code: 'not_allowed' }]);
    });

    it('the number goes with the personal data: an erased booking sends no SMS', async () => {
      const clock = new TestClock('2027-06-01T06:00:00Z');
      const { running, logLines } = await server(clock, smsTown({ driver: 'log', method: 'POST', contentType: 'application/json' }));
      const booked = await book(running.url, {
        locationId: 'rathaus', date: '2027-06-11', email: 'erased@example.org', person: { phone: PHONE }, reminders: { sms: true },
      });
      await running.db.query(`UPDATE bookings SET person = NULL, email_key = NULL WHERE code = $1`, [booked.code]);
      clock.set(new Date(Date.parse(booked.start) - 24 * 3_600_000));
      await running.flushOutbox();
      assert.equal(logLines.filter((line) => line.event === 'sms').length, 0);
      const open = await running.db.query('SELECT id FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL');
      assert.equal(open.length, 0, 'its messages are closed, not left to retry');
    });
  });
}
