/**
 * The ZMS adapter against the mock ZMS (test/zms/support/zms-mock.ts, built from eappointment's fixtures):
 * every port operation, the requests it sends, the captcha, and how ZMS's errors reach the flow.
 */
import { expect } from '@open-wc/testing';
import { BackendError, type BookingRef } from '../../src/api/port.js';
import { ZmsBackend } from '../../src/api/zms/backend.js';
import { parseZmsLink } from '../../src/api/zms/links.js';
import type { BookingRequest, ServiceSelection } from '../../src/api/schemas.js';
import { clock } from '../../src/clock.js';
import { fixture } from './support/fixtures.js';
import { stopZmsMock, useZmsMock, ZMS_API } from './support/worker.js';
import type { ZmsMockOptions, ZmsMockState } from './support/zms-mock.js';

/** A Monday morning in Berlin. */
const NOW = new Date('2026-12-07T08:00:00+01:00');
const OFFICE = '9999998';
const PASS: ServiceSelection[] = [{ id: '1', quantity: 1 }];
const PERSON = { firstName: 'Erika', lastName: 'Mustermann', email: 'erika.mustermann@example.org', phone: '+49 89 1234-567' };

let realNow: () => Date;
before(() => {
  realNow = clock.now;
  clock.now = () => new Date(NOW);
});
after(async () => {
  clock.now = realNow;
  await stopZmsMock();
});

async function start(options: Partial<ZmsMockOptions> = {}): Promise<{ zms: ZmsMockState; backend: ZmsBackend; work: boolean[] }> {
  const zms = await useZmsMock({ now: () => new Date(NOW), ...options });
  const work: boolean[] = [];
  const backend = new ZmsBackend({ baseUrl: ZMS_API, lang: () => 'de', onWork: (working) => work.push(working) });
  return { zms, backend, work };
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('the promise did not reject');
}

async function firstSlot(backend: ZmsBackend) {
  const days = await backend.days({ locationId: OFFICE, services: PASS, from: '2026-12-07', to: '2026-12-31' });
  const { slots } = await backend.slots({ locationId: OFFICE, services: PASS, date: days.days[0].date });
  return slots[0];
}

async function bookFirstSlot(backend: ZmsBackend) {
  const slot = await firstSlot(backend);
  const hold = await backend.hold({ locationId: OFFICE, services: PASS, start: slot.start });
  const request: BookingRequest = { holdId: hold.id, person: PERSON, notes: 'Bitte mit Dolmetscher', locale: 'de' };
  return { slot, hold, request, booking: await backend.book(request, 'attempt-1') };
}

describe('ZMS adapter: booking', () => {
  it('asks the calendar with ZMS\'s parameters and lists free days and slots in Berlin time', async () => {
    const { zms, backend } = await start();
    const days = await backend.days({ locationId: OFFICE, services: PASS, from: '2026-12-07', to: '2026-12-31' });
    // Today (Monday) from 09:00, then every working day; 4 free starts each.
    expect(days.days.slice(0, 3)).to.deep.equal([{ date: '2026-12-07', free: 4 }, { date: '2026-12-08', free: 4 }, { date: '2026-12-09', free: 4 }]);
    expect(days.days.some((day) => day.date === '2026-12-12'), 'a Saturday').to.equal(false);
    const request = zms.requests.find((r) => r.path === '/available-calendar/')!;
    expect(request.query).to.deep.equal({ startDate: '2026-12-07', endDate: '2026-12-31', officeIds: OFFICE, serviceIds: '1', serviceCounts: '1' });

    const { slots } = await backend.slots({ locationId: OFFICE, services: PASS, date: '2026-12-08' });
    expect(slots[0]).to.deep.equal({ start: '2026-12-08T09:00:00+01:00', end: '2026-12-08T09:20:00+01:00' });
    expect(zms.requests.filter((r) => r.path === '/available-calendar/'), 'the month\'s answer served the day').to.have.length(1);
  });

  it('asks the calendar again for a day\'s times once a reservation failed', async () => {
    const { zms, backend } = await start({ faults: { 'POST /reserve-appointment/': { code: 'appointmentNotAvailable', once: true } } });
    const slot = await firstSlot(backend);
    expect((await rejection(backend.hold({ locationId: OFFICE, services: PASS, start: slot.start }))).reason).to.equal('slot_taken');
    await backend.slots({ locationId: OFFICE, services: PASS, date: slot.start.slice(0, 10) });
    expect(zms.requests.filter((r) => r.path === '/available-calendar/')).to.have.length(2);
  });

  it('reads ZMS\'s "no appointment" info codes on the calendar as no free times', async () => {
    for (const code of ['noAppointmentForThisDay', 'noAppointmentForThisScope']) {
      const { zms, backend } = await start({ faults: { 'GET /available-calendar/': code } });
      // The day first, so that it is asked for and not taken from the month's answer.
      expect(await backend.slots({ locationId: OFFICE, services: PASS, date: '2026-12-09' }), code).to.deep.equal({ slots: [] });
      expect(await backend.days({ locationId: OFFICE, services: PASS, from: '2026-12-07', to: '2026-12-31' }), code).to.deep.equal({ days: [], nextAvailable: null });
      expect(zms.requests.filter((r) => r.path === '/available-calendar/'), code).to.have.length(2);
    }
  });

  it('says when the next free day after the range is', async () => {
    const { backend } = await start();
    const days = await backend.days({ locationId: OFFICE, services: PASS, from: '2026-12-12', to: '2026-12-13' });
    expect(days).to.deep.equal({ days: [], nextAvailable: '2026-12-14' });
  });

  it('reserves, takes the contact details, preconfirms, and keeps processId and authKey out of the hold id', async () => {
    const { zms, backend } = await start();
    const { slot, hold, booking } = await bookFirstSlot(backend);
    const reserve = zms.requests.find((r) => r.path === '/reserve-appointment/')!;
    expect(reserve.body).to.deep.equal({ officeId: 9999998, serviceId: ['1'], serviceCount: [1], timestamp: String(Date.parse(slot.start) / 1000) });
    const process = [...zms.processes.values()][0];
    expect(hold.id).not.to.include(String(process.processId));
    expect(hold.id).not.to.include(process.authKey);
    expect(hold.expiresInSeconds, 'ZMS did not say: 10 minutes').to.equal(600);

    const update = zms.requests.find((r) => r.path === '/update-appointment/')!;
    expect(update.body).to.deep.equal({
      processId: process.processId,
      authKey: process.authKey,
      familyName: 'Erika Mustermann',
      email: PERSON.email,
      telephone: '0049891234567',
      customTextfield: 'Bitte mit Dolmetscher',
    });
    expect(zms.requests.map((r) => r.path).slice(-2)).to.deep.equal(['/update-appointment/', '/preconfirm-appointment/']);
    expect(process.status).to.equal('preconfirmed');

    expect(booking).to.deep.include({ code: String(process.processId), token: process.authKey, status: 'pending', start: slot.start, end: slot.end });
    expect(booking.location).to.deep.include({ id: OFFICE, name: 'Unittest', doubleOptIn: true });
    expect(booking.services).to.deep.equal([{ id: '1', name: 'Unittest Source Dienstleistung', quantity: 1 }]);
    expect(zms.mails).to.have.length(1);
    expect(parseZmsLink(zms.mails[0].confirmFragment)).to.deep.equal({ code: booking.code, token: booking.token });
  });

  it('makes a booking once when the same submit is repeated', async () => {
    const { zms, backend } = await start();
    const { request, booking } = await bookFirstSlot(backend);
    const sent = zms.requests.length;
    expect(await backend.book(request, 'attempt-1')).to.deep.equal(booking);
    expect(zms.requests.length).to.equal(sent);
  });

  it('sends no name, address or e-mail address in any URL', async () => {
    const { zms, backend } = await start();
    await bookFirstSlot(backend);
    for (const request of zms.requests) {
      const url = JSON.stringify(request.query) + request.path;
      for (const value of Object.values(PERSON)) expect(url).not.to.include(value);
    }
  });

  it('frees a released reservation with cancel-appointment, and never a booked one', async () => {
    const { zms, backend } = await start();
    const slot = await firstSlot(backend);
    const hold = await backend.hold({ locationId: OFFICE, services: PASS, start: slot.start });
    await backend.release(hold.id, { keepalive: true });
    expect([...zms.processes.values()][0].status).to.equal('deleted');
    await backend.release(hold.id);
    const { hold: booked } = await bookFirstSlot(backend);
    const sent = zms.requests.length;
    await backend.release(booked.id);
    expect(zms.requests.length).to.equal(sent);
  });

  it('cannot extend a reservation, move or find a booking, or show its data, and says so in its capabilities', async () => {
    const { backend } = await start();
    expect(backend.capabilities).to.deep.equal({ canExtendHold: false, canReschedule: false, canLookup: false, canManageData: false, canErase: false });
    expect((await rejection(backend.extend())).code).to.equal('not_supported');
    expect((await rejection(backend.find())).code).to.equal('not_supported');
    expect((await rejection(backend.reschedule())).code).to.equal('not_supported');
  });

  it('refuses services ZMS does not combine at that office before asking it', async () => {
    const { zms, backend } = await start();
    const error = await rejection(backend.days({ locationId: OFFICE, services: [{ id: '1', quantity: 1 }, { id: '2', quantity: 1 }], from: '2026-12-07', to: '2026-12-31' }));
    expect([error.reason, error.code]).to.deep.equal(['invalid_input', 'invalidLocationAndServiceCombination']);
    expect(zms.requests.map((r) => r.path)).to.deep.equal(['/offices-and-services/']);
  });
});

describe('ZMS adapter: captcha', () => {
  it('solves the challenge without interaction and sends the token to the calendar and the reservation', async function () {
    this.timeout(30_000);
    const { zms, backend } = await start({ captcha: true });
    await bookFirstSlot(backend);
    expect(zms.captcha).to.deep.equal({ solved: 1, refused: 0 });
    const token = zms.requests.find((r) => r.path === '/available-calendar/')!.query.captchaToken;
    expect(token).to.be.a('string').and.not.equal('');
    expect((zms.requests.find((r) => r.path === '/reserve-appointment/')!.body as { captchaToken: string }).captchaToken).to.equal(token);
    expect(zms.requests.map((r) => r.path).slice(0, 4)).to.deep.equal(['/offices-and-services/', '/captcha-challenge/', '/captcha-verify/', '/available-calendar/']);
  });

  it('solves anew once when ZMS refuses the token', async function () {
    this.timeout(30_000);
    const { zms, backend } = await start({ captcha: true, faults: { 'POST /reserve-appointment/': { code: 'captchaExpired', once: true } } });
    const slot = await firstSlot(backend);
    await backend.hold({ locationId: OFFICE, services: PASS, start: slot.start });
    expect(zms.captcha.solved).to.equal(2);
  });

  it('hears a failed verification in ZMS\'s HTTP 200 with meta.success false', async function () {
    this.timeout(30_000);
    for (const captchaFails of ['challenge', 'verify'] as const) {
      const { backend } = await start({ captcha: true, captchaFails });
      const error = await rejection(backend.days({ locationId: OFFICE, services: PASS, from: '2026-12-07', to: '2026-12-31' }));
      expect(error.reason, captchaFails).to.equal('proof_failed');
      expect(error.text?.en).to.include('security check');
    }
  });

  it('asks no captcha where the office does not require one', async () => {
    const { zms, backend } = await start();
    await bookFirstSlot(backend);
    expect(zms.requests.some((r) => r.path.startsWith('/captcha'))).to.equal(false);
  });
});

describe('ZMS adapter: the link', () => {
  it('opens, confirms and cancels a booking by processId and authKey', async () => {
    const { zms, backend } = await start();
    const { booking } = await bookFirstSlot(backend);
    const ref: BookingRef = parseZmsLink(zms.mails[0].confirmFragment)!;
    const opened = await backend.get(ref);
    expect(opened).to.deep.include({ code: booking.code, status: 'pending', start: booking.start, end: booking.end });
    expect(opened.location.name).to.equal('Unittest');
    const confirmed = await backend.confirm(ref);
    // ZMS's confirm answer names office 0: where and what come from the booking as opened.
    expect(confirmed).to.deep.include({ status: 'confirmed', start: booking.start });
    expect(confirmed.location.id).to.equal(OFFICE);
    await backend.cancel(ref);
    expect(zms.processes.get(Number(ref.code))!.status).to.equal('deleted');
    const gone = await rejection(backend.get(ref));
    expect([gone.reason, gone.code]).to.deep.equal(['not_found', 'appointmentNotFound']);
  });

  it('confirms when opened by a fresh page that never asked for the booking', async () => {
    const { zms, backend } = await start();
    await bookFirstSlot(backend);
    const ref = parseZmsLink(zms.mails[0].confirmFragment)!;
    const fresh = new ZmsBackend({ baseUrl: ZMS_API, lang: () => 'de' });
    expect(await fresh.confirm(ref)).to.deep.include({ status: 'confirmed', code: ref.code });
  });

  it('says the deadline passed when confirming twice, and refuses a wrong key', async () => {
    const { zms, backend } = await start();
    await bookFirstSlot(backend);
    const ref = parseZmsLink(zms.mails[0].confirmFragment)!;
    await backend.confirm(ref);
    const again = await rejection(backend.confirm(ref));
    expect([again.reason, again.code]).to.deep.equal(['not_allowed', 'processNotPreconfirmedAnymore']);
    const wrongKey = await rejection(backend.get({ ...ref, token: ref.token === 'aaaa' ? 'bbbb' : 'aaaa' }));
    expect([wrongKey.reason, wrongKey.code]).to.deep.equal(['not_allowed', 'authKeyMismatch']);
    const malformed = await rejection(backend.get({ code: ref.code, token: 'not hex' }));
    expect(malformed.code).to.equal('invalidAuthKey');
  });

  it('cannot cancel an appointment that has begun', async () => {
    const { zms, backend } = await start();
    const { booking } = await bookFirstSlot(backend);
    const ref = parseZmsLink(zms.mails[0].cancelFragment)!;
    await backend.confirm(ref);
    await useZmsMockLater(zms, booking.start);
    const error = await rejection(backend.cancel(ref));
    expect([error.reason, error.code]).to.deep.equal(['too_late', 'appointmentCanNotBeCanceled']);
  });
});

/** Moves the mock's clock past `instant`, keeping its processes. */
async function useZmsMockLater(zms: ZmsMockState, instant: string): Promise<void> {
  const later = new Date(Date.parse(instant) + 60_000);
  const fresh = await useZmsMock({ now: () => later });
  for (const [id, process] of zms.processes) fresh.processes.set(id, process);
}

describe('ZMS adapter: errors of the fixtures', () => {
  const cases = [
    { file: 'ERROR_appointmentNotAvailable.json', route: 'POST /reserve-appointment/', reason: 'slot_taken' },
    { file: 'ERROR_processNotReservedAnymore.json', route: 'POST /update-appointment/', reason: 'hold_expired' },
    { file: 'ERROR_tooManyAppointmentsWithSameMail.json', route: 'POST /update-appointment/', reason: 'limit_reached' },
    { file: 'ERROR_rateLimitExceeded.json', route: 'POST /preconfirm-appointment/', reason: 'rate_limited' },
    { file: 'ERROR_captchaInvalid.json', route: 'POST /reserve-appointment/', reason: 'proof_failed' },
  ] as const;
  for (const { file, route, reason } of cases) {
    it(`${file} → ${reason}`, async () => {
      const [{ errorCode }] = (await fixture(file)).errors as { errorCode: string }[];
      const { backend } = await start({ faults: { [route]: errorCode } });
      const error = await rejection(bookFirstSlot(backend));
      expect([error.reason, error.code]).to.deep.equal([reason, errorCode]);
    });
  }

  it('marks the e-mail address ZMS refuses (a + in it) for the citizen to mend', async () => {
    const { backend } = await start();
    const slot = await firstSlot(backend);
    const hold = await backend.hold({ locationId: OFFICE, services: PASS, start: slot.start });
    const error = await rejection(backend.book({ holdId: hold.id, person: { ...PERSON, email: 'erika+termin@example.org' }, locale: 'de' }, 'a'));
    expect([error.reason, error.code]).to.deep.equal(['invalid_input', 'invalidEmail']);
    expect(error.fields).to.deep.equal([{ field: 'person.email', code: 'invalid' }]);
  });
});
