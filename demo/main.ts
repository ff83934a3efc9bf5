// The demo pages. `npm start` builds them in "live" mode: the widget is the built file a town would host,
// talking to the reference server on the same origin. `npm run demo:mock` serves them with the msw mock
// backend answering /api in the browser instead.
const live = import.meta.env.MODE === 'live';
const DEMO_EMAIL = 'erika.mustermann@example.org';

// `?lang=en` shows the English widget without editing the page; the service bar's link switches.
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : undefined;
for (const widget of document.querySelectorAll('termin-buchen')) {
  if (lang) widget.setAttribute('lang', lang);
  if (live) widget.setAttribute('api', '/api/v1');
}
const languageSwitch = document.querySelector<HTMLAnchorElement>('[data-language-switch]');
if (lang && languageSwitch) {
  Object.assign(languageSwitch, { href: location.pathname, lang: 'de', hreflang: 'de', textContent: 'Deutsch' });
}

/** The manage page names a booking to try it with, so nobody has to look into the console. */
function showDemoBooking(code: string | undefined): void {
  const hint = document.querySelector<HTMLElement>('[data-demo-hint]');
  if (!hint || !code) return;
  hint.textContent = lang
    ? `To try it: booking code ${code} with the email address ${DEMO_EMAIL}.`
    : `Zum Ausprobieren: Buchungsnummer ${code} mit der E-Mail-Adresse ${DEMO_EMAIL}.`;
  // The page around it stays German; screen readers need to know this sentence is English.
  if (lang) hint.lang = lang;
  hint.hidden = false;
}

if (live) {
  // A variable keeps vite from bundling the widget: the page loads the built file, as a town's page would.
  const builtWidget = '/termin-buchen.js';
  await import(/* @vite-ignore */ builtWidget);
  const tryBooking = await fetch('/demo/try.json').then((response) => response.json() as Promise<{ code?: string }>, () => ({ code: undefined }));
  showDemoBooking(tryBooking.code);
} else {
  const { startDemoMock } = await import('./mock.js');
  showDemoBooking(await startDemoMock());
  await import('../src/termin-buchen.js');
}
