/**
 * A ZMS citizen API for the browser tests, as msw handlers, built only from eappointment's fixtures and
 * schemas (test/zms/fixtures): every answer is a fixture's object with ids, keys and times changed so that
 * appointments lie in the future of the test's clock; shapes, key names and quirks stay as they are
 * (bare bodies, paths ending in `/`, unix seconds, the `{errors:[…]}` envelope whose HTTP status is the
 * highest `statusCode`, `displayame`, office 0 in a confirmed process, captcha failures as HTTP 200 …).
 */
import { http, HttpResponse } from 'msw';
import { dayOf, wallClockInstant } from '../../../src/format/zoned-day.js';
import { errorCodes, fixture, loadFixtures, type Json, type JsonObject, type ZmsErrorCode } from './fixtures.js';

export interface ZmsMockOptions {
  /** The test's clock: appointments are offered after it, and cancelling needs one not yet begun. */
  now: () => Date;
  /** The first office (9999998) requires a captcha token (`scope.captchaActivatedRequired`). */
  captcha?: boolean;
  /** `'POST /update-appointment/'` → an error code of error-codes.json, answered instead (every time, or `once`). */
  faults?: Record<string, string | { code: string; once: true }>;
  /** The captcha endpoints fail the way ZMS reports it: HTTP 200 with `meta.success: false`. */
  captchaFails?: 'challenge' | 'verify';
}

export interface ZmsProcess {
  processId: number;
  authKey: string;
  /** Unix seconds. */
  timestamp: number;
  officeId: number;
  serviceIds: number[];
  counts: number[];
  status: 'reserved' | 'preconfirmed' | 'confirmed' | 'deleted';
  familyName: string;
  email: string;
  telephone: string;
  customTextfield: string;
}

export interface ZmsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** What the mock "sends by e-mail" after preconfirming: the links eappointment's mail templates build. */
export interface ZmsMail {
  to: string;
  confirmFragment: string;
  cancelFragment: string;
}

export interface ZmsMockState {
  processes: Map<number, ZmsProcess>;
  requests: ZmsRequest[];
  mails: ZmsMail[];
  /** Challenges solved correctly, and wrong solutions refused. */
  captcha: { solved: number; refused: number };
}

/** Free starts per working day, Berlin wall clock; the second office has fewer. */
const SLOT_TIMES = ['09:00', '09:20', '09:40', '10:00'];
const TOKEN_LIFETIME_MS = 300_000;

const HEX_KEY = /^(?:[0-9a-fA-F]{4}|[0-9a-fA-F]{64})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ZMS's own check refuses `+` in addresses. */
const ZMS_EMAIL = /^[A-Za-z0-9._%-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

const addDays = (day: string, amount: number) => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + amount)).toISOString().slice(0, 10);
};
const isWorkingDay = (day: string) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const randomHex = (bytes: number) => toHex(crypto.getRandomValues(new Uint8Array(bytes)));
const isPositiveInt = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0) || (typeof value === 'string' && /^[1-9]\d*$/.test(value));
/** eappointment's links: standard base64 of the JSON, the padding stripped as mail clients do. */
const linkHash = (process: ZmsProcess) => btoa(JSON.stringify({ id: process.processId, authKey: process.authKey })).replace(/=+$/, '');

/** altcha-lib's v2 SHA chain for one counter: digest of salt ‖ nonce ‖ counter (uint32 BE), `cost` digests in all. */
async function altchaKey(parameters: JsonObject, counter: number): Promise<string> {
  const salt = fromHex(String(parameters.salt));
  const nonce = fromHex(String(parameters.nonce));
  let key = new Uint8Array(salt.length + nonce.length + 4);
  key.set(salt);
  key.set(nonce, salt.length);
  new DataView(key.buffer).setUint32(salt.length + nonce.length, counter);
  for (let round = 0; round < Number(parameters.cost); round++) key = new Uint8Array(await crypto.subtle.digest(String(parameters.algorithm), key));
  return toHex(key.slice(0, Number(parameters.keyLength)));
}

const canonical = (value: Json): string =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`
    : JSON.stringify(value);

export async function createZmsMock(base: string, options: ZmsMockOptions) {
  await loadFixtures();
  const codes = new Map((await errorCodes()).map((row) => [row.errorCode, row]));
  const offices = await fixture('GET_offices-and-services.json');
  if (options.captcha) {
    const [first] = offices.offices as JsonObject[];
    (first.scope as JsonObject).captchaActivatedRequired = true;
  }
  const state: ZmsMockState = { processes: new Map(), requests: [], mails: [], captcha: { solved: 0, refused: 0 } };
  const faults = new Map(Object.entries(options.faults ?? {}));
  const challenges = new Map<string, JsonObject>();
  const tokens = new Map<string, number>();
  let nextProcessId = 101002;

  const nowSeconds = () => Math.floor(options.now().getTime() / 1000);
  const officeIds = () => (offices.offices as JsonObject[]).map((office) => Number(office.id));
  const captchaRequired = (officeId: number) =>
    (offices.offices as JsonObject[]).some((office) => office.id === officeId && (office.scope as JsonObject).captchaActivatedRequired === true);
  const serviceOffered = (officeId: number, serviceId: number) =>
    (offices.relations as JsonObject[]).some((relation) => relation.officeId === officeId && relation.serviceId === serviceId && relation.public === true);

  function envelope(...errorCodesToSend: string[]) {
    const errors = errorCodesToSend.map((code) => {
      const { source: _source, ...error } = codes.get(code) ?? (codes.get('unknownError') as ZmsErrorCode);
      return error;
    });
    // ZMS answers with the highest statusCode of the list.
    return HttpResponse.json({ errors }, { status: Math.max(...errors.map((error) => error.statusCode)) });
  }

  function freeStarts(officeId: number, day: string): number[] {
    if (!isWorkingDay(day)) return [];
    const times = officeId === officeIds()[0] ? SLOT_TIMES : SLOT_TIMES.slice(0, 2);
    const taken = new Set([...state.processes.values()].filter((p) => p.status !== 'deleted' && p.officeId === officeId).map((p) => p.timestamp));
    return times
      .map((time) => wallClockInstant(day, minuteOf(time), 'Europe/Berlin') / 1000)
      .filter((start) => start > nowSeconds() && !taken.has(start));
  }

  /** Captcha problems join the other validation errors of the request, as ZMS's ValidationService adds them. */
  function captchaErrors(officeId: number, token: unknown): string[] {
    if (!captchaRequired(officeId)) return [];
    if (typeof token !== 'string' || token === '') return ['captchaMissing'];
    const issued = tokens.get(token);
    if (issued === undefined) return ['captchaInvalid'];
    return Date.now() - issued > TOKEN_LIFETIME_MS ? ['captchaExpired'] : [];
  }

  /** processId and authKey as the appointment endpoints check them, then the process they name. */
  function findProcess(processId: unknown, authKey: unknown): ZmsProcess | string[] {
    const errors = [...(isPositiveInt(processId) ? [] : ['invalidProcessId']), ...(typeof authKey === 'string' && HEX_KEY.test(authKey) ? [] : ['invalidAuthKey'])];
    if (errors.length > 0) return errors;
    const process = state.processes.get(Number(processId));
    if (!process || process.status === 'deleted') return ['appointmentNotFound'];
    return process.authKey === authKey ? process : ['authKeyMismatch'];
  }

  /** A process in the shape of `name`'s fixture: only the values that belong to this process are replaced. */
  async function processAnswer(name: 'POST_reserve-appointment.json' | 'POST_update-appointment.json' | 'POST_preconfirm-appointment.json' | 'POST_confirm-appointment.json' | 'POST_cancel-appointment.json' | 'GET_appointment.json', process: ZmsProcess, extra: JsonObject = {}) {
    const body = await fixture(name);
    // The slots the appointment takes: each service's `slots` at that office, times its count.
    const slotCount = process.serviceIds.reduce((sum, serviceId, index) => {
      const relation = (offices.relations as JsonObject[]).find((candidate) => candidate.officeId === process.officeId && candidate.serviceId === serviceId);
      return sum + Number(relation?.slots ?? 1) * process.counts[index];
    }, 0);
    Object.assign(body, { processId: process.processId, authKey: process.authKey, timestamp: String(process.timestamp), status: process.status, slotCount, ...extra });
    return HttpResponse.json(body);
  }

  async function calendar(query: Record<string, string>) {
    const errors: string[] = [];
    const { startDate = '', endDate = '', officeIds: officeList = '', serviceIds = '', serviceCounts = '' } = query;
    if (!DATE.test(startDate)) errors.push('invalidStartDate');
    if (!DATE.test(endDate)) errors.push('invalidEndDate');
    if (!/^\d+(,\d+)*$/.test(officeList)) errors.push('invalidOfficeId');
    if (!/^\d+(,\d+)*$/.test(serviceIds)) errors.push('invalidServiceId');
    const counts = serviceCounts.split(',').map(Number);
    if (!counts.every((count) => Number.isInteger(count) && count >= 1 && count <= 25) || counts.length !== serviceIds.split(',').length) errors.push('invalidServiceCount');
    const office = Number(officeList.split(',')[0]);
    errors.push(...captchaErrors(office, query.captchaToken));
    if (errors.length > 0) return envelope(...errors);
    // ZMS has no message for a bad range and answers unknownError (520) instead.
    const days = (Date.parse(endDate) - Date.parse(startDate)) / 86_400_000;
    if (days < 0 || days > 365) return envelope('unknownError');
    const availableDays: JsonObject[] = [];
    const template = ((await fixture('GET_available-calendar.json')).availableDays as JsonObject[])[0];
    for (let day = startDate; day <= endDate; day = addDays(day, 1)) {
      const starts = freeStarts(office, day);
      if (starts.length === 0) continue;
      const entry = structuredClone(template);
      const [officeEntry] = entry.offices as JsonObject[];
      Object.assign(officeEntry, { officeId: String(office), appointments: starts });
      Object.assign(entry, { date: day, providerIDs: String(office) });
      availableDays.push(entry);
    }
    let next: string | null = null;
    for (let day = addDays(endDate, 1); !next && day <= addDays(endDate, 60); day = addDays(day, 1)) if (freeStarts(office, day).length > 0) next = day;
    const body = await fixture(availableDays.length > 0 ? 'GET_available-calendar.json' : 'GET_available-calendar_empty.json');
    Object.assign(body, { startDate, endDate, slotsStartDate: startDate, slotsEndDate: endDate, nextBookableDate: next, availableDays });
    return HttpResponse.json(body);
  }

  async function reserve(body: JsonObject) {
    const { officeId, serviceId, serviceCount = [1], timestamp, captchaToken } = body;
    const errors: string[] = [];
    if (typeof officeId !== 'number' || !Number.isInteger(officeId)) errors.push('invalidOfficeId');
    const services = Array.isArray(serviceId) ? serviceId : [];
    if (services.length === 0 || !services.every(isPositiveInt)) errors.push('invalidServiceId');
    const counts = Array.isArray(serviceCount) ? serviceCount : [];
    if (services.length > 0 && counts.length !== services.length) errors.push('MISMATCHED_ARRAYS');
    else if (!counts.every((count) => typeof count === 'number' && count >= 1 && count <= 25)) errors.push('invalidServiceCount');
    if (!isPositiveInt(timestamp)) errors.push('invalidTimestamp');
    errors.push(...captchaErrors(Number(officeId), captchaToken));
    if (errors.length > 0) return envelope(...errors);
    if (!services.every((id) => serviceOffered(Number(officeId), Number(id)))) return envelope('invalidLocationAndServiceCombination');
    const start = Number(timestamp);
    if (!freeStarts(Number(officeId), dayOf(start * 1000, 'Europe/Berlin')).includes(start)) return envelope('appointmentNotAvailable');
    const process: ZmsProcess = {
      processId: nextProcessId++,
      authKey: randomHex(2),
      timestamp: start,
      officeId: Number(officeId),
      serviceIds: services.map(Number),
      counts: counts.map(Number),
      status: 'reserved',
      // The reserve step writes ZMS's placeholders.
      familyName: 'TEST_USER',
      email: 'test@muenchen.de',
      telephone: '',
      customTextfield: '',
    };
    state.processes.set(process.processId, process);
    return processAnswer('POST_reserve-appointment.json', process, { officeId: process.officeId });
  }

  async function update(body: JsonObject) {
    const found = findProcess(body.processId, body.authKey);
    const errors = Array.isArray(found) ? found.filter((code) => code.startsWith('invalid')) : [];
    if (typeof body.familyName !== 'string' || body.familyName.trim() === '') errors.push('invalidFamilyName');
    if (typeof body.email !== 'string' || !ZMS_EMAIL.test(body.email)) errors.push('invalidEmail');
    if (body.telephone !== undefined && !(typeof body.telephone === 'string' && /^\d{7,15}$/.test(body.telephone))) errors.push('invalidTelephone');
    if (errors.length > 0) return envelope(...errors);
    if (Array.isArray(found)) return envelope(...found);
    if (found.status !== 'reserved') return envelope('processNotReservedAnymore');
    Object.assign(found, {
      familyName: body.familyName,
      email: body.email,
      telephone: typeof body.telephone === 'string' ? body.telephone : '',
      customTextfield: typeof body.customTextfield === 'string' ? body.customTextfield : '',
    });
    return processAnswer('POST_update-appointment.json', found, { familyName: found.familyName, email: found.email, telephone: found.telephone, customTextfield: found.customTextfield });
  }

  async function preconfirm(body: JsonObject) {
    const found = findProcess(body.processId, body.authKey);
    if (Array.isArray(found)) return envelope(...found);
    if (found.status !== 'reserved') return envelope('processNotReservedAnymore');
    found.status = 'preconfirmed';
    state.mails.push({ to: found.email, confirmFragment: `#/appointment/confirm/${linkHash(found)}`, cancelFragment: `#/appointment/${linkHash(found)}` });
    return processAnswer('POST_preconfirm-appointment.json', found);
  }

  async function confirm(body: JsonObject) {
    const found = findProcess(body.processId, body.authKey);
    if (Array.isArray(found)) return envelope(...found);
    if (found.status === 'reserved') return envelope('processNotReservedAnymore');
    if (found.status !== 'preconfirmed') return envelope('processNotPreconfirmedAnymore');
    found.status = 'confirmed';
    // As the fixture: the confirmed process comes back with office 0 and an empty scope.
    return processAnswer('POST_confirm-appointment.json', found);
  }

  async function cancel(body: JsonObject) {
    const found = findProcess(body.processId, body.authKey);
    if (Array.isArray(found)) return envelope(...found);
    if (found.timestamp <= nowSeconds()) return envelope('appointmentCanNotBeCanceled');
    found.status = 'deleted';
    return processAnswer('POST_cancel-appointment.json', found);
  }

  async function appointment(query: Record<string, string>) {
    const found = findProcess(query.processId, query.authKey);
    if (Array.isArray(found)) return envelope(...found);
    const office = (offices.offices as JsonObject[]).find((candidate) => candidate.id === found.officeId);
    const service = (offices.services as JsonObject[]).find((candidate) => candidate.id === found.serviceIds[0]);
    return processAnswer('GET_appointment.json', found, {
      officeId: found.officeId,
      officeName: (office?.name as string) ?? null,
      serviceId: found.serviceIds[0],
      serviceName: (service?.name as string) ?? null,
      serviceCount: found.counts[0],
      familyName: found.familyName,
      email: found.email,
      telephone: found.telephone,
    });
  }

  async function challenge() {
    if (options.captchaFails === 'challenge') return HttpResponse.json({ meta: { success: false, error: 'Captcha service not reachable' }, data: null });
    const body = await fixture('GET_captcha-challenge.json');
    const parameters = body.parameters as JsonObject;
    // A new nonce per challenge, and an expiry ahead of the real clock (the solver stops at it).
    Object.assign(parameters, { nonce: randomHex(32), salt: randomHex(12), expiresAt: Math.floor(Date.now() / 1000) + 600 });
    challenges.set(String(parameters.nonce), body);
    return HttpResponse.json(body);
  }

  async function verify(body: JsonObject) {
    const failed = async () => {
      state.captcha.refused++;
      return HttpResponse.json(await fixture('POST_captcha-verify_failed.json'));
    };
    if (options.captchaFails === 'verify' || typeof body.payload !== 'string') return failed();
    let solved: { challenge: JsonObject; solution: JsonObject };
    try {
      solved = JSON.parse(atob(body.payload.replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      return failed();
    }
    const issued = challenges.get(String((solved.challenge?.parameters as JsonObject | undefined)?.nonce));
    // The signature covers every parameter, so the challenge must come back exactly as issued.
    if (!issued || canonical(issued) !== canonical(solved.challenge)) return failed();
    const parameters = issued.parameters as JsonObject;
    const key = await altchaKey(parameters, Number(solved.solution?.counter));
    if (key !== solved.solution?.derivedKey || !key.startsWith(String(parameters.keyPrefix))) return failed();
    challenges.delete(String(parameters.nonce));
    state.captcha.solved++;
    const answer = await fixture('POST_captcha-verify.json');
    answer.token = `${answer.token}${state.captcha.solved}`;
    tokens.set(String(answer.token), Date.now());
    return HttpResponse.json(answer);
  }

  type Route = (input: { query: Record<string, string>; body: JsonObject }) => Promise<Response>;
  const routes: Record<string, Route> = {
    'GET /offices-and-services/': async () => HttpResponse.json(structuredClone(offices)),
    'GET /available-calendar/': ({ query }) => calendar(query),
    'POST /reserve-appointment/': ({ body }) => reserve(body),
    'POST /update-appointment/': ({ body }) => update(body),
    'POST /preconfirm-appointment/': ({ body }) => preconfirm(body),
    'POST /confirm-appointment/': ({ body }) => confirm(body),
    'POST /cancel-appointment/': ({ body }) => cancel(body),
    'GET /appointment/': ({ query }) => appointment(query),
    'GET /captcha-challenge/': () => challenge(),
    'POST /captcha-verify/': ({ body }) => verify(body),
  };

  const handlers = [
    http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.slice(base.length);
      const query = Object.fromEntries(url.searchParams);
      const body = request.method === 'POST' ? ((await request.json().catch(() => ({}))) as JsonObject) : {};
      state.requests.push({ method: request.method, path, query, body });
      const route = `${request.method} ${path}`;
      const fault = faults.get(route);
      if (fault) {
        if (typeof fault === 'object') faults.delete(route);
        const code = typeof fault === 'string' ? fault : fault.code;
        return code === 'rateLimitExceeded'
          ? HttpResponse.json(await fixture('ERROR_rateLimitExceeded.json'), { status: 429 })
          : envelope(code);
      }
      // ZMS routes end in `/`: without it, there is no such endpoint.
      const handle = routes[route];
      return handle ? handle({ query, body }) : envelope('notFound');
    }),
  ];
  return { handlers, state };
}
