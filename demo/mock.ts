/**
 * Starts the mock backend for the demo page. The page URL tunes it, so a reviewer can show any state:
 * `?latency=800`, `?fault=slots:500` (repeatable or comma-separated), `?seed=7`, `?holdSeconds=30`.
 */
import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockOptions } from '../src/mock/index.js';

function numberParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value === null || value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}

export async function startDemoMock(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const options: MockOptions = {
    baseUrl: '/api',
    latencyMs: numberParam(params, 'latency'),
    seed: numberParam(params, 'seed'),
    holdSeconds: numberParam(params, 'holdSeconds'),
    faults: params.getAll('fault').flatMap((value) => value.split(',')),
  };
  const { handlers, state } = createMockBackend(options);
  // Bookings to try the lookup and manage flows with; the second starts too soon to be cancelled.
  const quarterHour = 15 * 60_000;
  const soon = new Date(Math.ceil((Date.now() + 3 * 60 * 60_000) / quarterHour) * quarterHour);
  const bookings = [state.seedBooking(), state.seedBooking({ start: soon })];
  console.info('Demo bookings for erika.mustermann@example.org:', bookings.map(({ code, start }) => `${code} (${start})`).join(', '));
  await setupWorker(...handlers).start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
}
