import { expect, waitUntil } from '@open-wc/testing';
import ICAL from 'ical.js';
import type { Booking } from '../src/api/schemas.js';
import { catalogs } from '../src/i18n/messages.js';
import { downloadIcs } from '../src/ics/download.js';
import { bookingToIcs, icsFileName } from '../src/ics/ics.js';

const now = new Date('2026-11-20T09:15:30Z');

function makeBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    code: 'K7Q-4XP',
    token: 'manage-token-must-stay-secret',
    status: 'confirmed',
    start: '2026-12-03T08:30:00+01:00',
    end: '2026-12-03T08:45:00+01:00',
    location: {
      id: 'rathaus',
      name: 'Bürgerbüro im Rathaus',
      address: { street: 'Marktplatz 1', postalCode: '12345', city: 'Musterstadt' },
    },
    services: [{ id: 'perso', name: 'Personalausweis beantragen', quantity: 1 }],
    ...overrides,
  };
}

function toIcs(booking: Booking, lang: 'de' | 'en' = 'de', pageUrl?: string): string {
  return bookingToIcs(booking, { messages: catalogs[lang], lang, now, pageUrl });
}

function parse(ics: string) {
  const calendar = ICAL.Component.fromString(ics);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The content lines after undoing RFC 5545 folding. */
function unfoldedLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

function rawValue(ics: string, name: string): string {
  const line = unfoldedLines(ics).find((candidate) => /^[A-Z-]+[;:]/.test(candidate) && candidate.split(/[;:]/)[0] === name);
  if (!line) throw new Error(`no ${name} line`);
  return line.slice(line.indexOf(':') + 1);
}

function timeValue(vevent: ICAL.Component, name: string): Date {
  const value = vevent.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value.toJSDate();
}

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('bookingToIcs', () => {
  it('is an iCalendar 2.0 file for publishing with exactly one event', () => {
    const { calendar } = parse(toIcs(makeBooking()));
    expect(calendar.name).to.equal('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).to.equal('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).to.be.a('string').that.is.not.empty;
    expect(calendar.getFirstPropertyValue('calscale')).to.equal('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).to.equal('PUBLISH');
    expect(calendar.getAllSubcomponents('vevent')).to.have.length(1);
  });

  it('starts and ends at the booking instants, written in UTC', () => {
    const booking = makeBooking();
    const ics = toIcs(booking);
    const { vevent } = parse(ics);
    expect(timeValue(vevent, 'dtstart').getTime()).to.equal(Date.parse(booking.start));
    expect(timeValue(vevent, 'dtend').getTime()).to.equal(Date.parse(booking.end));
    expect(rawValue(ics, 'DTSTART')).to.equal('20261203T073000Z');
    expect(rawValue(ics, 'DTEND')).to.equal('20261203T074500Z');
    expect(ics).not.to.contain('VTIMEZONE');
  });

  it('stamps the file with the given time in UTC', () => {
    const ics = toIcs(makeBooking());
    expect(timeValue(parse(ics).vevent, 'dtstamp').getTime()).to.equal(now.getTime());
    expect(rawValue(ics, 'DTSTAMP')).to.match(/^\d{8}T\d{6}Z$/);
  });

  it('keeps the UID stable per booking and distinct between bookings', () => {
    const uid = parse(toIcs(makeBooking())).event.uid;
    const later = bookingToIcs(makeBooking({ start: '2026-12-04T10:00:00+01:00', end: '2026-12-04T10:15:00+01:00' }), {
      messages: catalogs.en,
      lang: 'en',
      now: new Date('2026-11-21T00:00:00Z'),
    });
    expect(uid).to.contain('K7Q-4XP');
    expect(parse(later).event.uid).to.equal(uid);
    expect(parse(toIcs(makeBooking({ code: 'ZZZ-999' }))).event.uid).not.to.equal(uid);
  });

  it('names the service in the summary, and every service with its quantity when there are several', () => {
    expect(parse(toIcs(makeBooking())).event.summary).to.contain('Personalausweis beantragen');

    const summary = parse(
      toIcs(
        makeBooking({
          services: [
            { id: 'perso', name: 'Personalausweis beantragen', quantity: 1 },
            { id: 'pass', name: 'Reisepass beantragen', quantity: 2 },
          ],
        }),
      ),
    ).event.summary;
    expect(summary).to.contain('Personalausweis beantragen');
    expect(summary).to.contain('2 × Reisepass beantragen');
    expect(summary).not.to.contain('1 ×');
  });

  it('gives the location name with its full address', () => {
    const location = parse(toIcs(makeBooking())).event.location;
    for (const part of ['Bürgerbüro im Rathaus', 'Marktplatz 1', '12345 Musterstadt']) expect(location).to.contain(part);
  });

  it('describes the booking: code, services, location hint, how to manage it, and not the secret token', () => {
    const booking = makeBooking({
      location: { ...makeBooking().location, hint: 'Eingang über den Innenhof' },
    });
    const ics = toIcs(booking, 'de', 'https://www.musterstadt.de/buergerbuero');
    const description = parse(ics).event.description;
    expect(description).to.contain('K7Q-4XP');
    expect(description).to.contain('Personalausweis beantragen');
    expect(description).to.contain('Eingang über den Innenhof');
    expect(description).to.contain(catalogs.de.ics.manageHint);
    expect(description).to.contain('https://www.musterstadt.de/buergerbuero');
    expect(ics).not.to.contain(booking.token);
  });

  it('writes the texts in the requested language and labels them with it', () => {
    const { vevent } = parse(toIcs(makeBooking(), 'en'));
    expect(vevent.getFirstPropertyValue('description')).to.contain(catalogs.en.ics.manageHint);
    expect(vevent.getFirstProperty('summary')?.getParameter('language')).to.equal('en');
    expect(vevent.getFirstPropertyValue('summary')).not.to.equal(parse(toIcs(makeBooking(), 'de')).event.summary);
  });

  it('marks a pending booking as tentative and a confirmed one as confirmed', () => {
    const pending = parse(toIcs(makeBooking({ status: 'pending' })));
    expect(pending.vevent.getFirstPropertyValue('status')).to.equal('TENTATIVE');
    expect(pending.event.description).to.contain(catalogs.de.ics.pending);
    const confirmed = parse(toIcs(makeBooking({ status: 'confirmed' })));
    expect(confirmed.vevent.getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(confirmed.event.description).not.to.contain(catalogs.de.ics.pending);
  });

  it('folds long lines at 75 octets with CRLF and never splits a multi-byte character', () => {
    // Shifting the text by 0–3 bytes puts 2-, 3- and 4-byte characters across every possible fold position.
    for (let shift = 0; shift < 4; shift++) {
      const hint = `${'x'.repeat(shift)}${'Bitte bringen Sie Ihr Führungszeugnis, Gebühren in € und Ähnliches mit 😀 — äöüß. '.repeat(6)}`;
      const ics = toIcs(makeBooking({ location: { ...makeBooking().location, hint } }));
      const physicalLines = ics.split('\r\n');

      expect(ics.endsWith('\r\n')).to.be.true;
      expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
      expect(physicalLines.filter((line) => line.startsWith(' ')).length).to.be.greaterThan(5);
      for (const line of physicalLines) {
        expect(octets(line), line).to.be.at.most(75);
        expect(new TextDecoder().decode(new TextEncoder().encode(line)), 'no broken character').to.equal(line);
      }
      expect(parse(ics).event.description).to.contain(hint);
    }
  });

  it('escapes backslashes, semicolons, commas and newlines so they survive a round trip', () => {
    const name = 'Bürgerbüro Nord; Außenstelle, Haus B';
    const hint = 'Eingang Hof, 2. OG; Zimmer 3\\4\nBitte klingeln.\r\nDanke';
    const ics = toIcs(makeBooking({ location: { ...makeBooking().location, name, hint } }));
    const { event } = parse(ics);

    expect(event.location).to.contain(name);
    expect(event.description).to.contain(hint.replace(/\r\n/g, '\n'));
    // RFC 5545 TEXT: a comma or semicolon is bare when preceded by an even number of backslashes.
    const bareSeparator = /(?:^|[^\\])(?:\\\\)*[,;]/;
    for (const property of ['SUMMARY', 'LOCATION', 'DESCRIPTION']) expect(rawValue(ics, property)).not.to.match(bareSeparator);
  });

  it('converts bookings across the daylight-saving switches to the right UTC times', () => {
    // 29 March 2026: clocks in Berlin jump from 02:00 CET to 03:00 CEST.
    const spring = toIcs(makeBooking({ start: '2026-03-29T01:45:00+01:00', end: '2026-03-29T03:15:00+02:00' }));
    expect(rawValue(spring, 'DTSTART')).to.equal('20260329T004500Z');
    expect(rawValue(spring, 'DTEND')).to.equal('20260329T011500Z');
    const springEvent = parse(spring).event;
    expect(springEvent.endDate.toJSDate().getTime() - springEvent.startDate.toJSDate().getTime()).to.equal(30 * 60_000);

    // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
    const autumn = toIcs(makeBooking({ start: '2026-10-25T02:30:00+02:00', end: '2026-10-25T02:15:00+01:00' }));
    expect(rawValue(autumn, 'DTSTART')).to.equal('20261025T003000Z');
    expect(rawValue(autumn, 'DTEND')).to.equal('20261025T011500Z');
  });
});

describe('icsFileName', () => {
  it('names the file after the booking code', () => {
    expect(icsFileName(makeBooking())).to.equal('termin-K7Q-4XP.ics');
  });

  it('keeps only characters that are safe in file names', () => {
    const fileName = icsFileName(makeBooking({ code: '../A B:C' }));
    expect(fileName).to.match(/^termin-[A-Za-z0-9-]+\.ics$/);
    expect(fileName).to.contain('A').and.to.contain('B').and.to.contain('C');
  });
});

describe('downloadIcs', () => {
  it('downloads the content through a temporary blob link and revokes the URL afterwards', async () => {
    const content = toIcs(makeBooking());
    let clicked: { href: string; download: string; body: Promise<Response> } | undefined;
    const captureClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      event.preventDefault();
      clicked = { href: link.href, download: link.download, body: fetch(link.href) };
    };
    document.addEventListener('click', captureClick, { capture: true, once: true });

    downloadIcs(content, 'termin-K7Q-4XP.ics');

    if (!clicked) throw new Error('no link was clicked');
    expect(clicked.href).to.match(/^blob:/);
    expect(clicked.download).to.equal('termin-K7Q-4XP.ics');
    const response = await clicked.body;
    expect(response.headers.get('content-type')).to.contain('text/calendar');
    expect(await response.text()).to.equal(content);
    expect(document.querySelector('a[download]')).to.equal(null);
    const href = clicked.href;
    await waitUntil(() => fetch(href).then(() => false, () => true), 'the object URL is revoked', { timeout: 2000 });
  });
});
