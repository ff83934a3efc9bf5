// The demo page: the mock backend answers /api in the browser, then the widget loads as a town's page would load it.
import { startDemoMock } from './mock.js';

await startDemoMock();
await import('../src/termin-buchen.js');
