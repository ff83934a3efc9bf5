/**
 * The README's promise, in a real browser: the demo that `npm start` serves books for real, a Termin
 * booked there survives a restart of the server, and the manage page finds it by code and email.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChrome } from '../../test/support/find-chrome.mjs';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';

const BUILT_WIDGET = fileURLToPath(new URL('../../dist/termin-buchen.js', import.meta.url));
const LIVE_DEMO_CONFIG = fileURLToPath(new URL('../../demo/vite.live.config.ts', import.meta.url));
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const EMAIL = 'mia.beispiel@example.org';

async function bookThroughTheWidget(page: Page): Promise<{ code: string; when: string }> {
  const widget = page.locator('termin-buchen');
  await widget.getByRole('button', { name: 'Eine Person mehr für Personalausweis beantragen' }).click();
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('radio', { name: /Bürgerbüro Rathaus/ }).check();
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('gridcell', { name: /freie Termine/ }).nth(1).click();
  const times = widget.getByRole('button', { name: /^\d\d:\d\d bis \d\d:\d\d Uhr$/ });
  await times.first().waitFor();
  await times.nth(2).click();
  await widget.getByRole('heading', { name: 'Ihre Angaben' }).waitFor();
  await widget.getByRole('textbox', { name: 'Vorname' }).fill('Mia');
  await widget.getByRole('textbox', { name: 'Nachname' }).fill('Beispiel');
  await widget.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(EMAIL);
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('heading', { name: 'Angaben prüfen und buchen' }).waitFor();
  const when = await termOf(widget, 'Tag und Uhrzeit');
  await widget.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
  await widget.getByRole('heading', { name: 'Ihr Termin ist gebucht' }).waitFor();
  const code = (await widget.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/).textContent())?.trim() ?? '';
  return { code, when };
}

async function termOf(scope: Locator, term: string): Promise<string> {
  return (await scope.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]').textContent())?.trim() ?? '';
}

const chrome = findChrome();
const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('the demo town from npm start', () => {
  let browser: Browser;
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  before(async () => {
    assert.ok(chrome, 'a Chromium is installed (CHROME_PATH or /usr/bin/chromium)');
    assert.ok(existsSync(BUILT_WIDGET), 'the widget is built (npm test builds it before the tests)');
    await build({ configFile: LIVE_DEMO_CONFIG, logLevel: 'silent' });
    browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_FLAGS });
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
