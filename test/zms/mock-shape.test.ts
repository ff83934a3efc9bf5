/**
 * The mock ZMS may change ids, keys and times, never shapes: each of its answers has exactly the keys of
 * the eappointment fixture it is made from, at every depth, with values of the fixture's types.
 */
import { expect } from '@open-wc/testing';
import { fixture, type FixtureName, type Json } from './support/fixtures.js';
import { stopZmsMock, useZmsMock, ZMS_API } from './support/worker.js';

const NOW = new Date('2026-12-07T08:00:00+01:00');

/** Keys and types, recursively; a fixture's `null` admits any value there (ZMS's nullable fields). */
function expectSameShape(actual: Json, expected: Json, path = '(body)'): void {
  if (expected === null) return;
  if (Array.isArray(expected)) {
    expect(actual, path).to.be.an('array');
    if (expected.length > 0) for (const [index, item] of (actual as Json[]).entries()) expectSameShape(item, expected[0], `${path}[${index}]`);
    return;
  }
  if (typeof expected === 'object') {
    expect(actual, path).to.be.an('object');
    expect(Object.keys(actual as object).sort(), path).to.deep.equal(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectSameShape((actual as Record<string, Json>)[key], expected[key], `${path}.${key}`);
    return;
  }
  expect(typeof actual, path).to.equal(typeof expected);
}

async function call(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${ZMS_API}${path}`, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body && JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Json };
}

async function expectAnswerLike(answer: { status: number; json: Json }, name: FixtureName, status = 200): Promise<void> {
  expect(answer.status, name).to.equal(status);
  expectSameShape(answer.json, await fixture<Json>(name));
}

describe('mock ZMS answers keep the fixtures\' shapes', () => {
  after(stopZmsMock);

  it('for every endpoint of a booking, and for its errors', async () => {
    const zms = await useZmsMock({ now: () => NOW });
    await expectAnswerLike(await call('GET', '/offices-and-services/'), 'GET_offices-and-services.json');
    const calendar = await call('GET', '/available-calendar/?startDate=2026-12-07&endDate=2026-12-11&officeIds=9999998&serviceIds=1&serviceCounts=1');
    await expectAnswerLike(calendar, 'GET_available-calendar.json');
    await expectAnswerLike(await call('GET', '/available-calendar/?startDate=2026-12-12&endDate=2026-12-13&officeIds=9999998&serviceIds=1&serviceCounts=1'), 'GET_available-calendar_empty.json');
    const start = ((calendar.json as { availableDays: { offices: { appointments: number[] }[] }[] }).availableDays[0].offices[0].appointments[0]);
    const invalid = await call('POST', '/reserve-appointment/', {});
    await expectAnswerLike(invalid, 'ERROR_validation_reserve-appointment.json', 400);
    expect(invalid.json, 'the same errors as eappointment\'s testMissingAllFields').to.deep.equal(await fixture<Json>('ERROR_validation_reserve-appointment.json'));
    const reserved = await call('POST', '/reserve-appointment/', { officeId: 9999998, serviceId: ['1'], serviceCount: [1], timestamp: String(start) });
    await expectAnswerLike(reserved, 'POST_reserve-appointment.json');
    await expectAnswerLike(await call('POST', '/reserve-appointment/', { officeId: 9999998, serviceId: ['1'], serviceCount: [1], timestamp: String(start) }), 'ERROR_appointmentNotAvailable.json', 404);
    const { processId, authKey } = reserved.json as { processId: number; authKey: string };
    const contact = { processId, authKey, familyName: 'Erika Mustermann', email: 'erika@example.org', telephone: '0891234567' };
    await expectAnswerLike(await call('POST', '/update-appointment/', contact), 'POST_update-appointment.json');
    await expectAnswerLike(await call('POST', '/preconfirm-appointment/', { processId, authKey }), 'POST_preconfirm-appointment.json');
    await expectAnswerLike(await call('POST', '/update-appointment/', contact), 'ERROR_processNotReservedAnymore.json', 409);
    await expectAnswerLike(await call('GET', `/appointment/?processId=${processId}&authKey=${authKey}`), 'GET_appointment.json');
    await expectAnswerLike(await call('POST', '/confirm-appointment/', { processId, authKey }), 'POST_confirm-appointment.json');
    await expectAnswerLike(await call('POST', '/cancel-appointment/', { processId, authKey }), 'POST_cancel-appointment.json');
    expect(zms.processes.get(processId)!.status).to.equal('deleted');
  });

  it('for the captcha, and for the rate limit and a captcha refusal', async () => {
    await useZmsMock({ now: () => NOW, captcha: true, faults: { 'GET /offices-and-services/': 'rateLimitExceeded' } });
    await expectAnswerLike(await call('GET', '/offices-and-services/'), 'ERROR_rateLimitExceeded.json', 429);
    const challenge = await call('GET', '/captcha-challenge/');
    await expectAnswerLike(challenge, 'GET_captcha-challenge.json');
    await expectAnswerLike(await call('POST', '/captcha-verify/', { payload: btoa(JSON.stringify({ challenge: challenge.json, solution: { counter: 0, derivedKey: 'ff', time: 1 } })) }), 'POST_captcha-verify_failed.json');
    const refused = await call('GET', '/available-calendar/?startDate=2026-12-07&endDate=2026-12-11&officeIds=9999998&serviceIds=1&serviceCounts=1&captchaToken=forged');
    await expectAnswerLike(refused, 'ERROR_captchaInvalid.json', 400);
  });
});
