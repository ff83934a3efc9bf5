// Walks the mock demo (`npm run demo:mock`) through every screen of booking and managing, in German and
// English, at 1280 px and 360 px, and saves a full-page PNG and one of the widget alone for each.
// Usage: `node scripts/screenshots.mjs [url] [outDir] [screen…]`, e.g.
//   node scripts/screenshots.mjs http://localhost:5173/ /tmp/shots           (everything)
//   node scripts/screenshots.mjs http://localhost:5173/ /tmp/shots manage    (screens whose name has "manage")
// `SHOT_LANG=en` or `SHOT_WIDTH=360` for one language or width; `SHOT_FONT=24` for a reader who set a larger
// text size in the browser. The loading, failed, short-hold and empty-month screens need the mock's URL
// options (`latency`, `fault`, `holdSeconds`); against `npm start` they show the ordinary state.
// It warns about anything that sticks out of the widget sideways (a modal dialog is centred on the page instead).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChrome } from '../test/support/find-chrome.mjs';

const base = new URL(process.argv[2] ?? 'http://localhost:5173/');
const outDir = process.argv[3] ?? 'screenshots';
const only = process.argv.slice(4);
const langs = (process.env.SHOT_LANG ?? 'de,en').split(',');
const widths = (process.env.SHOT_WIDTH ?? '1280,360').split(',').map(Number);
// The reader's default text size in the browser settings (16 is the usual one), e.g. SHOT_FONT=24.
const fontSize = Number(process.env.SHOT_FONT ?? 16);
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChrome(),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const TEXT = {
  de: {
    more: /Eine Person mehr für Reisepass/, next: 'Weiter', book: /^Termin (verbindlich buchen|anfragen|buchen)$/,
    first: 'Vorname', last: 'Nachname', email: 'E-Mail-Adresse', failed: /nicht geladen/, code: 'Buchungsnummer',
    find: 'Termin suchen', data: 'Meine Daten ansehen', cancel: /^Termin absagen$/, move: 'Termin verschieben', keep: /Nein/,
  },
  en: {
    more: /One more person: Apply for a passport/, next: 'Continue', book: /^(Book|Request) appointment$/,
    first: 'First name', last: 'Last name', email: 'Email address', failed: /could not be loaded/, code: 'Booking number',
    find: 'Find appointment', data: 'View my data', cancel: 'Cancel appointment', move: 'Move appointment', keep: /No, keep/,
  },
};

/** Replaces the backend's free days with an empty month, so the "no free times" notice shows. */
function emptyMonth() {
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!url.pathname.endsWith('/days')) return original(input, init);
    const to = new Date(`${url.searchParams.get('to')}T12:00:00Z`);
    to.setUTCDate(to.getUTCDate() + 3);
    return Response.json({ days: [], nextAvailable: to.toISOString().slice(0, 10) });
  };
}

/** Preselects a service and a location, as a page about passports at one office would. */
function preselect() {
  document.addEventListener('DOMContentLoaded', () => {
    const widget = document.querySelector('termin-buchen');
    widget?.setAttribute('service', 'reisepass');
    widget?.setAttribute('location', 'rathaus');
  });
}

// Each screen: the page's path and query, what to do before the page loads, and the walk to it.
const screens = {
  'booking': { path: '', walk: book },
  'booking-days-loading': { path: '?latency=2500', walk: async (s) => { await toDatetime(s); await s.shot('days-loading'); } },
  'booking-days-failed': {
    path: '?fault=days:500', walk: async (s) => {
      await toDatetime(s);
      await s.widget.getByText(s.t.failed).waitFor();
      await s.shot('days-failed');
    },
  },
  'booking-preselected': {
    path: '', init: preselect, walk: async (s) => {
      await s.widget.locator('tb-calendar td[data-state="available"]').first().waitFor();
      await s.shot('preselected');
    },
  },
  'booking-empty-month': {
    path: '', init: `(${preselect})();(${emptyMonth})();`, walk: async (s) => {
      await s.widget.locator('tb-datetime-step .notice').waitFor();
      await s.shot('empty-month');
    },
  },
  'booking-hold-warning': {
    path: '?holdSeconds=110', init: preselect, walk: async (s) => {
      await chooseTime(s);
      await s.widget.locator('.notice.warning').waitFor();
      await s.shot('hold-warning');
    },
  },
  'manage': { path: 'manage.html', walk: manage },
};

async function toDatetime(s) {
  await s.widget.getByRole('button', { name: s.t.more }).click();
  await s.widget.getByRole('button', { name: s.t.next }).click();
  await s.widget.getByRole('radio').first().waitFor();
  await s.widget.getByRole('radio').first().check();
  await s.widget.getByRole('button', { name: s.t.next }).click();
}

async function chooseTime(s) {
  await s.widget.locator('tb-calendar td[data-state="available"]').first().click();
  await s.widget.locator('tb-slot-list button').first().click();
  await s.widget.getByLabel(s.t.first).waitFor();
}

async function book(s) {
  await s.shot('1-services');
  await s.widget.getByRole('button', { name: s.t.more }).click();
  await s.widget.getByRole('button', { name: s.t.next }).click();
  await s.widget.getByRole('radio').first().waitFor();
  await s.shot('2-location');
  await s.widget.getByRole('radio').first().check();
  await s.widget.getByRole('button', { name: s.t.next }).click();
  await s.widget.locator('tb-calendar td[data-state="available"]').first().waitFor();
  await s.shot('3-datetime');
  await s.widget.locator('tb-calendar td[data-state="available"]').first().click();
  await s.widget.locator('tb-slot-list button').first().waitFor();
  await s.shot('3b-slots');
  await s.widget.locator('tb-slot-list button').first().click();
  await s.widget.getByLabel(s.t.first).waitFor();
  await s.widget.getByRole('button', { name: s.t.next }).click();
  await s.shot('4b-details-errors');
  await s.widget.getByLabel(s.t.first).fill('Erika');
  await s.widget.getByLabel(s.t.last).fill('Mustermann');
  await s.widget.getByLabel(s.t.email, { exact: true }).fill('erika@example.org');
  await s.shot('4-details');
  await s.widget.getByRole('button', { name: s.t.next }).click();
  await s.shot('5-review');
  await s.widget.getByRole('button', { name: s.t.book }).click();
  await s.widget.locator('.code').waitFor();
  await s.shot('6-done');
}

async function manage(s) {
  const hint = s.page.locator('[data-demo-hint]');
  await hint.waitFor();
  const code = (await hint.textContent()).match(/[A-Z0-9]{3}-[A-Z0-9]{3}/)[0];
  await s.widget.getByLabel(s.t.code).waitFor();
  await s.shot('7-lookup');
  await s.widget.getByRole('button', { name: s.t.find }).click();
  await s.shot('7b-lookup-errors');
  await s.widget.getByLabel(s.t.code).fill(code);
  await s.widget.getByLabel(s.t.email).fill('erika.mustermann@example.org');
  await s.widget.getByRole('button', { name: s.t.find }).click();
  await s.widget.getByRole('button', { name: s.t.data }).waitFor();
  await s.shot('8-booking');
  await s.widget.getByRole('button', { name: s.t.cancel }).click();
  await s.widget.locator('dialog[open]').waitFor();
  await s.shot('8b-cancel-dialog');
  await s.widget.getByRole('button', { name: s.t.keep }).click();
  await s.widget.getByRole('button', { name: s.t.data }).click();
  await s.widget.locator('#data-title').waitFor();
  await s.shot('8c-data');
  await s.widget.getByRole('button', { name: s.t.move }).click();
  await s.widget.locator('tb-calendar td[data-state="available"]').first().click();
  await s.widget.locator('tb-slot-list button').first().waitFor();
  await s.shot('9-move');
}

for (const [name, screen] of Object.entries(screens)) {
  if (only.length > 0 && !only.some((part) => name.includes(part))) continue;
  for (const lang of langs) {
    for (const width of widths) {
      const prefix = `${lang}-${width}${fontSize === 16 ? '' : `-font${fontSize}`}`;
      const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 740 } });
      page.on('console', (message) => message.type() === 'error' && console.error(`[${prefix} ${name}] console: ${message.text()}`));
      page.on('pageerror', (error) => console.error(`[${prefix} ${name}] page error: ${error.message}`));
      if (fontSize !== 16) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: Math.round((fontSize * 13) / 16) } });
      }
      if (screen.init) await page.addInitScript(typeof screen.init === 'string' ? { content: screen.init } : screen.init);
      const url = new URL(screen.path, base);
      if (lang !== 'de') url.searchParams.set('lang', lang);
      await page.goto(url.href);
      const widget = page.locator('termin-buchen');
      const shot = async (step) => {
        // No hover look on the button just clicked; let transitions and the focus scroll settle (a loading
        // screen is taken as it is).
        await page.mouse.move(0, 0);
        await page.waitForTimeout(step.includes('loading') ? 100 : 400);
        const file = `${outDir}/${prefix}-${step}`;
        await page.screenshot({ path: `${file}.png`, fullPage: true });
        await widget.screenshot({ path: `${file}.widget.png` });
        // Nothing may stick out sideways: a citizen on a phone would have to scroll to read it.
        const overflowing = await widget.evaluate((host) => {
          const right = host.getBoundingClientRect().right + 0.5;
          return [...host.shadowRoot.querySelectorAll('*')]
            .filter((element) => element.getBoundingClientRect().right > right && !element.closest('dialog'))
            .map((element) => `${element.localName}.${[...element.classList].join('.')}`);
        });
        if (overflowing.length > 0) console.warn(`${prefix}-${step}: wider than the widget: ${overflowing.join(', ')}`);
      };
      try {
        await widget.getByRole('heading', { level: 2 }).first().waitFor();
        await screen.walk({ page, widget, shot, t: TEXT[lang] });
      } catch (error) {
        console.error(`[${prefix} ${name}] ${error.message.split('\n')[0]}`);
        await page.screenshot({ path: `${outDir}/${prefix}-${name}-FAILED.png`, fullPage: true });
      }
      await page.close();
    }
  }
}
await browser.close();
console.log(`screenshots in ${outDir}/`);
