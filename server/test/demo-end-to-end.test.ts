/**
 * The README's promise, in a real browser: the demo that `npm start` serves books for real, a Termin
 * booked there survives a restart of the server, and the manage page finds it by code and email.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillDemoBooking, launchForDemo, termOf } from './support/demo-browser.js';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';

const EMAIL = 'mia.beispiel@example.org';

async function bookThroughTheWidget(page: Page): Promise<{ code: string; when: string }> {
  const widget = page.locator('termin-buchen');
  const when = await fillDemoBooking(page, { office: /Bürgerbüro Rathaus/, timeIndex: 2, firstName: 'Mia', lastName: 'Beispiel', email: EMAIL });
  await widget.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
  await widget.getByRole('heading', { name: 'Ihr Termin ist gebucht' }).waitFor();
  const code = (await widget.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/).textContent())?.trim() ?? '';
  return { code, when };
}

const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('the demo town from npm start', () => {
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

  it('books a Termin that survives a restart and is found on the manage page', { timeout: 180_000 }, async () => {
    const env = { TB_DEMO: '1', DATA_DIR: (database.target as { dataDir: string }).dataDir };
    server = await startServerProcess(env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    const booked = await bookThroughTheWidget(page);
    assert.match(booked.code, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await page.close();

    assert.equal(await stopServerProcess(server), 0);
    server = await startServerProcess(env);

    const manage = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await manage.goto(`${server.url}/manage.html`);
    const widget = manage.locator('termin-buchen');
    await widget.getByRole('textbox', { name: /Buchungsnummer/ }).fill(booked.code.toLowerCase().replace('-', ''));
    await widget.getByRole('textbox', { name: /E-Mail/ }).fill(EMAIL.toUpperCase());
    await widget.getByRole('button', { name: /finden|suchen|anzeigen/i }).click();
    await widget.getByText(booked.code).waitFor();
    assert.equal(await termOf(widget, 'Tag und Uhrzeit'), booked.when, 'the manage page shows the booked day and time');
    await manage.close();
  });
});
