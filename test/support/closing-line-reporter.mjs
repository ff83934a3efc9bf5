import { writeFileSync } from 'node:fs';

/**
 * Counts the tests of a run and writes them to TB_COUNTS_FILE; test/run-tests.mjs prints the closing
 * `N passed, N failed, N skipped` line from it after the runner has exited, so no other reporter can print after it.
 */
export function closingLineReporter() {
  let sessions = [];
  return {
    onTestRunFinished({ sessions: finished }) {
      sessions = finished;
    },
    stop() {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        suite.suites.forEach(count);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load or threw outside a test counts as one failure, so it can never hide.
        if (session.errors.length > 0 && !session.testResults?.tests.length && !session.testResults?.suites.length) failed += 1;
        else if (session.errors.length > 0) failed += session.errors.length;
      }
      if (process.env.TB_COUNTS_FILE) writeFileSync(process.env.TB_COUNTS_FILE, JSON.stringify({ passed, failed, skipped }));
    },
  };
}
