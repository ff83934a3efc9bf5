// What `npm test` runs after the type check and the build: the server's tests (Node, on the embedded
// database, and on PostgreSQL too when TEST_DATABASE_URL is set), then the widget's tests (headless
// Chromium). Both run even when the first fails. Each suite prints its own `server: …` / `browser: …`
// line; the output ends with one line for everything: `N passed, N failed, N skipped`.
// A suite that ends without writing its counts counts as one failure. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = [
  { name: 'server', script: 'server/scripts/run-tests.mjs' },
  { name: 'browser', script: 'test/run-tests.mjs' },
];

const workDir = mkdtempSync(join(tmpdir(), 'tb-test-all-'));
const total = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const suite of suites) {
  const countsFile = join(workDir, `${suite.name}.json`);
  console.log(`\n— ${suite.name} tests —\n`);
  const result = spawnSync(process.execPath, [suite.script], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TB_COUNTS_FILE: countsFile, TB_SUITE_NAME: suite.name },
  });
  let counts;
  try {
    const read = JSON.parse(readFileSync(countsFile, 'utf8'));
    counts = { passed: Number(read.passed) || 0, failed: Number(read.failed) || 0, skipped: Number(read.skipped) || 0 };
  } catch {
    console.error(`The ${suite.name} tests ended without reporting their counts${result.signal ? ` (stopped by ${result.signal})` : ''}: counted as one failure.`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  if (result.status !== 0) ok = false;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
rmSync(workDir, { recursive: true, force: true });

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok && total.failed === 0 ? 0 : 1);
