// The demo page: the mock backend answers /api in the browser, then the widget loads as a town's page would load it.
import { startDemoMock } from './mock.js';

// `?lang=en` shows the English widget without editing the page.
const lang = new URLSearchParams(location.search).get('lang');
if (lang) for (const widget of document.querySelectorAll('termin-buchen')) widget.setAttribute('lang', lang);

await startDemoMock();
await import('../src/termin-buchen.js');
