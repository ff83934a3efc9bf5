// Finds a Chromium before @web/test-runner starts, so a missing browser fails with one clear sentence.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome } from './support/find-chrome.mjs';

const chrome = findChrome();
if (!chrome) {
  console.error('No Chromium found: install one (Debian/Ubuntu: "sudo apt-get install chromium") or set CHROME_PATH to a Chrome or Chromium binary.');
  process.exit(1);
}
const wtr = new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url);
if (!existsSync(wtr)) {
  console.error('The test runner is not installed: run "npm install" first.');
  process.exit(1);
}
const countsFile = join(mkdtempSync(join(tmpdir(), 'tb-test-')), 'counts.json');
const result = spawnSync(process.execPath, [wtr.pathname, '--config', 'test/web-test-runner.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome, TB_COUNTS_FILE: countsFile },
});
const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 1 };
const exitCode = result.status === 0 && counts.failed === 0 ? 0 : 1;
console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
process.exit(exitCode);
