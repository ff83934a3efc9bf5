// Runs the server's tests: every server/test/**/*.test.ts, one file at a time (the CI machines have two
// cores and the tests start servers), through tsx on Node 20's test runner.
//
//   node server/scripts/run-tests.mjs                         all of them
//   node server/scripts/run-tests.mjs server/test/store       the files under a folder, or given files
//   node server/scripts/run-tests.mjs --test-name-pattern=…   options starting with -- go to `node --test`
//
// Prints the spec reporter's progress and ends with `N passed, N failed, N skipped` (tests, not suites).
// Writes those counts as JSON to TB_COUNTS_FILE when set. Exits non-zero when anything failed.
// With TEST_DATABASE_URL set, the tests run on PostgreSQL as well as on the embedded database.
//
// This file is also the reporter that counts: `node --test` loads it with --test-reporter.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const thisFile = fileURLToPath(import.meta.url);

/**
 * The counting reporter. Counts leaf tests: a suite, or a test with subtests, counts only when it failed
 * by itself (a failing hook, a throw after its subtests) with no failure counted below it. A file that
 * fails to load or fails outside its tests is reported by Node as one failing test and counts as one.
 * Skipped and todo tests count as skipped.
 */
export default async function* countTests(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // Per file and nesting level: how many results have arrived since their parent's, and whether one failed.
  const levels = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file = '', skip, todo } = event.data;
    if (!levels.has(file)) levels.set(file, []);
    const state = levels.get(file);
    const below = state[nesting + 1] ?? { results: 0, failed: false };
    state[nesting + 1] = { results: 0, failed: false };
    const failed = event.type === 'test:fail';
    let counted = false;
    if (below.results === 0) {
      if (skip || todo) counts.skipped += 1;
      else if (failed) {
        counts.failed += 1;
        counted = true;
      } else counts.passed += 1;
    } else if (failed && !below.failed && !todo) {
      counts.failed += 1;
      counted = true;
    }
    const here = state[nesting] ?? { results: 0, failed: false };
    state[nesting] = { results: here.results + 1, failed: here.failed || counted || below.failed };
  }
  yield `${JSON.stringify(counts)}\n`;
}

function isTestFile(name) {
  return name.endsWith('.test.ts');
}

function findTests(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return findTests(child);
      return isTestFile(entry.name) ? [child] : [];
    });
}

function main() {
  const serverDir = fileURLToPath(new URL('..', import.meta.url));
  const args = process.argv.slice(2);
  const nodeOptions = args.filter((arg) => arg.startsWith('--'));
  const paths = args.filter((arg) => !arg.startsWith('--'));
  for (const path of paths) {
    if (!existsSync(path)) {
      console.error(`No such test file or folder: ${path}`);
      process.exit(1);
    }
  }
  const files = (paths.length > 0 ? paths : [join(serverDir, 'test')])
    .flatMap((path) => findTests(resolve(path)))
    .map((file) => relative(serverDir, file));
  if (paths.length > 0 && files.length === 0) {
    console.error(`No *.test.ts files in ${paths.join(', ')}`);
    process.exit(1);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'tb-server-test-'));
  const countsFile = process.env.TB_COUNTS_FILE || join(workDir, 'counts.json');
  rmSync(countsFile, { force: true });
  let result = { status: 0 };
  if (files.length > 0) {
    result = spawnSync(process.execPath, [
      '--import', 'tsx',
      '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${pathToFileURL(thisFile).href}`, `--test-reporter-destination=${countsFile}`,
      ...nodeOptions,
      ...files,
    ], {
      cwd: serverDir,
      stdio: 'inherit',
      // One migrated PGlite template for the whole run (see test/support/databases.ts); removed below.
      env: { ...process.env, TB_TEST_PGLITE_TEMPLATE_ROOT: workDir },
    });
  }
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = { ...counts, ...JSON.parse(readFileSync(countsFile, 'utf8')) };
  } catch {
    // No counts: the runner never got to the end.
    if (files.length > 0) counts.failed = 1;
  }
  // A run that failed without a failing test (the runner crashed, a bad option) still counts as a failure.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  if (result.error) console.error(result.error.message);
  if (result.signal) console.error(`The test runner was stopped by ${result.signal}.`);
  writeFileSync(countsFile, JSON.stringify(counts));
  rmSync(workDir, { recursive: true, force: true });

  const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  console.log(`\n${process.env.TB_SUITE_NAME ? `${process.env.TB_SUITE_NAME}: ${line}` : line}`);
  process.exit(counts.failed === 0 ? 0 : 1);
}

if (process.argv[1] && existsSync(process.argv[1]) && realpathSync(process.argv[1]) === realpathSync(thisFile)) main();
