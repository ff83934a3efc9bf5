/**
 * An in-memory backend that implements the contract in `src/api/schemas.ts` for msw, used by the demo
 * page and by every browser test. It is never part of the shipped bundle.
 */
import type { RequestHandler } from 'msw';
import type { Catalog } from '../api/schemas.js';
import { defaultCatalog, defaultDoubleOptInLocationIds } from './catalog.js';
import { createFaultInjector } from './faults.js';
import { createHandlers } from './handlers.js';
import { MockState } from './state.js';

export { MockState } from './state.js';
export type { MockBooking, MockRequest, SeedBookingOptions } from './state.js';
export { ENDPOINTS, type Endpoint } from './faults.js';

export interface MockOptions {
  /** Where the contract is served; default `/api`. */
  baseUrl?: string;
  /** The mock's clock; default `() => new Date()`. */
  now?: () => Date;
  /** Seeds the pre-booked slots, ids, codes and tokens; default 1. */
  seed?: number;
  /** Added to every response; default 0. */
  latencyMs?: number;
  /** How long a hold lasts; default 600. */
  holdSeconds?: number;
  /** `'<endpoint>:<status|code|malformed|invalid|network>'`, optionally suffixed `*once`. */
  faults?: string[];
  /** Reshapes the catalog, e.g. to one location, many services, hostile strings or other form rules. */
  catalog?: (catalog: Catalog) => Catalog;
  /** Locations whose bookings stay `pending` until confirmed; default: Bürgerbüro Nord. */
  doubleOptInLocationIds?: string[];
}

export function createMockBackend(options: MockOptions = {}): { handlers: RequestHandler[]; state: MockState } {
  const catalog = structuredClone(defaultCatalog);
  const doubleOptInLocationIds = options.doubleOptInLocationIds ?? defaultDoubleOptInLocationIds;
  // Before the `catalog` option, so that a test can still drop the field, as an older backend would.
  for (const location of catalog.locations) location.doubleOptIn = doubleOptInLocationIds.includes(location.id);
  const state = new MockState({
    catalog: options.catalog ? options.catalog(catalog) : catalog,
    now: options.now ?? (() => new Date()),
    seed: options.seed ?? 1,
    holdSeconds: options.holdSeconds ?? 600,
    doubleOptInLocationIds,
  });
  const handlers = createHandlers(state, {
    baseUrl: options.baseUrl ?? '/api',
    latencyMs: options.latencyMs ?? 0,
    injectFault: createFaultInjector(options.faults ?? []),
  });
  return { handlers, state };
}
