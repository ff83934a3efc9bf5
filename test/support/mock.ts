/**
 * The mock backend for browser tests.
 *
 * ```ts
 * import { stopMockBackend, useMockBackend } from './support/mock.js';
 *
 * after(stopMockBackend);
 * it('shows the slots', async () => {
 *   const backend = await useMockBackend({ now: () => new Date('2026-12-01T09:00:00+01:00') });
 *   // … render the widget with api="/api" and interact with it …
 *   expect(backend.bookings).to.have.length(1);
 * });
 * ```
 *
 * msw allows one service worker per page, so the first call in a test file starts it and every later
 * call only swaps in the handlers of a fresh `createMockBackend(options)`: each test gets clean state.
 * Pass the same `now` to the widget's clock (`src/clock.ts`) when the test depends on the date.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockBackend, type MockOptions, type MockState } from '../../src/mock/index.js';

let running: Promise<SetupWorker> | undefined;

export async function useMockBackend(options?: MockOptions): Promise<MockState> {
  const { handlers, state } = createMockBackend(options);
  if (running) {
    (await running).resetHandlers(...handlers);
  } else {
    const worker = setupWorker(...handlers);
    running = worker
      .start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' })
      .then(() => worker);
    // A failed start must not poison later calls with the same rejected promise.
    running.catch(() => (running = undefined));
    await running;
  }
  return state;
}

/** Stops intercepting requests; the next `useMockBackend` starts the worker again. */
export async function stopMockBackend(): Promise<void> {
  const worker = await running;
  running = undefined;
  worker?.stop();
}

/** Puts handlers in front of the mock's for the current test, e.g. to check what a request carries. */
export async function addHandlers(...handlers: Parameters<SetupWorker['use']>): Promise<void> {
  if (!running) throw new Error('addHandlers needs useMockBackend first');
  (await running).use(...handlers);
}
