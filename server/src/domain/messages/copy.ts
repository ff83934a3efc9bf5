/**
 * The words of every message to citizens, in German (formal "Sie") and English. Subjects carry the date and
 * the town's name only: no names, no booking code, since subject lines show up in notifications and lists.
 */
import type { Lang } from '../../../../src/i18n/messages.js';

export interface MessageCopy {
  subjects: {
    confirm_request: (date: string, town: string) => string;
    booked: (date: string, town: string) => string;
    reminder: (date: string, town: string) => string;
    cancelled: (date: string, town: string) => string;
    rescheduled: (date: string, town: string) => string;
  };
  headings: {
    confirm_request: string;
    booked: string;
    reminder: string;
    cancelled: string;
    rescheduled: string;
    appointment: string;
    cancelledAppointment: string;
    newAppointment: string;
    bring: string;
    change: string;
    cannotCome: string;
  };
  greeting: (firstName: string, lastName: string) => string;
  confirmIntro: string;
  confirmAction: string;
  confirmDeadline: (deadline: string) => string;
  confirmNotYou: string;
  bookedIntro: string;
  calendarAttached: string;
  changeRule: (hours: number, phone: string) => string;
  manageAction: string;
  reminderIntro: (date: string, time: string) => string;
  reminderCancelPlea: string;
  reminderAction: string;
  cancelledIntro: (date: string, time: string) => string;
  bookAgainAction: string;
  rescheduledIntro: string;
  calendarReplaces: string;
  facts: {
    code: string;
    day: string;
    time: string;
    timeRange: (from: string, to: string, zone: string) => string;
    place: string;
    placeHint: string;
    phone: string;
    services: string;
    quantity: (count: number, name: string) => string;
  };
  deadline: (date: string, time: string) => string;
  footer: (town: string, phone: string, email: string) => string[];
  sms: (date: string, time: string, place: string, link: string, town: string) => string;
}

const de: MessageCopy = {
  subjects: {
    confirm_request: (date, town) => `Bitte bestätigen Sie Ihren Termin am ${date} – ${town}`,
    booked: (date, town) => `Ihr Termin am ${date} ist gebucht – ${town}`,
    reminder: (date, town) => `Erinnerung an Ihren Termin am ${date} – ${town}`,
    cancelled: (date, town) => `Ihr Termin am ${date} wurde abgesagt – ${town}`,
    rescheduled: (date, town) => `Ihr Termin wurde auf ${date} verschoben – ${town}`,
  },
  headings: {
    confirm_request: 'Bitte bestätigen Sie Ihren Termin',
    booked: 'Ihr Termin ist gebucht',
    reminder: 'Erinnerung an Ihren Termin',
    cancelled: 'Ihr Termin wurde abgesagt',
    rescheduled: 'Ihr Termin wurde verschoben',
    appointment: 'Ihr Termin',
    cancelledAppointment: 'Der abgesagte Termin',
    newAppointment: 'Ihr neuer Termin',
    bring: 'Bitte bringen Sie mit',
    change: 'Termin verschieben oder absagen',
    cannotCome: 'Sie können nicht kommen?',
  },
  greeting: (firstName, lastName) => `Guten Tag ${firstName} ${lastName},`,
  confirmIntro: 'vielen Dank für Ihre Buchung. Der Termin ist für Sie reserviert. Er gilt aber erst, wenn Sie ihn bestätigen.',
  confirmAction: 'Termin jetzt bestätigen',
  confirmDeadline: (deadline) =>
    `Bitte bestätigen Sie den Termin bis ${deadline}. Ohne Bestätigung geben wir den Termin danach wieder frei und löschen Ihre Angaben.`,
  confirmNotYou: 'Sie haben diesen Termin nicht gebucht? Dann müssen Sie nichts tun: Ohne Bestätigung wird er freigegeben.',
  bookedIntro: 'Ihr Termin ist gebucht. Wir freuen uns auf Ihren Besuch.',
  calendarAttached: 'Im Anhang finden Sie den Termin als Kalenderdatei (.ics) für Ihren Kalender.',
  changeRule: (hours, phone) =>
    `Sie können den Termin bis ${hours} Stunden vor Beginn online verschieben oder absagen. Danach erreichen Sie uns unter ${phone}.`,
  manageAction: 'Termin ansehen, verschieben oder absagen',
  reminderIntro: (date, time) => `wir erinnern Sie an Ihren Termin am ${date} um ${time} Uhr.`,
  reminderCancelPlea: 'Bitte sagen Sie den Termin ab, wenn Sie ihn nicht wahrnehmen können. Dann kann jemand anderes ihn nutzen.',
  reminderAction: 'Termin absagen oder verschieben',
  cancelledIntro: (date, time) => `Ihr Termin am ${date} um ${time} Uhr wurde abgesagt. Sie müssen nichts weiter tun.`,
  bookAgainAction: 'Neuen Termin buchen',
  rescheduledIntro: 'Ihr Termin wurde verschoben. Es gilt nur noch der neue Termin.',
  calendarReplaces: 'Im Anhang finden Sie den neuen Termin als Kalenderdatei (.ics). Sie ersetzt die bisherige.',
  facts: {
    code: 'Buchungsnummer',
    day: 'Tag',
    time: 'Uhrzeit',
    timeRange: (from, to, zone) => `${from} bis ${to} Uhr (${zone})`,
    place: 'Ort',
    placeHint: 'Hinweis zum Ort',
    phone: 'Telefon',
    services: 'Anliegen',
    quantity: (count, name) => `${count} × ${name}`,
  },
  deadline: (date, time) => `${date}, ${time} Uhr`,
  footer: (town, phone, email) => [town, `Telefon: ${phone}`, `E-Mail: ${email}`, 'Diese Nachricht wurde automatisch erstellt.'],
  sms: (date, time, place, link, town) =>
    `${town}: Erinnerung an Ihren Termin am ${date} um ${time} Uhr, ${place}. Absagen oder verschieben: ${link}`,
};

const en: MessageCopy = {
  subjects: {
    confirm_request: (date, town) => `Please confirm your appointment on ${date} – ${town}`,
    booked: (date, town) => `Your appointment on ${date} is booked – ${town}`,
    reminder: (date, town) => `Reminder of your appointment on ${date} – ${town}`,
    cancelled: (date, town) => `Your appointment on ${date} has been cancelled – ${town}`,
    rescheduled: (date, town) => `Your appointment has been moved to ${date} – ${town}`,
  },
  headings: {
    confirm_request: 'Please confirm your appointment',
    booked: 'Your appointment is booked',
    reminder: 'Reminder of your appointment',
    cancelled: 'Your appointment has been cancelled',
    rescheduled: 'Your appointment has been moved',
    appointment: 'Your appointment',
    cancelledAppointment: 'The cancelled appointment',
    newAppointment: 'Your new appointment',
    bring: 'Please bring',
    change: 'Move or cancel the appointment',
    cannotCome: 'Cannot come?',
  },
  greeting: (firstName, lastName) => `Dear ${firstName} ${lastName},`,
  confirmIntro: 'thank you for your booking. The appointment is reserved for you, but it only counts once you confirm it.',
  confirmAction: 'Confirm the appointment now',
  confirmDeadline: (deadline) =>
    `Please confirm the appointment by ${deadline}. Without confirmation we release the appointment after that and delete your details.`,
  confirmNotYou: 'You did not book this appointment? Then you need not do anything: without confirmation it is released.',
  bookedIntro: 'Your appointment is booked. We look forward to seeing you.',
  calendarAttached: 'The appointment is attached as a calendar file (.ics) for your calendar.',
  changeRule: (hours, phone) =>
    `You can move or cancel the appointment online until ${hours} hours before it starts. After that, please call us on ${phone}.`,
  manageAction: 'View, move or cancel the appointment',
  reminderIntro: (date, time) => `this is a reminder of your appointment on ${date} at ${time}.`,
  reminderCancelPlea: 'If you cannot come, please cancel the appointment so that someone else can use it.',
  reminderAction: 'Cancel or move the appointment',
  cancelledIntro: (date, time) => `Your appointment on ${date} at ${time} has been cancelled. You need not do anything else.`,
  bookAgainAction: 'Book a new appointment',
  rescheduledIntro: 'Your appointment has been moved. Only the new appointment counts.',
  calendarReplaces: 'The new appointment is attached as a calendar file (.ics). It replaces the previous one.',
  facts: {
    code: 'Booking code',
    day: 'Day',
    time: 'Time',
    timeRange: (from, to, zone) => `${from} to ${to} (${zone})`,
    place: 'Place',
    placeHint: 'About the place',
    phone: 'Phone',
    services: 'Services',
    quantity: (count, name) => `${count} × ${name}`,
  },
  deadline: (date, time) => `${date}, ${time}`,
  footer: (town, phone, email) => [town, `Phone: ${phone}`, `Email: ${email}`, 'This message was created automatically.'],
  sms: (date, time, place, link, town) => `${town}: reminder of your appointment on ${date} at ${time}, ${place}. Cancel or move: ${link}`,
};

export const COPY: Record<Lang, MessageCopy> = { de, en };
