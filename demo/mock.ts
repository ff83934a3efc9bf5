/**
 * Starts the mock backend for the demo page. The page URL tunes it, so a reviewer can show any state:
 * `?latency=800`, `?fault=slots:500` (repeatable or comma-separated), `?seed=7`, `?holdSeconds=30`.
 */
import { setupWorker } from 'msw/browser';
import type { Booking } from '../src/api/schemas.js';
import { createMockBackend, type MockOptions, type MockState } from '../src/mock/index.js';
import { dayOf } from '../src/format/zoned-day.js';

const HOUR_MS = 60 * 60_000;

function numberParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value === null || value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}

/**
 * Seeds a booking into a real free slot between two and 24 hours from now, which the citizen can no
 * longer cancel online. The two hours keep it in the future while someone tries the demo. Evenings before
 * a weekend and weekends have no opening hours within 24 hours: then there is no such booking.
 */
function seedTooSoonToCancel(state: MockState): Booking | undefined {
  const { timeZone, locations, offers } = state.catalog;
  const earliest = Date.now() + 2 * HOUR_MS;
  const latest = Date.now() + 24 * HOUR_MS;
  const days = new Set([dayOf(earliest, timeZone), dayOf(latest, timeZone)]);
  for (const { id: locationId } of locations) {
    const offer = offers.find((candidate) => candidate.locationId === locationId);
    if (!offer) continue;
    const services = [{ id: offer.serviceId, quantity: 1 }];
    for (const day of days) {
      const slot = state.slots(locationId, services, day).find(({ start }) => {
        const startMs = Date.parse(start);
        return startMs >= earliest && startMs < latest;
      });
      if (slot) return state.seedBooking({ locationId, services, start: slot.start });
    }
  }
  return undefined;
}

/** Starts the mock; answers the booking code a visitor can try the manage page with. */
export async function startDemoMock(): Promise<string> {
  const params = new URLSearchParams(window.location.search);
  const options: MockOptions = {
    baseUrl: '/api',
    latencyMs: numberParam(params, 'latency'),
    seed: numberParam(params, 'seed'),
    holdSeconds: numberParam(params, 'holdSeconds'),
    faults: params.getAll('fault').flatMap((value) => value.split(',')),
  };
  const { handlers, state } = createMockBackend(options);
  // Bookings to try the lookup and manage flows with.
  const cancellable = state.seedBooking();
  const tooSoon = seedTooSoonToCancel(state);
  const describe = ({ code, start }: Booking): string => `${code} (${start})`;
  console.info(
    `Demo bookings for erika.mustermann@example.org: ${describe(cancellable)}`,
    tooSoon
      ? `and ${describe(tooSoon)}, which starts too soon to be cancelled online.`
      : '(no opening hours within the next 24 hours, so no booking that is too soon to cancel).',
  );
  await setupWorker(...handlers).start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
  return cancellable.code;
}
