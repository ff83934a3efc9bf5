/**
 * Each email's HTML, in German and English, rendered in Chromium: axe-core finds nothing, the page loads
 * nothing from anywhere, and a screenshot of each is written for a person to look at
 * (TB_MAIL_SCREENSHOTS=<folder>; by default a temporary folder, named in the test output).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { findChrome } from '../../test/support/find-chrome.mjs';
import { composeEmail, type MessageInput } from '../src/domain/messages/compose.js';
import { MESSAGE_KINDS } from '../src/domain/outbox-plan.js';
import { conformanceTown } from './support/contract-targets.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

function input(kind: MessageInput['kind'], locale: 'de' | 'en'): MessageInput {
  return {
    kind,
    town: conformanceTown(),
    booking: {
      code: 'K7Q-4XP',
      status: kind === 'confirm_request' ? 'pending' : kind === 'cancelled' ? 'cancelled' : 'confirmed',
      locationId: 'rathaus',
      services: [{ id: 'reisepass', quantity: 2 }, { id: 'meldebescheinigung', quantity: 1 }],
      start: new Date('2027-03-30T06:00:00Z'),
      end: new Date('2027-03-30T06:45:00Z'),
      locale,
      confirmBy: new Date('2027-03-26T13:00:00Z'),
    },
    person: { firstName: 'Erika', lastName: 'Mustermann' },
    manageUrl: kind === 'cancelled' ? null : 'http://localhost:8080/#termin=K7Q-4XP.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    now: new Date('2027-03-26T11:00:00Z'),
  };
}

describe('the HTML of every email', () => {
  let browser: Browser;
  const folder = process.env.TB_MAIL_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'tb-mail-screens-'));
  before(async () => {
    const chrome = findChrome();
    assert.ok(chrome, 'a Chromium is installed (CHROME_PATH or /usr/bin/chromium)');
    browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_FLAGS });
    mkdirSync(folder, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    console.log(`Screenshots of the emails: ${folder}`);
  });

  for (const locale of ['de', 'en'] as const) {
    for (const kind of MESSAGE_KINDS) {
      it(`${kind} (${locale}): no axe violations, no requests, a screenshot`, async () => {
        const email = composeEmail(input(kind, locale));
        const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
        });
        await page.setContent(email.html);
        assert.deepEqual(requests, [], 'the email loads nothing');
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          // Runs in the page; the server's type check knows no DOM, so the page's globals are typed here.
          const page = globalThis as unknown as {
            axe: { run(context: unknown): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
            document: unknown;
          };
          const result = await page.axe.run(page.document);
          return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`);
        });
        assert.deepEqual(violations, []);
        assert.equal(await page.locator('h1').count(), 1);
        for (const name of await page.locator('a').allTextContents()) {
          assert.doesNotMatch(name, /^(hier|here|link|mehr|more)$/i, 'link texts make sense alone');
        }
        await page.screenshot({ path: join(folder, `${kind}-${locale}.png`), fullPage: true });
        await page.close();
      });
    }
  }
});
