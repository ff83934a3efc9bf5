/**
 * The emails of issue 12 through a real SMTP server (smtp-server) started here, parsed with mailparser: each
 * message arrives once, in German and English, with times right across both DST changes, an `.ics` that
 * parses (ical.js) and matches the booking, and a manage link that opens the booking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { BookingResponse } from '../../src/api/schemas.js';
import { hold, JSON_HEADERS } from './support/booking-client.js';
import { book, fromManageLink, holdFirstFree, manageLinkIn, postBooking } from './support/booking-steps.js';
import { conformanceTown, startTestServer, TestClock, type StartedServer } from './support/contract-targets.js';
import { testDatabaseTargets } from './support/databases.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const HOUR = 3_600_000;

function icsOf(mail: ParsedMail): { start: Date; end: Date; uid: string; summary: string; status: string } {
  const attachment = mail.attachments.find((file) => file.filename?.endsWith('.ics'));
  assert.ok(attachment, 'an .ics is attached');
  assert.match(attachment.contentType, /^text\/calendar/);
  const vevent = ICAL.Component.fromString(attachment.content.toString('utf8')).getFirstSubcomponent('vevent');
  assert.ok(vevent);
  const event = new ICAL.Event(vevent);
  return {
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    uid: event.uid,
    summary: event.summary,
    status: String(vevent.getFirstPropertyValue('status')),
  };
}

function to(mails: readonly ParsedMail[], address: string): ParsedMail[] {
  return mails.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === address);
}

async function authorized(base: string, link: string, path = '', init: RequestInit = {}): Promise<Response> {
  const { code, token } = fromManageLink(link);
  return fetch(`${base}/api/v1/bookings/${code}${path}`, {
    ...init,
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}`, ...init.headers },
  });
}

const EXPECTED = {
  de: {
    confirmSubject: 'Bitte bestätigen Sie Ihren Termin am Dienstag, 30. März 2027 – Stadt Musterstadt',
    confirmTime: '08:00 bis 08:15 Uhr (MESZ)',
    confirmDeadline: 'bis Freitag, 26. März 2027, 14:00 Uhr',
    bookedSubject: 'Ihr Termin am Dienstag, 30. März 2027 ist gebucht – Stadt Musterstadt',
    reminderSubject: 'Erinnerung an Ihren Termin am Dienstag, 30. März 2027 – Stadt Musterstadt',
    octBookedSubject: 'Ihr Termin am Dienstag, 2. November 2027 ist gebucht – Stadt Musterstadt',
    octTime: '08:00 bis 08:15 Uhr (MEZ)',
    rescheduledSubject: 'Ihr Termin wurde auf Mittwoch, 3. November 2027 verschoben – Stadt Musterstadt',
    cancelledSubject: 'Ihr Termin am Mittwoch, 3. November 2027 wurde abgesagt – Stadt Musterstadt',
    confirmLink: 'Termin jetzt bestätigen',
  },
  en: {
    confirmSubject: 'Please confirm your appointment on Tuesday, 30 March 2027 – Stadt Musterstadt',
    confirmTime: '08:00 to 08:15 (CEST)',
    confirmDeadline: 'by Friday, 26 March 2027, 14:00',
    bookedSubject: 'Your appointment on Tuesday, 30 March 2027 is booked – Stadt Musterstadt',
    reminderSubject: 'Reminder of your appointment on Tuesday, 30 March 2027 – Stadt Musterstadt',
    octBookedSubject: 'Your appointment on Tuesday, 2 November 2027 is booked – Stadt Musterstadt',
    octTime: '08:00 to 08:15 (CET)',
    rescheduledSubject: 'Your appointment has been moved to Wednesday, 3 November 2027 – Stadt Musterstadt',
    cancelledSubject: 'Your appointment on Wednesday, 3 November 2027 has been cancelled – Stadt Musterstadt',
    confirmLink: 'Confirm the appointment now',
  },
} as const;

for (const database of testDatabaseTargets()) {
  describe(`messages on ${database.name}`, () => {
    let smtp: SmtpSink;
    const started: StartedServer[] = [];
    before(async () => {
      smtp = await startSmtpSink();
    });
    after(async () => {
      for (const server of started) {
        await server.running.stop();
        await server.database.dispose();
      }
      await smtp.stop();
    });

    /** A server whose outbox sends only when the test calls flushOutbox(). */
    async function server(clock: TestClock, town = conformanceTown()): Promise<StartedServer> {
      const one = await startTestServer(database, clock, town, { smtpUrl: smtp.url, outbox: { intervalMs: 3_600_000 } });
      started.push(one);
      return one;
    }

    for (const locale of ['de', 'en'] as const) {
      const expected = EXPECTED[locale];

      it(`${locale}: double opt-in across the March DST change: request, confirmation with .ics, reminder, each once`, async () => {
        // Friday 26 March 2027 in winter time; the Termin is on Tuesday the 30th, after the switch to summer time (28th).
        const clock = new TestClock('2027-03-26T11:00:00Z');
        const { running } = await server(clock);
        const email = `doi-${locale}-${database.name}@example.org`;
        const booking = await book(running.url, { locationId: 'nord', date: '2027-03-30', email, locale });
        assert.equal(booking.status, 'pending');
        assert.equal(await running.flushOutbox(), 1);

        const [request] = await smtp.waitFor(smtp.messages.length).then((all) => to(all, email));
        assert.equal(request.subject, expected.confirmSubject);
        assert.ok(request.text?.includes(expected.confirmTime), 'the time in the office zone, in summer time');
        assert.ok(request.text?.includes(expected.confirmDeadline), 'the deadline, in winter time');
        assert.equal(request.attachments.length, 0);
        assert.ok(request.html && request.html.includes(`>${expected.confirmLink}</a>`));
        const link = manageLinkIn(request.text ?? '');
        assert.ok(link.startsWith('http://localhost:8080/#termin='), 'the booking page, token only in the fragment');
        assert.equal(fromManageLink(link).code, booking.code);

        const shown = await authorized(running.url, link);
        assert.equal(shown.status, 200, 'the link opens the booking');
        const confirmed = await authorized(running.url, link, '/confirm', { method: 'POST' });
        assert.equal(BookingResponse.parse(await confirmed.json()).booking.status, 'confirmed');
        assert.equal(await running.flushOutbox(), 1);

        const booked = to(smtp.messages, email)[1];
        assert.equal(booked.subject, expected.bookedSubject);
        const ics = icsOf(booked);
        assert.equal(ics.start.toISOString(), '2027-03-30T06:00:00.000Z');
        assert.equal(ics.start.toISOString(), new Date(booking.start).toISOString());
        assert.equal(ics.end.toISOString(), new Date(booking.end).toISOString());
        assert.equal(ics.uid, `${booking.code}@termin-buchen`);
        assert.equal(ics.status, 'CONFIRMED');
        assert.equal(authorizedStatus(await authorized(running.url, manageLinkIn(booked.text ?? ''))), 200);

        // 24 hours before the start: Monday 08:00 summer time. A minute early, nothing.
        clock.set('2027-03-29T05:59:00Z');
        assert.equal(await running.flushOutbox(), 0);
        clock.set('2027-03-29T06:00:00Z');
        assert.equal(await running.flushOutbox(), 1);
        assert.equal(await running.flushOutbox(), 0);
        const mails = to(smtp.messages, email);
        assert.deepEqual(mails.map((mail) => mail.subject), [expected.confirmSubject, expected.bookedSubject, expected.reminderSubject]);
        assert.ok(mails[2].text?.includes(expected.confirmTime));
        assert.equal(authorizedStatus(await authorized(running.url, manageLinkIn(mails[2].text ?? ''))), 200, 'the reminder links to the booking');
      });

      it(`${locale}: booked, rescheduled and cancelled across the October DST change; no reminder after the cancellation`, async () => {
        const clock = new TestClock('2027-10-27T10:00:00Z');
        const { running } = await server(clock);
        const email = `move-${locale}-${database.name}@example.org`;
        const booking = await book(running.url, { locationId: 'rathaus', date: '2027-11-02', email, locale });
        assert.equal(await running.flushOutbox(), 1);
        const [booked] = to(smtp.messages, email);
        assert.equal(booked.subject, expected.octBookedSubject);
        assert.ok(booked.text?.includes(expected.octTime), booked.text);
        assert.equal(icsOf(booked).start.toISOString(), '2027-11-02T07:00:00.000Z');

        const link = manageLinkIn(booked.text ?? '');
        const holdId = await holdFirstFree(running.url, 'rathaus', '2027-11-03');
        const moved = await authorized(running.url, link, '/reschedule', { method: 'POST', body: JSON.stringify({ holdId }) });
        assert.equal(moved.status, 200);
        assert.equal(await running.flushOutbox(), 1);
        const rescheduled = to(smtp.messages, email)[1];
        assert.equal(rescheduled.subject, expected.rescheduledSubject);
        const ics = icsOf(rescheduled);
        assert.equal(ics.start.toISOString(), '2027-11-03T07:00:00.000Z');
        assert.equal(ics.uid, `${booking.code}@termin-buchen`, 'the same event, so calendars update it');

        assert.equal((await authorized(running.url, link, '', { method: 'DELETE' })).status, 204);
        assert.equal(await running.flushOutbox(), 1);
        const cancelled = to(smtp.messages, email)[2];
        assert.equal(cancelled.subject, expected.cancelledSubject);
        assert.equal(cancelled.attachments.length, 0);
        assert.doesNotMatch(cancelled.text ?? '', /#termin=/, 'no manage link for a cancelled booking');

        clock.set('2027-11-02T07:00:00Z');
        assert.equal(await running.flushOutbox(), 0, 'the reminders went with the cancellation');
        assert.equal(to(smtp.messages, email).length, 3);
      });
    }

    it('a repeated POST /bookings (same Idempotency-Key) sends no second email', async () => {
      const clock = new TestClock('2027-05-03T06:00:00Z');
      const { running } = await server(clock);
      const email = `repeat-${database.name}@example.org`;
      const holdId = await holdFirstFree(running.url, 'rathaus', '2027-05-05');
      const key = crypto.randomUUID();
      assert.equal((await postBooking(running.url, holdId, { locationId: 'rathaus', date: '', email, idempotencyKey: key })).status, 201);
      assert.equal((await postBooking(running.url, holdId, { locationId: 'rathaus', date: '', email, idempotencyKey: key })).status, 201);
      await running.flushOutbox();
      assert.equal(to(smtp.messages, email).length, 1);
    });

    it('escapes every value in the HTML and keeps names out of the subject', async () => {
      const clock = new TestClock('2027-05-03T06:00:00Z');
      const { running } = await server(clock);
      const email = `escape-${database.name}@example.org`;
      await book(running.url, {
        locationId: 'rathaus', date: '2027-05-12', email,
        person: { firstName: '<script>alert(1)</script>', lastName: 'O\'Brien & "Söhne"' },
      });
      await running.flushOutbox();
      const [mail] = to(smtp.messages, email);
      assert.ok(mail.html);
      assert.doesNotMatch(mail.html, /<script>/);
      assert.ok(mail.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(mail.html.includes('O&#39;Brien &amp; &quot;Söhne&quot;'));
      assert.doesNotMatch(mail.html, /<img|src=|https?:\/\/(?!localhost:8080)/, 'no images and no external resources');
      assert.doesNotMatch(mail.subject ?? '', /script|Brien|Erika|Mustermann/);
      assert.ok(!mail.html.includes('#termin=') || /href="http:\/\/localhost:8080\/#termin=/.test(mail.html), 'the token only in a fragment');
    });

    it('SMTP down: the booking is made, the email waits; once SMTP is back it arrives, once', async () => {
      const clock = new TestClock('2027-05-03T06:00:00Z');
      const { running, logLines } = await server(clock);
      const email = `down-${database.name}@example.org`;
      await smtp.stop();
      try {
        await book(running.url, { locationId: 'rathaus', date: '2027-05-07', email });
        assert.equal(await running.flushOutbox(), 1);
        const failed = logLines.find((line) => line.event === 'message' && line.outcome === 'retry');
        assert.ok(failed, 'the failure is logged');
        assert.match(String(failed.error), /^smtp /);
        assert.doesNotMatch(JSON.stringify(logLines), /down-.*@example\.org|Erika/, 'no personal data in the log');
      } finally {
        await smtp.start();
      }
      assert.equal(await running.flushOutbox(), 0, 'not before the back-off of a minute');
      clock.advance(60_000);
      assert.equal(await running.flushOutbox(), 1);
      clock.advance(HOUR);
      assert.equal(await running.flushOutbox(), 0);
      assert.equal(to(smtp.messages, email).length, 1);
    });

    it('gives up after 1 min, 5 min, 30 min and 2 h of retries, and logs it without personal data', async () => {
      const clock = new TestClock('2027-05-03T06:00:00Z');
      const { running, logLines } = await server(clock, conformanceTown());
      await smtp.stop();
      try {
        await book(running.url, { locationId: 'rathaus', date: '2027-05-10', email: `never-${database.name}@example.org` });
        const outcomes: string[] = [];
        for (const wait of [0, 60_000, 5 * 60_000, 30 * 60_000, 2 * HOUR]) {
          clock.advance(wait - 1);
          assert.equal(await running.flushOutbox(), 0, 'not before its time');
          clock.advance(1);
          assert.equal(await running.flushOutbox(), 1);
          outcomes.push(String(logLines.filter((line) => line.event === 'message').at(-1)?.outcome));
        }
        assert.deepEqual(outcomes, ['retry', 'retry', 'retry', 'retry', 'given-up']);
        clock.advance(24 * HOUR);
        assert.equal(await running.flushOutbox(), 0);
        assert.doesNotMatch(JSON.stringify(logLines), /never-|Erika/);
      } finally {
        await smtp.start();
      }
    });

    it('an unconfirmed booking is released and erased: no reminder, nothing left to send', async () => {
      const clock = new TestClock('2027-05-03T06:00:00Z');
      const { running } = await server(clock);
      const email = `released-${database.name}@example.org`;
      const booking = await book(running.url, { locationId: 'nord', date: '2027-05-11', email });
      await running.flushOutbox();
      clock.advance(2 * HOUR + 60_000);
      const { runHousekeeping } = await import('../src/jobs.js');
      await runHousekeeping(running.db, clock.now());
      const [row] = await running.db.query<{ person: unknown }>('SELECT person FROM bookings WHERE code = $1', [booking.code]);
      assert.equal(row.person, null);
      clock.set('2027-05-10T09:00:00Z');
      assert.equal(await running.flushOutbox(), 0);
      assert.equal(to(smtp.messages, email).length, 1, 'only the request to confirm');
      void hold;
    });
  });
}

function authorizedStatus(response: Response): number {
  return response.status;
}
