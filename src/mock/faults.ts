/**
 * Fault injection: `'<endpoint>:<status|code|malformed|invalid|network>'`, optionally suffixed with
 * `*once`, makes an endpoint misbehave so that the widget's error paths can be shown and tested.
 */
import { HttpResponse } from 'msw';
import { MockProblem, problemResponse, STATUS_BY_CODE, type ProblemCode } from './problems.js';

export const ENDPOINTS = [
  'catalog', 'days', 'slots', 'holds', 'extend', 'release',
  'bookings', 'lookup', 'booking', 'confirm', 'cancel', 'reschedule', 'data', 'update',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

interface Fault {
  endpoint: Endpoint;
  kind: string;
  once: boolean;
  fired: boolean;
}

/** Bodies that parse as JSON but break the endpoint's response schema in a plausible way. */
const INVALID_BODIES: Record<Endpoint, object> = {
  catalog: { timeZone: 'Europe/Berlin', services: 'Personalausweis', locations: [] },
  days: { days: [{ date: '03.12.2026', free: 'viele' }] },
  slots: { slots: [{ start: '08:30', end: '08:45' }] },
  holds: { id: 'hold 1', expiresAt: 'morgen' },
  extend: { id: 'hold 1', expiresAt: 'morgen' },
  release: { released: 'yes' },
  bookings: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
  lookup: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
  booking: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
  confirm: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
  cancel: { cancelled: 'yes' },
  reschedule: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
  data: { person: { firstName: 'Erika' }, erasesAt: 'bald' },
  update: { booking: { code: 'K7Q-4XP', status: 'unknown' } },
};

function isEndpoint(name: string): name is Endpoint {
  return (ENDPOINTS as readonly string[]).includes(name);
}

function isProblemCode(name: string): name is ProblemCode {
  return Object.hasOwn(STATUS_BY_CODE, name);
}

function parseFault(spec: string): Fault {
  const [target, repeat] = spec.trim().split('*');
  const [endpoint, kind] = target.split(':');
  const known = kind === 'malformed' || kind === 'invalid' || kind === 'network' || isProblemCode(kind) || /^[45]\d\d$/.test(kind);
  // A typo in a fault would otherwise silently test the happy path.
  if (!isEndpoint(endpoint) || !kind || !known || (repeat !== undefined && repeat !== 'once')) {
    throw new Error(`Unknown mock fault "${spec}"`);
  }
  return { endpoint, kind, once: repeat === 'once', fired: false };
}

/** The error code a backend would most plausibly send with this status on this endpoint. */
function codeForStatus(endpoint: Endpoint, status: number): ProblemCode {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409:
      if (endpoint === 'holds') return 'slot_unavailable';
      if (endpoint === 'cancel') return 'too_late';
      return endpoint === 'bookings' || endpoint === 'extend' || endpoint === 'reschedule' ? 'hold_expired' : 'conflict';
    case 422: return 'invalid_input';
    case 429: return endpoint === 'bookings' ? 'limit_reached' : 'rate_limited';
    case 503: return 'unavailable';
    default: return status >= 500 ? 'server_error' : 'bad_request';
  }
}

export function createFaultInjector(specs: readonly string[]): (endpoint: Endpoint) => Response | undefined {
  const faults = specs.filter((spec) => spec.trim() !== '').map(parseFault);
  return (endpoint) => {
    const fault = faults.find((candidate) => candidate.endpoint === endpoint && !(candidate.once && candidate.fired));
    if (!fault) return undefined;
    fault.fired = true;
    return faultResponse(endpoint, fault.kind);
  };
}

function faultResponse(endpoint: Endpoint, kind: string): Response {
  switch (kind) {
    case 'network':
      return HttpResponse.error();
    case 'malformed':
      return new HttpResponse('{"truncated": [', { status: 200, headers: { 'Content-Type': 'application/json' } });
    case 'invalid':
      return HttpResponse.json(INVALID_BODIES[endpoint]);
    default: {
      if (isProblemCode(kind)) return problemResponse(new MockProblem(kind));
      const status = Number(kind);
      return problemResponse(new MockProblem(codeForStatus(endpoint, status), undefined, status));
    }
  }
}
