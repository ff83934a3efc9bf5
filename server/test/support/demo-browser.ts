/**
 * Chromium on the demo town's pages, walked as a citizen walks them: shared by the browser tests of
 * `npm start` (booking, double opt-in).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChrome } from '../../../test/support/find-chrome.mjs';

const BUILT_WIDGET = fileURLToPath(new URL('../../../dist/termin-buchen.js', import.meta.url));
const LIVE_DEMO_CONFIG = fileURLToPath(new URL('../../../demo/vite.live.config.ts', import.meta.url));
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds the demo pages against the built widget (as `npm start` does) and starts Chromium. */
export async function launchForDemo(): Promise<Browser> {
  const chrome = findChrome();
  assert.ok(chrome, 'a Chromium is installed (CHROME_PATH or /usr/bin/chromium)');
  assert.ok(existsSync(BUILT_WIDGET), 'the widget is built (npm test builds it before the tests)');
  await build({ configFile: LIVE_DEMO_CONFIG, logLevel: 'silent' });
  return chromium.launch({ executablePath: chrome, args: CHROMIUM_FLAGS });
}

/** The value next to a term of a description list inside `scope`. */
export async function termOf(scope: Locator, term: string): Promise<string> {
  return (await scope.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]').textContent())?.trim() ?? '';
}

export interface DemoBooking {
  office: RegExp;
  /** Which of the listed free times to take. */
  timeIndex: number;
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * One ID card at `office`, on the second bookable day, through to the review step; answers the day and
 * time the review shows. The caller presses the submit button, whose wording depends on the office.
 */
export async function fillDemoBooking(page: Page, booking: DemoBooking): Promise<string> {
  const widget = page.locator('termin-buchen');
  await widget.getByRole('button', { name: 'Eine Person mehr für Personalausweis beantragen' }).click();
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('radio', { name: booking.office }).check();
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('gridcell', { name: /freie Termine/ }).nth(1).click();
  const times = widget.getByRole('button', { name: /^\d\d:\d\d bis \d\d:\d\d Uhr$/ });
  await times.first().waitFor();
  await times.nth(booking.timeIndex).click();
  await widget.getByRole('heading', { name: 'Ihre Angaben' }).waitFor();
  await widget.getByRole('textbox', { name: 'Vorname' }).fill(booking.firstName);
  await widget.getByRole('textbox', { name: 'Nachname' }).fill(booking.lastName);
  await widget.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(booking.email);
  await widget.getByRole('button', { name: 'Weiter' }).click();
  await widget.getByRole('heading', { name: 'Angaben prüfen und buchen' }).waitFor();
  return termOf(widget, 'Tag und Uhrzeit');
}
