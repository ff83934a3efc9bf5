// Finds a Chromium before @web/test-runner starts, so a missing browser fails with one clear sentence.
// Ends with `N passed, N failed, N skipped`, and writes those counts as JSON to TB_COUNTS_FILE when set
// (scripts/test-all.mjs adds them to the server's).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome } from './support/find-chrome.mjs';

const ownDir = process.env.TB_COUNTS_FILE ? undefined : mkdtempSync(join(tmpdir(), 'tb-test-'));
const countsFile = process.env.TB_COUNTS_FILE || join(ownDir, 'counts.json');
rmSync(countsFile, { force: true });

function finish(counts, status) {
  // A run that failed without a failing test (a crash, a browser that would not start) still counts as a failure.
  if (status !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  else writeFileSync(countsFile, JSON.stringify(counts));
  const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  console.log(`\n${process.env.TB_SUITE_NAME ? `${process.env.TB_SUITE_NAME}: ${line}` : line}`);
  process.exit(status === 0 && counts.failed === 0 ? 0 : 1);
}

const chrome = findChrome();
if (!chrome) {
  console.error('No Chromium found: install one (Debian/Ubuntu: "sudo apt-get install chromium") or set CHROME_PATH to a Chrome or Chromium binary.');
  finish({ passed: 0, failed: 1, skipped: 0 }, 1);
}
const wtr = new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url);
if (!existsSync(wtr)) {
  console.error('The test runner is not installed: run "npm install" first.');
  finish({ passed: 0, failed: 1, skipped: 0 }, 1);
}
const result = spawnSync(process.execPath, [wtr.pathname, '--config', 'test/web-test-runner.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome, TB_COUNTS_FILE: countsFile },
});
const counts = existsSync(countsFile)
  ? { passed: 0, failed: 0, skipped: 0, ...JSON.parse(readFileSync(countsFile, 'utf8')) }
  : { passed: 0, failed: 1, skipped: 0 };
finish(counts, result.status ?? 1);
