import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { closingLineReporter } from './support/closing-line-reporter.mjs';
import { fontSizePlugin } from './support/font-size-plugin.mjs';
import { screenshotPlugin } from './support/screenshot-plugin.mjs';
import { altchaPlugin } from './support/altcha-plugin.mjs';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

const chromeLaunchOptions = {
  executablePath: process.env.CHROME_PATH,
  args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
// `*.tz.test.ts` files run only in a second browser whose own clock is in New York, to prove that the
// widget's dates do not depend on the browser's time zone.
const isBrowserZoneTest = (file) => file.endsWith('.tz.test.ts');
const requestedFiles = process.env.TEST_FILES?.split(',');
const defaultFiles = requestedFiles ? requestedFiles.filter((file) => !isBrowserZoneTest(file)) : ['test/**/*.test.ts', '!test/**/*.tz.test.ts'];
const browserZoneFiles = requestedFiles ? requestedFiles.filter(isBrowserZoneTest) : ['test/**/*.tz.test.ts'];

export default {
  rootDir,
  files: defaultFiles.length > 0 ? defaultFiles : undefined,
  groups: browserZoneFiles.length === 0 ? [] : [{
    name: 'browser-in-new-york',
    files: browserZoneFiles,
    browsers: [chromeLauncher({ launchOptions: { ...chromeLaunchOptions, env: { ...process.env, TZ: 'America/New_York' } } })],
  }],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One test page at a time: pages in the background get throttled timers and no keyboard focus,
  // which made focus, dialog and timing tests flaky on the 2-core CI machines.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) }), screenshotPlugin(), a11ySnapshotPlugin(), fontSizePlugin(), altchaPlugin()],
  middleware: [
    // msw's worker must be served from "/" so that its scope covers the test page.
    function serveMockWorker(context, next) {
      if (context.url.startsWith('/mockServiceWorker.js')) context.url = '/demo/public/mockServiceWorker.js';
      return next();
    },
    // The embedding tests prove the widget runs under the strict policy a careful town would set: no
    // inline code, no eval, Trusted Types with Lit's policy (plus the test page's own mock worker policy).
    async function strictContentSecurityPolicy(context, next) {
      await next();
      if (context.path.startsWith('/test/pages/csp')) {
        context.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "require-trusted-types-for 'script'; trusted-types lit-html termin-buchen-test-mock");
      }
    },
  ],
  browsers: [
    chromeLauncher({ launchOptions: chromeLaunchOptions }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), closingLineReporter()],
};
