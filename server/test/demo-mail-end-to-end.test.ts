/**
 * The double opt-in path of `npm start`, as a newcomer walks it in a browser: book at Bürgerbüro Nord, open
 * /dev/mail, open the email, follow its link, and the widget says the Termin is confirmed.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { fillDemoBooking, launchForDemo } from './support/demo-browser.js';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';

/** A port nobody listens on right now, so that the links in the emails can name it before the server starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('double opt-in in the demo town from npm start', () => {
  let browser: Browser;
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  before(async () => {
    browser = await launchForDemo();
    database = await embedded.create();
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServerProcess(server, 'SIGKILL');
    await database?.dispose();
  });

  it('book at Bürgerbüro Nord, open /dev/mail, follow the link: the widget confirms the Termin', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = await startServerProcess({
      TB_DEMO: '1',
      DATA_DIR: (database.target as { dataDir: string }).dataDir,
      PORT: String(port),
      BOOKING_PAGE_URL: `${origin}/`,
      ALLOWED_ORIGINS: origin,
      OUTBOX_POLL_MS: '200',
    });
    // The mailbox line follows the listening line, which is all startServerProcess waits for.
    for (let tries = 0; tries < 50 && !server.output.some((line) => line.includes(`${origin}/dev/mail`)); tries++) await settle(100);
    assert.ok(server.output.some((line) => line.includes(`${origin}/dev/mail`)), 'the start message names the mailbox');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/`);
    const widget = page.locator('termin-buchen');
    await fillDemoBooking(page, { office: /Bürgerbüro Nord/, timeIndex: 0, firstName: 'Nora', lastName: 'Neumann', email: 'nora.neumann@example.org' });
    // Worded "Termin anfragen" at a double opt-in office once issue 15's widget wording is built.
    await widget.getByRole('button', { name: /^(Termin verbindlich buchen|Termin anfragen)$/ }).click();
    await widget.getByRole('heading', { name: 'Bitte bestätigen Sie Ihren Termin' }).waitFor();

    const mailbox = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    let found = false;
    for (let tries = 0; tries < 50 && !found; tries++) {
      await mailbox.goto(`${origin}/dev/mail`);
      found = (await mailbox.getByRole('link', { name: /^Bitte bestätigen Sie Ihren Termin am / }).count()) > 0;
      if (!found) await mailbox.waitForTimeout(200);
    }
    assert.ok(found, 'the request to confirm is in the development mailbox');
    await mailbox.getByRole('link', { name: /^Bitte bestätigen Sie Ihren Termin am / }).click();
    await mailbox.getByRole('heading', { level: 1, name: /^Bitte bestätigen Sie Ihren Termin am / }).waitFor();
    await mailbox.getByRole('link', { name: 'Show the email as HTML, as the citizen sees it' }).click();
    await mailbox.getByRole('link', { name: 'Termin jetzt bestätigen' }).click();
    await mailbox.waitForURL(`${origin}/`);
    await mailbox.locator('termin-buchen').getByText('Vielen Dank. Ihr Termin ist jetzt bestätigt.').waitFor();
    assert.doesNotMatch(mailbox.url(), /termin=/, 'the widget took the token out of the address bar');

    // The confirmation ("Ihr Termin ist gebucht") follows in the mailbox.
    for (let tries = 0; tries < 50; tries++) {
      await mailbox.goto(`${origin}/dev/mail`);
      if (await mailbox.getByRole('link', { name: /ist gebucht/ }).count() > 0) break;
      await mailbox.waitForTimeout(200);
    }
    assert.ok(await mailbox.getByRole('link', { name: /ist gebucht/ }).count() > 0, 'the confirmation email');
  });
});
