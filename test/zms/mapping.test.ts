/**
 * The ZMS adapter's mappings, one by one, on eappointment's own fixtures (test/zms/fixtures, EUPL-1.2):
 * unix seconds to Berlin instants and days, ZMS's e-mail links, the error envelope, the catalog, processes.
 */
import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/api/port.js';
import { startsByDay, toDays } from '../../src/api/zms/calendar.js';
import { fitTogether, toCatalog } from '../../src/api/zms/catalog.js';
import { ZMS_ERROR_CODES } from '../../src/api/zms/error-codes.js';
import { decisiveError, errorFromAnswer } from '../../src/api/zms/errors.js';
import { parseZmsLink, zmsManageUrl } from '../../src/api/zms/links.js';
import { factsOfProcess, statusOf, toBooking } from '../../src/api/zms/process.js';
import { berlinDayOfUnixSeconds, instantOfUnixSeconds, unixSecondsOf } from '../../src/api/zms/time.js';
import { AvailableCalendar, ErrorEnvelope, OfficesAndServices, ThinnedProcess } from '../../src/api/zms/wire.js';
import { Catalog } from '../../src/api/schemas.js';
import { errorCodes, fixture, type Json, type JsonObject } from './support/fixtures.js';

const PRIVACY = 'https://www.example-stadt.de/datenschutz';

function thrown(action: () => unknown): BackendError {
  try {
    action();
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('ZMS times', () => {
  it('reads unix seconds as instants with the offset Berlin has at that instant', () => {
    expect(instantOfUnixSeconds(1724907600)).to.equal('2024-08-29T07:00:00+02:00');
    expect(instantOfUnixSeconds(1733130000)).to.equal('2024-12-02T10:00:00+01:00');
  });

  it('switches the offset exactly at the DST change and back', () => {
    const beforeSpring = Date.parse('2027-03-28T00:59:59Z') / 1000;
    expect(instantOfUnixSeconds(beforeSpring)).to.equal('2027-03-28T01:59:59+01:00');
    expect(instantOfUnixSeconds(beforeSpring + 1)).to.equal('2027-03-28T03:00:00+02:00');
    const autumn = Date.parse('2027-10-31T00:30:00Z') / 1000;
    expect(instantOfUnixSeconds(autumn)).to.equal('2027-10-31T02:30:00+02:00');
    expect(instantOfUnixSeconds(autumn + 3600)).to.equal('2027-10-31T02:30:00+01:00');
  });

  it('puts a start on the Berlin day it begins on, not the UTC day', () => {
    const lateUtc = Date.parse('2026-12-02T23:30:00Z') / 1000;
    expect(berlinDayOfUnixSeconds(lateUtc)).to.equal('2026-12-03');
    expect(unixSecondsOf(instantOfUnixSeconds(lateUtc))).to.equal(lateUtc);
  });

  it('groups the calendar by Berlin day, ignores other offices and the range, and reports the next bookable day after it', async () => {
    const calendar = AvailableCalendar.parse(await fixture('GET_available-calendar.json'));
    // The fixture's starts lie in the year 3000; its `date` fields say 2024: ZMS's dates are not trusted.
    const wholeRange = startsByDay(calendar, '9999998', '3000-01-01', '3000-12-31');
    expect([...wholeRange.values()].flat()).to.deep.equal([32526616522, 32526616622, 32526616652]);
    expect(startsByDay(calendar, '9999999', '3000-01-01', '3000-12-31').size).to.equal(0);
    const days = toDays(wholeRange, { ...calendar, nextBookableDate: '3001-01-05' }, '3000-12-31');
    expect(days.days.map((day) => day.free).reduce((a, b) => a + b)).to.equal(3);
    expect(days.nextAvailable).to.equal('3001-01-05');
    expect(toDays(wholeRange, { ...calendar, nextBookableDate: '3000-06-01' }, '3000-12-31').nextAvailable, 'not after `to`').to.equal(null);
  });
});

describe('ZMS links', () => {
  const cancelHash = 'eyJpZCI6MTAwODIyLCJhdXRoS2V5IjoiOGNjZiJ9';

  it('reads the cancel link of the e-mail in GET_my-appointments.json', async () => {
    const [appointment] = (await fixture<Json[]>('GET_my-appointments.json')) as JsonObject[];
    const link = /#\/appointment\/[A-Za-z0-9+/=]+/.exec(String(appointment.icsContent).replace(/\r\n /g, ''))![0];
    expect(link).to.equal(`#/appointment/${cancelHash}`);
    expect(parseZmsLink(link)).to.deep.equal({ code: '100822', token: '8ccf' });
  });

  it('reads the activation link, with the padding stripped or kept', () => {
    const json = JSON.stringify({ id: 10100, authKey: 'fb43' });
    const padded = btoa(json);
    expect(padded.endsWith('=')).to.equal(true);
    const stripped = padded.replace(/=+$/, '');
    expect(parseZmsLink(`#/appointment/confirm/${padded}`)).to.deep.equal({ code: '10100', token: 'fb43' });
    expect(parseZmsLink(`#/appointment/confirm/${stripped}`)).to.deep.equal({ code: '10100', token: 'fb43' });
    expect(parseZmsLink(`/appointment/${stripped}/`), 'without # and with a trailing slash').to.deep.equal({ code: '10100', token: 'fb43' });
  });

  it('reads a link percent-encoded once or twice, and the URL-safe alphabet', () => {
    const authKey = 'ab'.repeat(32);
    const hash = btoa(JSON.stringify({ id: 7, authKey }));
    expect(hash).to.match(/[+/=]/);
    const once = `#${encodeURIComponent(`/appointment/confirm/${hash}`)}`;
    const twice = `#${encodeURIComponent(encodeURIComponent(`/appointment/confirm/${hash}`))}`;
    expect(parseZmsLink(once)).to.deep.equal({ code: '7', token: authKey });
    expect(parseZmsLink(twice)).to.deep.equal({ code: '7', token: authKey });
    expect(parseZmsLink(`#/appointment/${hash.replace(/\+/g, '-').replace(/\//g, '_')}`)).to.deep.equal({ code: '7', token: authKey });
    expect(parseZmsLink(`#/appointment/${hash.replace(/\+/g, ' ')}`), 'a + a mail client made a space').to.deep.equal({ code: '7', token: authKey });
  });

  it('refuses what is not a ZMS link to a booking', () => {
    const withKey = (authKey: string) => btoa(JSON.stringify({ id: 5, authKey }));
    for (const hash of ['#termin=K7Q-4XP.abcdefabcdef', '#/appointment/', '#/appointment/bm90IGpzb24', `#/other/${withKey('fb43')}`, `#/appointment/${withKey('fb4')}`, `#/appointment/${withKey('zzzz')}`, `#/appointment/${btoa('{"id":-1,"authKey":"fb43"}')}`, '']) {
      expect(parseZmsLink(hash), hash).to.equal(null);
    }
  });

  it('writes the manage link the way eappointment does, and reads it back', () => {
    const url = zmsManageUrl('https://www.example-stadt.de/termine?x=1#old', { code: '100822', token: '8ccf' });
    expect(url).to.equal('https://www.example-stadt.de/termine?x=1#/appointment/eyJpZCI6MTAwODIyLCJhdXRoS2V5IjoiOGNjZiJ9');
    expect(parseZmsLink(new URL(url).hash)).to.deep.equal({ code: '100822', token: '8ccf' });
  });
});

describe('ZMS errors', () => {
  it('takes the error with the highest statusCode, as the HTTP status does', () => {
    const body = { errors: [
      { errorCode: 'invalidTelephone', statusCode: 400, errorMessage: '', errorType: 'warning' },
      { errorCode: 'processNotReservedAnymore', statusCode: 409, errorMessage: '', errorType: 'error' },
      { errorCode: 'tooManyAppointmentsWithSameMail', statusCode: 406, errorMessage: '', errorType: 'error' },
    ] };
    const error = errorFromAnswer(409, JSON.stringify(body), 'POST /update-appointment/', 'booking');
    expect(error.code).to.equal('processNotReservedAnymore');
    expect(error.reason).to.equal('hold_expired');
    expect(error.fields, 'the telephone is still marked').to.deep.equal([{ field: 'person.phone', code: 'invalid' }]);
    expect(error.message).not.to.include('@');
  });

  it('reads the validation fixture: all 400, so the first decides, and none is the citizen\'s to mend', async () => {
    const { errors } = ErrorEnvelope.parse(await fixture('ERROR_validation_reserve-appointment.json'));
    expect(errors).to.have.length(3);
    expect(decisiveError(errors).errorCode).to.equal('invalidOfficeId');
    const error = errorFromAnswer(400, JSON.stringify({ errors }), 'POST /reserve-appointment/', 'booking');
    expect(error.reason).to.equal('unavailable');
    expect(error.fields).to.deep.equal([]);
    expect(error.text?.de).to.include('nicht angenommen');
  });

  it('marks every refused contact field, with the general sentence when there are several', () => {
    const body = { errors: [
      { errorCode: 'invalidEmail', statusCode: 400 },
      { errorCode: 'invalidFamilyName', statusCode: 400 },
    ] };
    const error = errorFromAnswer(400, JSON.stringify(body), 'POST /update-appointment/', 'booking');
    expect(error.reason).to.equal('invalid_input');
    expect(error.fields).to.deep.equal([{ field: 'person.email', code: 'invalid' }, { field: 'person.lastName', code: 'invalid' }]);
    expect(error.text).to.equal(undefined);
    const alone = errorFromAnswer(400, JSON.stringify({ errors: [body.errors[0]] }), 'POST /update-appointment/', 'booking');
    expect(alone.text?.de, 'ZMS refuses + in addresses; the citizen must hear that').to.include('Pluszeichen');
  });

  it('means something else on the link than while booking when a step came too late', () => {
    const body = JSON.stringify({ errors: [{ errorCode: 'preconfirmationExpired', statusCode: 400 }] });
    expect(errorFromAnswer(400, body, 'POST /preconfirm-appointment/', 'booking').reason).to.equal('hold_expired');
    const onLink = errorFromAnswer(400, body, 'POST /confirm-appointment/', 'link');
    expect(onLink.reason).to.equal('not_allowed');
    expect(onLink.text?.en).to.include('book a new appointment');
  });

  it('tells a crowded backend from a broken one when the answer is not ZMS\'s envelope', () => {
    expect(errorFromAnswer(429, '<html>Too many</html>', 'GET /x/', 'booking').reason).to.equal('rate_limited');
    const broken = errorFromAnswer(502, '<html>Bad gateway</html>', 'GET /x/', 'booking');
    expect([broken.reason, broken.code]).to.deep.equal(['unavailable', 'http_502']);
    const unknown = errorFromAnswer(418, JSON.stringify({ errors: [{ errorCode: 'somethingNew', statusCode: 418 }] }), 'GET /x/', 'booking');
    expect([unknown.reason, unknown.code]).to.deep.equal(['unavailable', 'somethingNew']);
  });

  it('knows every code ZMS sends (error-codes.json), with German and English words where it brings its own', async () => {
    for (const { errorCode } of await errorCodes()) {
      expect(Object.hasOwn(ZMS_ERROR_CODES, errorCode), errorCode).to.equal(true);
    }
    for (const [code, meaning] of Object.entries(ZMS_ERROR_CODES)) {
      for (const text of [meaning.text, meaning.onLink?.text]) {
        if (!text) continue;
        expect(text.de, code).to.match(/^[A-ZÄÖÜ].*[.:]/);
        expect(text.en, code).to.match(/^[A-Z].*[.:]/);
        expect(text.de, `${code}: formal address`).not.to.match(/\b(du|dein|deine|dich|dir)\b/i);
      }
    }
  });
});

describe('ZMS catalog', () => {
  it('validates both offices-and-services fixtures, geo strings and int provider ids included', async () => {
    for (const name of ['GET_offices-and-services.json', 'GET_offices-and-services_unpublished.json'] as const) {
      const raw = await fixture(name);
      expect(((raw.offices as JsonObject[])[0].geo as JsonObject).lat).to.be.a('string');
      expect(OfficesAndServices.safeParse(raw).success, name).to.equal(true);
    }
  });

  it('maps offices to locations and public relations to offers, with form rules from the scope flags', async () => {
    const wire = OfficesAndServices.parse(await fixture('GET_offices-and-services.json'));
    const catalog = Catalog.parse(toCatalog(wire, PRIVACY));
    expect(catalog.timeZone).to.equal('Europe/Berlin');
    expect(catalog.locations.map((location) => [location.id, location.name, location.address.street, location.doubleOptIn])).to.deep.equal([
      ['9999998', 'Unittest', 'Alte Jakobstraße 105', true],
      ['9999999', 'Unittest 2', 'Alte Jakobstraße 106', true],
    ]);
    // Service 2's relation is public, but the service itself is not published: no offer.
    expect(catalog.services.map((service) => service.id)).to.deep.equal(['1']);
    expect(catalog.offers).to.deep.equal([{ serviceId: '1', locationId: '9999998' }, { serviceId: '1', locationId: '9999999' }]);
    // 2 slots at the first office, of the default 10 minutes (slotTimeInMinutes is null).
    expect(catalog.services[0].durationMinutes).to.equal(20);
    // Office 1 activates the phone and does not require it; office 2 "requires" it but does not activate it.
    expect(catalog.form).to.deep.equal({ phone: 'optional', address: 'hidden', birthDate: 'hidden', notes: 'optional' });
  });

  it('books services together only where the main service\'s `combinable` says so', async () => {
    const wire = OfficesAndServices.parse(await fixture('GET_offices-and-services_unpublished.json'));
    expect(fitTogether(wire, '9999999', ['1', '2'])).to.equal(true);
    expect(fitTogether(wire, '9999998', ['1', '2'])).to.equal(false);
    expect(fitTogether(wire, '9999998', ['1'])).to.equal(true);
    // Service 1 alone lists nothing (PHP's empty `[]`), so it cannot be the main service of a pair.
    expect(fitTogether({ ...wire, services: wire.services.filter((service) => service.id === 1) }, '9999999', ['1', '2'])).to.equal(false);
  });
});

describe('ZMS processes', () => {
  it('validates every process fixture, the typo `displayame` and the empty scope of a confirmed one included', async () => {
    for (const name of ['GET_appointment.json', 'POST_reserve-appointment.json', 'POST_update-appointment.json', 'POST_preconfirm-appointment.json', 'POST_confirm-appointment.json', 'POST_cancel-appointment.json'] as const) {
      expect(ThinnedProcess.safeParse(await fixture(name)).success, name).to.equal(true);
    }
    const [mine] = (await fixture<Json[]>('GET_my-appointments.json')) as JsonObject[];
    expect(ThinnedProcess.safeParse(mine).success, 'GET_my-appointments.json').to.equal(true);
  });

  it('reads GET_appointment.json as a confirmed booking at the office its scope names', async () => {
    const process = ThinnedProcess.parse(await fixture('GET_appointment.json'));
    const booking = toBooking(process, factsOfProcess(process, null, 'get'), statusOf(process, 'get'));
    expect(booking).to.deep.include({ code: '101002', token: 'fb43', status: 'confirmed', start: '2024-08-29T07:00:00+02:00', end: '2024-08-29T07:10:00+02:00' });
    expect(booking.location).to.deep.include({ id: '102522', name: 'Bürgerbüro Orleansplatz DEV (KVR-II/231 DEV)' });
    expect(booking.location.address).to.deep.equal({ street: 'Orleansstraße 50', postalCode: '81667', city: 'Muenchen' });
    expect(booking.services).to.deep.equal([{ id: '1063424', name: 'Gewerbe anmelden', quantity: 1 }]);
  });

  it('reads ZMS\'s statuses: preconfirmed is pending, deleted is cancelled', async () => {
    const preconfirmed = ThinnedProcess.parse(await fixture('POST_preconfirm-appointment.json'));
    expect(statusOf(preconfirmed, 'book')).to.equal('pending');
    const deleted = ThinnedProcess.parse(await fixture('POST_cancel-appointment.json'));
    const cancelled = thrown(() => statusOf(deleted, 'get'));
    expect([cancelled.reason, cancelled.code]).to.deep.equal(['not_found', 'deleted']);
    expect(cancelled.text?.de).to.equal('Dieser Termin ist bereits abgesagt.');
  });

  it('does not invent an office for a process that names office 0 (the confirm answer)', async () => {
    const confirmed = ThinnedProcess.parse(await fixture('POST_confirm-appointment.json'));
    expect(thrown(() => factsOfProcess(confirmed, null, 'confirm')).reason).to.equal('invalid_response');
  });
});
