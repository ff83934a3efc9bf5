/**
 * eappointment's fixtures (test/zms/fixtures, EUPL-1.2), fetched from the test server once per page.
 * Every answer of the mock ZMS is one of these, deep-copied, with only ids, keys and times changed.
 */
const FILES = [
  'GET_offices-and-services.json',
  'GET_offices-and-services_unpublished.json',
  'GET_my-appointments.json',
  'GET_available-calendar.json',
  'GET_available-calendar_empty.json',
  'GET_appointment.json',
  'GET_captcha-challenge.json',
  'POST_captcha-verify.json',
  'POST_captcha-verify_failed.json',
  'POST_reserve-appointment.json',
  'POST_update-appointment.json',
  'POST_preconfirm-appointment.json',
  'POST_confirm-appointment.json',
  'POST_cancel-appointment.json',
  'ERROR_appointmentNotAvailable.json',
  'ERROR_captchaInvalid.json',
  'ERROR_processNotReservedAnymore.json',
  'ERROR_rateLimitExceeded.json',
  'ERROR_tooManyAppointmentsWithSameMail.json',
  'ERROR_validation_reserve-appointment.json',
  'error-codes.json',
] as const;

export type FixtureName = (typeof FILES)[number];
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One row of error-codes.json: what ZMS sends for a code, and where the code is seen. */
export interface ZmsErrorCode {
  errorCode: string;
  statusCode: number;
  errorType: string;
  errorMessage: string;
  source: string;
}

let loaded: Promise<Map<FixtureName, Json>> | undefined;

export function loadFixtures(): Promise<Map<FixtureName, Json>> {
  loaded ??= Promise.all(
    FILES.map(async (name) => {
      const response = await fetch(`/test/zms/fixtures/${name}`);
      if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
      return [name, (await response.json()) as Json] as const;
    }),
  ).then((entries) => new Map(entries));
  return loaded;
}

/** A fresh copy, so that a handler may change it. */
export async function fixture<T extends Json = JsonObject>(name: FixtureName): Promise<T> {
  return structuredClone((await loadFixtures()).get(name)) as T;
}

export async function errorCodes(): Promise<ZmsErrorCode[]> {
  return fixture<Json>('error-codes.json') as unknown as Promise<ZmsErrorCode[]>;
}
