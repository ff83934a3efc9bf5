// The demo pages. `npm start` builds them in "live" mode: the widget is the built file a town would host,
// talking to the reference server on the same origin. `npm run demo:mock` serves them with the msw mock
// backend answering /api in the browser instead.
const live = import.meta.env.MODE === 'live';

// `?lang=en` shows the English widget without editing the page.
const lang = new URLSearchParams(location.search).get('lang');
for (const widget of document.querySelectorAll('termin-buchen')) {
  if (lang) widget.setAttribute('lang', lang);
  if (live) widget.setAttribute('api', '/api/v1');
}

if (live) {
  // A variable keeps vite from bundling the widget: the page loads the built file, as a town's page would.
  const builtWidget = '/termin-buchen.js';
  await import(/* @vite-ignore */ builtWidget);
} else {
  const { startDemoMock } = await import('./mock.js');
  await startDemoMock();
  await import('../src/termin-buchen.js');
}
