/**
 * Starts msw with the mock ZMS (zms-mock.ts) under `ZMS_API`; msw allows one worker per page, so later
 * calls in a test file only swap in a fresh mock's handlers, and each test gets clean state.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createZmsMock, type ZmsMockOptions, type ZmsMockState } from './zms-mock.js';

/** The `api` attribute of the widget in the tests: a ZMS citizen API base URL on the test server's origin. */
export const ZMS_API = '/buergeransicht/api/citizen';

let running: Promise<SetupWorker> | undefined;

export async function useZmsMock(options: ZmsMockOptions): Promise<ZmsMockState> {
  const { handlers, state } = await createZmsMock(ZMS_API, options);
  if (running) {
    (await running).resetHandlers(...handlers);
  } else {
    const worker = setupWorker(...handlers);
    running = worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }).then(() => worker);
    running.catch(() => (running = undefined));
    await running;
  }
  return state;
}

export async function stopZmsMock(): Promise<void> {
  const worker = await running;
  running = undefined;
  worker?.stop();
}
