// Walks the demo through every booking step and saves a screenshot of each at 1280 px and 360 px.
// Usage: start the demo (`npm start`), then `node scripts/screenshots.mjs [url] [outDir]`;
// `SHOT_LANG=en` for English, `SHOT_FONT=24` for a reader who set a larger text size in the browser.
// It warns about anything that sticks out of the widget sideways.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChrome } from '../test/support/find-chrome.mjs';

const url = process.argv[2] ?? 'http://localhost:5173/';
const outDir = process.argv[3] ?? 'screenshots';
const lang = process.env.SHOT_LANG ?? 'de';
// The reader's default text size in the browser settings (16 is the usual one), e.g. SHOT_FONT=24.
const fontSize = Number(process.env.SHOT_FONT ?? 16);
const prefix = fontSize === 16 ? lang : `${lang}-font${fontSize}`;
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChrome(),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const t = lang === 'en'
  ? { more: /One more person: Apply for a passport/, next: 'Continue', book: /^(Book|Request) appointment$/, first: 'First name', last: 'Last name', email: 'Email address' }
  : { more: /Eine Person mehr für Reisepass/, next: 'Weiter', book: /^Termin (verbindlich buchen|anfragen|buchen)$/, first: 'Vorname', last: 'Nachname', email: 'E-Mail-Adresse' };

for (const width of [1280, 360]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (message) => message.type() === 'error' && console.error(`[${width}] console: ${message.text()}`));
  page.on('pageerror', (error) => console.error(`[${width}] page error: ${error.message}`));
  if (fontSize !== 16) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: Math.round((fontSize * 13) / 16) } });
  }
  await page.goto(url + (lang === 'en' ? '?lang=en' : ''));
  const widget = page.locator('termin-buchen');
  const shot = async (name) => {
    await page.waitForTimeout(400);
    await widget.screenshot({ path: `${outDir}/${prefix}-${width}-${name}.png` });
    // Nothing may stick out sideways: a citizen on a phone would have to scroll to read it.
    const overflowing = await widget.evaluate((host) => {
      const right = host.getBoundingClientRect().right + 0.5;
      return [...host.shadowRoot.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > right)
        .map((element) => `${element.localName}.${[...element.classList].join('.')}`);
    });
    if (overflowing.length > 0) console.warn(`${prefix}-${width}-${name}: wider than the widget: ${overflowing.join(', ')}`);
  };
  await widget.getByRole('heading', { level: 2 }).waitFor();
  await shot('1-services');
  await widget.getByRole('button', { name: t.more }).click();
  await widget.getByRole('button', { name: t.next }).click();
  await widget.getByRole('radio').first().waitFor();
  await shot('2-location');
  await widget.getByRole('radio').first().check();
  await widget.getByRole('button', { name: t.next }).click();
  await widget.locator('tb-calendar td[data-state="available"]').first().waitFor();
  await shot('3-datetime');
  await widget.locator('tb-calendar td[data-state="available"]').first().click();
  await widget.locator('tb-slot-list button').first().waitFor();
  await shot('3b-slots');
  await widget.locator('tb-slot-list button').first().click();
  await widget.getByLabel(t.first).waitFor();
  await widget.getByRole('button', { name: t.next }).click();
  await shot('4b-details-errors');
  await widget.getByLabel(t.first).fill('Erika');
  await widget.getByLabel(t.last).fill('Mustermann');
  await widget.getByLabel(t.email).fill('erika@example.org');
  await shot('4-details');
  await widget.getByRole('button', { name: t.next }).click();
  await shot('5-review');
  await widget.getByRole('button', { name: t.book }).click();
  await widget.locator('.code').waitFor();
  await shot('6-done');
  await page.close();
}
await browser.close();
console.log(`screenshots in ${outDir}/`);
