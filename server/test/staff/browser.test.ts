/**
 * The staff side in Chromium, as a clerk on their first morning: log in, find a booking a citizen made in the
 * built widget in today's list, mark one arrived, cancel another (its time is free again), block an hour (its times leave /slots), book
 * for a caller, download the CSV and open the print view. Every page passes axe-core and is photographed at
 * 1280 and 360 px into $STAFF_SCREENSHOTS (default: a temp folder) for a human to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChrome } from '../../../test/support/find-chrome.mjs';
import { readAudit } from '../../src/store/staff-audit.js';
import { startTestServer, TestClock, type StartedServer } from '../support/contract-targets.js';
import { testDatabaseTargets } from '../support/databases.js';
import { addAccount, PASSWORD } from './support.js';

const AXE = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url));
const SHOTS = process.env.STAFF_SCREENSHOTS ?? join(tmpdir(), 'tb-staff-screenshots');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
/** Monday 4 March 2030, 07:00 in Musterstadt: the Rathaus opens at 08:00. */
const MONDAY_MORNING = '2030-03-04T06:00:00Z';
const TODAY = '2030-03-04';

interface AxeResult { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }

async function checkPage(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const { violations } = await axe.run();
    return { violations: violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map(({ target }) => ({ target })) })) };
  }) as AxeResult;
  assert.deepEqual(result.violations, [], `axe on ${name}: ${JSON.stringify(result.violations, null, 1)}`);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function bookByApi(base: string, start: string, firstName: string, lastName: string, email: string): Promise<string> {
  const held = await fetch(`${base}/api/v1/holds`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 2 }], start }),
  });
  assert.equal(held.status, 201);
  const { id } = await held.json() as { id: string };
  const booked = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ holdId: id, person: { firstName, lastName, email, phone: '0171 2345678' }, notes: 'Rollstuhl, bitte Aufzug', locale: 'de' }),
  });
  assert.equal(booked.status, 201);
  return ((await booked.json()) as { booking: { code: string } }).booking.code;
}

const BUILT_WIDGET = fileURLToPath(new URL('../../../dist/termin-buchen.js', import.meta.url));

/**
 * Books as a citizen does, in the built widget on a page of the server's own origin (served by the test,
 * so no CORS is needed), with the browser's clock set to the server's test clock.
 */
async function bookThroughWidget(browser: Browser, base: string, time: string, person: { first: string; last: string; email: string }): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.route(`${base}/citizen.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="de"><meta charset="utf-8"><title>Termin</title><script type="module" src="/citizen.js"></script>'
      + '<termin-buchen api="/api/v1" service="personalausweis" location="rathaus"></termin-buchen></html>',
  }));
  await page.route(`${base}/citizen.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: readFileSync(BUILT_WIDGET, 'utf8') }));
  await page.goto(`${base}/citizen.html`);
  const widget = page.locator('termin-buchen');
  await widget.getByRole('gridcell', { name: /^Montag, 4\. März 2030/ }).click();
  await widget.getByRole('button', { name: `${time} bis`, exact: false }).first().click();
  await widget.getByRole('heading', { name: 'Ihre Angaben' }).waitFor();
  await widget.getByRole('textbox', { name: 'Vorname' }).fill(person.first);
  await widget.getByRole('textbox', { name: 'Nachname' }).fill(person.last);
  await widget.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(person.email);
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('button', { name: /^Termin (verbindlich )?buchen$/ }).click();
  await widget.getByRole('heading', { name: 'Ihr Termin ist gebucht' }).waitFor();
  const code = (await widget.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/).textContent())?.trim() ?? '';
  await context.close();
  return code;
}

async function slotStarts(base: string): Promise<string[]> {
  const response = await fetch(`${base}/api/v1/slots?location=rathaus&services=personalausweis:1&date=${TODAY}`);
  return ((await response.json()) as { slots: { start: string }[] }).slots.map((slot) => slot.start);
}

const chrome = findChrome();
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('the staff pages in Chromium', () => {
  const clock = new TestClock(MONDAY_MORNING);
  let server: StartedServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    assert.ok(chrome, 'a Chromium is installed (CHROME_PATH or /usr/bin/chromium)');
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer(embedded, clock);
    base = server.running.url;
    await addAccount(server.running.db, 'sachbearbeitung@musterstadt.example', 'clerk', ['rathaus']);
    await addAccount(server.running.db, 'admin@musterstadt.example', 'admin');
    browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_FLAGS });
    // bypassCSP only so that axe-core can be injected; the pages' own CSP allows no script at all.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, acceptDownloads: true, locale: 'de-DE' });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.running.stop();
    await server?.database.dispose();
  });

  it('works through a clerk\'s morning', { timeout: 240_000 }, async () => {
    const arriving = await bookByApi(base, `${TODAY}T09:00:00+01:00`, 'Jürgen', 'Größe', 'juergen@example.org');
    const cancelling = await bookByApi(base, `${TODAY}T10:00:00+01:00`, 'Ömer', 'Çelik', 'oemer@example.org');
    const throughWidget = await bookThroughWidget(browser, base, '11:30', { first: 'Zoë', last: 'Weiß', email: 'zoe@example.org' });
    assert.match(throughWidget, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    assert.ok(!(await slotStarts(base)).includes(`${TODAY}T10:00:00+01:00`));

    await page.goto(`${base}/staff/login`);
    await checkPage(page, 'login');
    await page.getByLabel('E-Mail-Adresse').fill('sachbearbeitung@musterstadt.example');
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Tagesliste', level: 1 }).waitFor();
    const cookies = await context.cookies();
    assert.ok(cookies.some((cookie) => cookie.name === '__Host-tb-staff' && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict'),
      'Chromium keeps the __Host- cookie on http://127.0.0.1');
    await page.getByRole('heading', { name: /09:00–09:30 Uhr · Jürgen Größe/ }).waitFor();
    await page.getByRole('heading', { name: /11:30–11:45 Uhr · Zoë Weiß/ }).waitFor();
    assert.ok(await page.locator('ol.appointments > li').filter({ hasText: throughWidget }).count() === 1, 'the widget booking is in today\'s list');
    await checkPage(page, 'day');

    await page.getByRole('button', { name: `Erschienen für Termin ${arriving}`, exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Als erschienen markiert.' }).waitFor();
    const first = page.locator('ol.appointments > li').filter({ hasText: arriving });
    await first.getByText('Erschienen', { exact: true }).waitFor();
    await checkPage(page, 'day-after-check-in');

    await page.getByRole('link', { name: `Details und Absagen zu ${cancelling}` }).click();
    await page.getByRole('heading', { name: `Termin ${cancelling}` }).waitFor();
    await checkPage(page, 'booking');
    await page.getByRole('button', { name: `Termin ${cancelling} absagen` }).click();
    await page.getByText('Der Termin ist abgesagt; die Zeit ist wieder frei.').waitFor();
    assert.ok((await slotStarts(base)).includes(`${TODAY}T10:00:00+01:00`), 'the cancelled time is free again');
    const outbox = await server.running.db.query<{ kind: string }>(
      `SELECT o.kind FROM outbox o JOIN bookings b ON b.id = o.booking_id WHERE b.code = $1`, [cancelling]);
    assert.ok(outbox.some((message) => message.kind === 'cancelled'), 'the citizen gets the cancellation email');

    await page.getByRole('link', { name: 'Schließzeiten' }).click();
    assert.ok((await slotStarts(base)).some((start) => start.startsWith(`${TODAY}T13:`)));
    await page.getByLabel('Erster Tag').fill(TODAY);
    await page.getByLabel('Ab Uhrzeit – optional').fill('13:00');
    await page.getByLabel('Bis Uhrzeit – optional').fill('14:00');
    await page.getByLabel('Grund – optional').fill('Personalversammlung');
    await page.getByRole('button', { name: 'Schließzeit eintragen' }).click();
    await page.getByText('Die Schließzeit ist eingetragen.').waitFor();
    await checkPage(page, 'closures');
    const afterClosure = await slotStarts(base);
    assert.ok(!afterClosure.some((start) => start >= `${TODAY}T12:45` && start < `${TODAY}T14:00`), `no time touching 13–14 h: ${afterClosure.join(' ')}`);
    assert.ok(afterClosure.includes(`${TODAY}T14:00:00+01:00`));

    await page.getByRole('link', { name: 'Termin eintragen' }).click();
    await page.getByLabel(/Personalausweis beantragen/).fill('1');
    await page.getByLabel('Tag').fill(TODAY);
    await page.getByRole('button', { name: 'Freie Zeiten anzeigen' }).click();
    await page.getByRole('group', { name: /Freie Zeiten am/ }).waitFor();
    await checkPage(page, 'book');
    await page.getByRole('radio', { name: '11:00 Uhr' }).check();
    await page.getByLabel('Vorname').fill('Anna');
    await page.getByLabel('Nachname').fill('Anrufer');
    await page.getByLabel('E-Mail-Adresse').fill('not an email');
    await page.getByRole('button', { name: 'Termin verbindlich eintragen' }).click();
    await page.getByRole('alert').getByText('Das ist keine gültige E-Mail-Adresse.').waitFor();
    await checkPage(page, 'book-errors');
    await page.getByLabel('E-Mail-Adresse').fill('anna.anrufer@example.org');
    await page.getByRole('button', { name: 'Termin verbindlich eintragen' }).click();
    await page.getByText('Der Termin ist eingetragen.').waitFor();
    assert.ok(!(await slotStarts(base)).includes(`${TODAY}T11:00:00+01:00`), 'the caller\'s time is taken');
    const confirmation = await server.running.db.query<{ kind: string }>(
      `SELECT o.kind FROM outbox o JOIN bookings b ON b.id = o.booking_id WHERE b.person->>'email' = 'anna.anrufer@example.org'`);
    assert.ok(confirmation.length > 0, 'the caller gets the same confirmation as a widget booking');

    await page.goto(`${base}/staff/day?location=rathaus&date=${TODAY}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV herunterladen' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 with BOM');
    assert.match(csv, /Jürgen;Größe/);
    assert.match(csv, /Ömer;Çelik/);
    assert.match(csv, /Anna;Anrufer/);

    await page.getByRole('link', { name: 'Druckansicht' }).click();
    await page.getByRole('cell', { name: 'Jürgen Größe' }).waitFor();
    await checkPage(page, 'print');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'print-media-print.png'), fullPage: true });
    await page.pdf({ path: join(SHOTS, 'print.pdf') });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/staff/search?q=gr%C3%B6%C3%9Fe`);
    await page.getByRole('link', { name: `Jürgen Größe · ${arriving}` }).waitFor();
    await checkPage(page, 'search');

    // The admin's pages, in a second session.
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
    await admin.goto(`${base}/staff/login`);
    await admin.getByLabel('E-Mail-Adresse').fill('admin@musterstadt.example');
    await admin.getByLabel('Passwort').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Anmelden' }).click();
    await admin.getByRole('link', { name: 'Kalender-Feeds' }).click();
    await checkPage(admin, 'feeds');
    await admin.getByRole('button', { name: 'Feed einrichten für Bürgerbüro Rathaus' }).click();
    const feedUrl = (await admin.locator('code.secret').textContent())?.trim() ?? '';
    assert.match(feedUrl, /\/staff\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    await checkPage(admin, 'feeds-new');
    const feed = await (await fetch(feedUrl)).text();
    assert.match(feed, /BEGIN:VEVENT/);
    assert.match(feed, new RegExp(arriving));
    assert.doesNotMatch(feed, /Größe|juergen/, 'no names or addresses in the feed');
    await admin.getByRole('button', { name: 'Neue Adresse erzeugen für Bürgerbüro Rathaus' }).click();
    assert.equal((await fetch(feedUrl)).status, 404, 'the renewed feed makes the old address useless');

    await admin.getByRole('link', { name: 'Protokoll' }).click();
    await admin.getByLabel('Mitarbeiter (E-Mail)').fill('sachbearbeitung@musterstadt.example');
    await admin.getByRole('button', { name: 'Filtern' }).click();
    await admin.getByRole('cell', { name: 'Erschienen markiert' }).waitFor();
    await checkPage(admin, 'audit');

    const entries = await readAudit(server.running.db, { actor: 'sachbearbeitung@musterstadt.example' });
    const actions = new Set(entries.map((entry) => `${entry.action}${entry.detail ? `:${entry.detail}` : ''}`));
    for (const expected of ['login', 'viewed:day', 'viewed:booking', 'arrived', 'cancelled', 'closure_added:closure 1', 'booked', 'viewed:csv', 'viewed:print', 'viewed:search']) {
      assert.ok(actions.has(expected), `audit has ${expected}: ${[...actions].join(', ')}`);
    }
    const audited = JSON.stringify(await server.running.db.query('SELECT * FROM staff_audit'));
    assert.doesNotMatch(audited, /Jürgen|Größe|juergen@|0171|Rollstuhl/, 'the audit log holds no personal data');
  });
});
