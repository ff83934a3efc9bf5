/**
 * Every error code a ZMS citizen API sends (zmscitizenapi's `ErrorMessages.php`, the `ERROR_*` fixtures
 * and the quirks in test/zms/fixtures/README.md), in the port's words. A code gets its own sentence where
 * the reason's general sentence would say too little or something untrue for ZMS; the general sentences
 * for `not_found` and `not_allowed`, for instance, send the citizen to a lookup by code and e-mail, which
 * ZMS does not have.
 *
 * These texts ship only in the ZMS build (termin-buchen-zms.js).
 */
import type { ErrorReason, ErrorText, FieldIssue } from '../port.js';

export interface ZmsCodeMeaning {
  reason: ErrorReason;
  text?: ErrorText;
  /** A contact field the citizen can mend, by its path in the widget's booking request. */
  field?: FieldIssue;
  /** After booking, on the manage link, some codes mean something else than during booking. */
  onLink?: { reason: ErrorReason; text: ErrorText };
}

const REQUEST_REFUSED: ErrorText = {
  de: 'Das Terminsystem hat die Anfrage nicht angenommen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  en: 'The appointment system did not accept the request. Please reload the page and try again.',
};

const SYSTEM_FAILED: ErrorText = {
  de: 'Im Terminsystem ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.',
  en: 'An error occurred in the appointment system. Please try again later.',
};

const LINK_INCOMPLETE: ErrorText = {
  de: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus Ihrer E-Mail noch einmal, am besten durch Anklicken statt Kopieren.',
  en: 'This link is incomplete. Please open the link from your e-mail again, preferably by clicking it rather than copying it.',
};

const REBOOK_AFTER_DEADLINE: ErrorText = {
  de: 'Die Frist zum Bestätigen dieses Termins ist abgelaufen, deshalb ist die Uhrzeit wieder frei gegeben. Bitte buchen Sie einen neuen Termin.',
  en: 'The time allowed for confirming this appointment has run out, so the time has been released. Please book a new appointment.',
};

const CAPTCHA_FAILED: ErrorText = {
  de: 'Die automatische Sicherheitsprüfung gegen Missbrauch hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  en: 'The automatic security check against misuse did not succeed. Please try again.',
};

const refused: ZmsCodeMeaning = { reason: 'unavailable', text: REQUEST_REFUSED };
const failed: ZmsCodeMeaning = { reason: 'unavailable', text: SYSTEM_FAILED };

export const ZMS_ERROR_CODES: Record<string, ZmsCodeMeaning> = {
  // Booking
  appointmentNotAvailable: { reason: 'slot_taken' },
  processNotReservedAnymore: {
    reason: 'hold_expired',
    onLink: {
      reason: 'not_allowed',
      text: {
        de: 'Dieser Termin ist nicht mehr für Sie reserviert. Bitte buchen Sie einen neuen Termin.',
        en: 'This appointment is no longer reserved for you. Please book a new appointment.',
      },
    },
  },
  preconfirmationExpired: {
    reason: 'hold_expired',
    text: {
      de: 'Die Zeit zum Abschließen der Buchung ist abgelaufen. Ihre Angaben bleiben erhalten. Bitte wählen Sie eine neue Uhrzeit.',
      en: 'The time for completing the booking has run out. Your details are kept. Please choose a new time.',
    },
    onLink: { reason: 'not_allowed', text: REBOOK_AFTER_DEADLINE },
  },
  processNotPreconfirmedAnymore: {
    reason: 'hold_expired',
    onLink: { reason: 'not_allowed', text: REBOOK_AFTER_DEADLINE },
  },
  noAppointmentForThisDay: { reason: 'slot_taken' },
  noAppointmentForThisScope: {
    reason: 'slot_taken',
    text: {
      de: 'An diesem Standort sind im Moment keine Termine frei. Bitte versuchen Sie es später noch einmal oder wählen Sie einen anderen Standort.',
      en: 'There are no free appointments at this location at the moment. Please try again later or choose another location.',
    },
  },
  tooManyAppointmentsWithSameMail: { reason: 'limit_reached' },
  tooManySlotsPerAppointment: {
    reason: 'invalid_input',
    text: {
      de: 'So viele Anliegen passen nicht in einen Termin. Bitte wählen Sie weniger aus und buchen Sie für den Rest einen zweiten Termin.',
      en: 'This many services do not fit into one appointment. Please choose fewer and book a second appointment for the rest.',
    },
  },
  tooManyServicesPerAppointment: {
    reason: 'invalid_input',
    text: {
      de: 'Diese Anzahl ist für eine Leistung in einem Termin nicht erlaubt. Bitte wählen Sie eine kleinere Anzahl.',
      en: 'This number is not allowed for one service in one appointment. Please choose a smaller number.',
    },
  },
  invalidLocationAndServiceCombination: {
    reason: 'invalid_input',
    text: {
      de: 'Diese Leistungen werden an diesem Standort nicht zusammen angeboten. Bitte wählen Sie einen anderen Standort oder buchen Sie die Leistungen einzeln.',
      en: 'These services are not offered together at this location. Please choose another location or book the services separately.',
    },
  },
  processAlreadyExists: { reason: 'slot_taken' },

  // Contact details the citizen can mend; ZMS keeps one name field, `familyName`, for the whole name.
  invalidFamilyName: { reason: 'invalid_input', field: { field: 'person.lastName', code: 'invalid' } },
  invalidEmail: {
    reason: 'invalid_input',
    field: { field: 'person.email', code: 'invalid' },
    text: {
      de: 'Diese E-Mail-Adresse nimmt das Terminsystem nicht an. Bitte prüfen Sie sie; Adressen mit Pluszeichen (+) werden nicht angenommen.',
      en: 'The appointment system does not accept this e-mail address. Please check it; addresses with a plus sign (+) are not accepted.',
    },
  },
  emailIsRequired: { reason: 'invalid_input', field: { field: 'person.email', code: 'required' } },
  invalidTelephone: {
    reason: 'invalid_input',
    field: { field: 'person.phone', code: 'invalid' },
    text: {
      de: 'Diese Telefonnummer nimmt das Terminsystem nicht an. Bitte geben Sie 7 bis 15 Ziffern ein.',
      en: 'The appointment system does not accept this phone number. Please enter 7 to 15 digits.',
    },
  },
  telephoneIsRequired: { reason: 'invalid_input', field: { field: 'person.phone', code: 'required' } },
  invalidCustomTextfield: { reason: 'invalid_input', field: { field: 'notes', code: 'invalid' } },
  invalidCustomTextfield2: {
    reason: 'invalid_input',
    text: {
      de: 'Dieser Standort verlangt eine weitere Angabe, die hier nicht gemacht werden kann. Bitte buchen Sie telefonisch oder wählen Sie einen anderen Standort.',
      en: 'This location asks for a further detail that cannot be given here. Please book by phone or choose another location.',
    },
  },

  // The manage link
  authKeyMismatch: {
    reason: 'not_allowed',
    text: {
      de: 'Dieser Link passt nicht zu dem Termin. Bitte öffnen Sie den Link aus Ihrer letzten E-Mail zu diesem Termin.',
      en: 'This link does not match the appointment. Please open the link in your latest e-mail about this appointment.',
    },
  },
  invalidCredentials: { reason: 'not_allowed', text: LINK_INCOMPLETE },
  invalidProcessId: { reason: 'not_allowed', text: LINK_INCOMPLETE },
  invalidAuthKey: { reason: 'not_allowed', text: LINK_INCOMPLETE },
  appointmentNotFound: {
    reason: 'not_found',
    text: {
      de: 'Diesen Termin haben wir nicht gefunden. Vielleicht haben Sie ihn schon abgesagt? Sonst prüfen Sie bitte, ob Sie den vollständigen Link aus Ihrer E-Mail geöffnet haben.',
      en: 'We could not find this appointment. Perhaps you have already cancelled it? Otherwise, please check that you opened the complete link from your e-mail.',
    },
  },
  appointmentCanNotBeCanceled: {
    reason: 'too_late',
    text: {
      de: 'Dieser Termin kann online nicht mehr abgesagt werden: Absagen ist nur vor Beginn des Termins möglich.',
      en: 'This appointment can no longer be cancelled online: cancelling is only possible before it begins.',
    },
  },
  processAlreadyCalled: {
    reason: 'too_late',
    text: {
      de: 'Sie wurden zu diesem Termin bereits aufgerufen, deshalb kann er online nicht mehr geändert werden.',
      en: 'You have already been called for this appointment, so it can no longer be changed online.',
    },
  },

  // The anti-bot check
  captchaMissing: { reason: 'proof_failed', text: CAPTCHA_FAILED },
  captchaInvalid: { reason: 'proof_failed', text: CAPTCHA_FAILED },
  captchaVerificationFailed: { reason: 'proof_failed', text: CAPTCHA_FAILED },
  captchaVerificationError: { reason: 'proof_failed', text: CAPTCHA_FAILED },
  captchaExpired: {
    reason: 'proof_failed',
    text: {
      de: 'Die automatische Sicherheitsprüfung gegen Missbrauch ist abgelaufen. Bitte versuchen Sie es noch einmal.',
      en: 'The automatic security check against misuse has expired. Please try again.',
    },
  },

  // Too much, too often
  rateLimitExceeded: { reason: 'rate_limited' },
  IP_BLACKLISTED: {
    reason: 'not_allowed',
    text: {
      de: 'Das Terminsystem nimmt von Ihrem Internetanschluss im Moment keine Anfragen an. Bitte buchen Sie telefonisch.',
      en: 'The appointment system is not accepting requests from your internet connection at the moment. Please book by phone.',
    },
  },
  requestEntityTooLarge: {
    reason: 'invalid_input',
    text: {
      de: 'Ihre Angaben sind zu lang. Bitte kürzen Sie sie.',
      en: 'Your details are too long. Please shorten them.',
    },
  },

  // Requests the widget built wrong, or a backend that cannot answer: nothing the citizen can mend.
  invalidRequest: refused,
  invalidSchema: refused,
  invalidOfficeId: refused,
  invalidServiceId: refused,
  invalidServiceCount: refused,
  EMPTY_SERVICE_ARRAYS: refused,
  MISMATCHED_ARRAYS: refused,
  invalidScopeId: refused,
  invalidTimestamp: refused,
  invalidStartDate: refused,
  invalidEndDate: refused,
  invalidDate: refused,
  // ZMS has no message for these three and sends `unknownError` instead; kept in case a version does.
  invalidDateRange: refused,
  startDateAfterEndDate: refused,
  dateRangeTooLarge: refused,
  processInvalid: refused,
  requestMethodNotAllowed: refused,
  securityHeaderViolation: refused,
  unauthorized: refused,
  invalidApiClient: refused,
  notFound: refused,
  serviceUnavailable: {
    reason: 'unavailable',
    text: {
      de: 'Das Terminsystem wird gerade gewartet. Bitte versuchen Sie es später noch einmal.',
      en: 'The appointment system is being maintained. Please try again later.',
    },
  },
  zmsClientCommunicationError: failed,
  notImplemented: failed,
  internalError: failed,
  processDeleteFailed: failed,
  sourceNotFound: failed,
  departmentNotFound: failed,
  mailNotFound: failed,
  organisationNotFound: failed,
  providerNotFound: failed,
  requestNotFound: failed,
  scopeNotFound: failed,
  scopesNotFound: failed,
  unknownError: failed,
};

/** A code this table does not know yet: only its HTTP status can tell a crowded backend from a broken one. */
export function meaningOf(code: string, status: number): ZmsCodeMeaning {
  if (Object.hasOwn(ZMS_ERROR_CODES, code)) return ZMS_ERROR_CODES[code];
  return status === 429 ? { reason: 'rate_limited' } : failed;
}
