/**
 * The mock backend of a test page: one msw backend per distinct `api` of the page's widgets, started
 * before the widget scripts named in `<meta name="widget-scripts">` load, so their first request is
 * already answered. The parent test reads `window.mockBackends[api]`.
 */
import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockState } from '../../src/mock/index.js';

declare global {
  interface Window {
    mockBackends: Record<string, MockState>;
    widgetScriptsStart: number;
    /** Trusted Types, not yet in TypeScript's DOM library; only what this file uses. */
    trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string } };
  }
}

// Under `require-trusted-types-for 'script'` registering a service worker takes a TrustedScriptURL, which
// msw cannot pass on; registering it here first lets msw reuse the registration. The test-only policy is
// named in the CSP test page's header next to Lit's own.
const workerUrl = '/mockServiceWorker.js';
const workerUrlPolicy = window.trustedTypes?.createPolicy('termin-buchen-test-mock', {
  createScriptURL: (url) => {
    if (url !== workerUrl) throw new TypeError(`unexpected worker URL ${url}`);
    return url;
  },
});
await navigator.serviceWorker.register(workerUrlPolicy?.createScriptURL(workerUrl) ?? workerUrl);

const apis = [...new Set([...document.querySelectorAll('termin-buchen')].map((widget) => widget.getAttribute('api') ?? ''))];
const backends = apis.map((api) => ({ api, ...createMockBackend({ baseUrl: api, seed: 3 }) }));
window.mockBackends = Object.fromEntries(backends.map(({ api, state }) => [api, state]));
await setupWorker(...backends.flatMap(({ handlers }) => handlers)).start({
  serviceWorker: { url: workerUrl },
  quiet: true,
  onUnhandledRequest: 'bypass',
});


// The mock's hundreds of modules would fill the resource timing buffer before the widget makes a request.
performance.clearResourceTimings();
performance.setResourceTimingBufferSize(1000);
window.widgetScriptsStart = performance.now();
const scripts = document.querySelector<HTMLMetaElement>('meta[name="widget-scripts"]')?.content.split(/\s+/) ?? [];
for (const script of scripts) await import(script);
