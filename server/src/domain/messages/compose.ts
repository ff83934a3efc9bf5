/**
 * The five emails and the SMS reminder, composed from a booking as it is now (rendered at send time, so the
 * outbox holds no personal data). Pure: the caller passes the manage link and the clock.
 */
import { bookingToIcs, icsFileName } from '../../../../src/ics/ics.js';
import { catalogs, type Lang } from '../../../../src/i18n/messages.js';
import { formatDateLong, formatDateShort, formatTime, localDateOf, timeZoneAbbreviation } from '../../../../src/format/datetime.js';
import type { TownConfig } from '../../config/town-schema.js';
import type { MessageKind } from '../outbox-plan.js';
import { toWireBooking } from '../wire.js';
import { COPY } from './copy.js';
import { renderHtml, renderText, type Block, type MessageDocument } from './document.js';

export interface MessageBooking {
  code: string;
  status: 'pending' | 'confirmed' | 'cancelled';
  locationId: string;
  services: { id: string; quantity: number }[];
  start: Date;
  end: Date;
  locale: Lang;
  confirmBy: Date | null;
}

export interface MessageInput {
  kind: MessageKind;
  town: TownConfig;
  booking: MessageBooking;
  person: { firstName: string; lastName: string };
  /** `bookingPageUrl#termin=<code>.<token>`; null for messages without one (the cancellation). */
  manageUrl: string | null;
  now: Date;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachment?: { filename: string; content: string };
}

/** Day and time texts of the booking in the town's zone, whatever zone the server runs in. */
function when(town: TownConfig, booking: MessageBooking, lang: Lang) {
  const zone = town.timeZone;
  const start = booking.start.toISOString();
  return {
    date: formatDateLong(localDateOf(start, zone), lang),
    shortDate: formatDateShort(localDateOf(start, zone), lang),
    from: formatTime(start, zone, lang),
    to: formatTime(booking.end.toISOString(), zone, lang),
    zone: timeZoneAbbreviation(start, zone, lang),
  };
}

function location(town: TownConfig, booking: MessageBooking) {
  const found = town.locations.find((candidate) => candidate.id === booking.locationId);
  if (!found) throw new Error(`The booking's location ${booking.locationId} is no longer in the town file`);
  return found;
}

function services(town: TownConfig, booking: MessageBooking) {
  return booking.services.map(({ id, quantity }) => ({ quantity, service: town.services.find((candidate) => candidate.id === id) }));
}

function factsBlock(input: MessageInput): Block {
  const { town, booking } = input;
  const lang = booking.locale;
  const copy = COPY[lang].facts;
  const time = when(town, booking, lang);
  const office = location(town, booking);
  const items: [string, string[]][] = [
    [copy.code, [booking.code]],
    [copy.day, [time.date]],
    [copy.time, [copy.timeRange(time.from, time.to, time.zone)]],
    [copy.place, [office.name[lang], office.address.street, `${office.address.postalCode} ${office.address.city}`]],
  ];
  if (office.hint) items.push([copy.placeHint, [office.hint[lang]]]);
  items.push([copy.phone, [town.contact.phone]]);
  items.push([copy.services, services(town, booking).map(({ quantity, service }) => {
    const name = service?.name[lang] ?? '';
    return quantity > 1 ? copy.quantity(quantity, name) : name;
  })]);
  return { kind: 'facts', items };
}

function bringBlocks(input: MessageInput): Block[] {
  const lang = input.booking.locale;
  const items = services(input.town, input.booking)
    .filter(({ service }) => service?.description)
    .map(({ service }) => `${service!.name[lang]}: ${service!.description![lang]}`);
  return items.length === 0 ? [] : [{ kind: 'heading', level: 2, text: COPY[lang].headings.bring }, { kind: 'list', items }];
}

function manageAction(input: MessageInput, text: string): Block[] {
  return input.manageUrl ? [{ kind: 'action', text, href: input.manageUrl }] : [];
}

function blocksFor(input: MessageInput): Block[] {
  const { kind, town, booking, person } = input;
  const lang = booking.locale;
  const copy = COPY[lang];
  const heading: Block = { kind: 'heading', level: 1, text: copy.headings[kind] };
  const greeting: Block = { kind: 'paragraph', text: copy.greeting(person.firstName, person.lastName) };
  const time = when(town, booking, lang);
  const changeRule: Block = { kind: 'paragraph', text: copy.changeRule(town.rules.changeDeadlineHours, town.contact.phone) };
  switch (kind) {
    case 'confirm_request': {
      const deadline = booking.confirmBy ?? booking.start;
      const deadlineText = copy.deadline(
        formatDateLong(localDateOf(deadline.toISOString(), town.timeZone), lang),
        formatTime(deadline.toISOString(), town.timeZone, lang),
      );
      return [
        heading, greeting,
        { kind: 'paragraph', text: copy.confirmIntro },
        ...manageAction(input, copy.confirmAction),
        { kind: 'paragraph', text: copy.confirmDeadline(deadlineText) },
        { kind: 'heading', level: 2, text: copy.headings.appointment },
        factsBlock(input),
        { kind: 'paragraph', text: copy.confirmNotYou },
      ];
    }
    case 'booked':
      return [
        heading, greeting,
        { kind: 'paragraph', text: copy.bookedIntro },
        { kind: 'heading', level: 2, text: copy.headings.appointment },
        factsBlock(input),
        { kind: 'paragraph', text: copy.calendarAttached },
        ...bringBlocks(input),
        { kind: 'heading', level: 2, text: copy.headings.change },
        changeRule,
        ...manageAction(input, copy.manageAction),
      ];
    case 'reminder':
      return [
        heading, greeting,
        { kind: 'paragraph', text: copy.reminderIntro(time.date, time.from) },
        { kind: 'heading', level: 2, text: copy.headings.appointment },
        factsBlock(input),
        ...bringBlocks(input),
        { kind: 'heading', level: 2, text: copy.headings.cannotCome },
        { kind: 'paragraph', text: copy.reminderCancelPlea },
        ...manageAction(input, copy.reminderAction),
        changeRule,
      ];
    case 'cancelled':
      return [
        heading, greeting,
        { kind: 'paragraph', text: copy.cancelledIntro(time.date, time.from) },
        { kind: 'heading', level: 2, text: copy.headings.cancelledAppointment },
        factsBlock(input),
        { kind: 'action', text: copy.bookAgainAction, href: town.bookingPageUrl },
      ];
    case 'rescheduled':
      return [
        heading, greeting,
        { kind: 'paragraph', text: copy.rescheduledIntro },
        { kind: 'heading', level: 2, text: copy.headings.newAppointment },
        factsBlock(input),
        { kind: 'paragraph', text: copy.calendarReplaces },
        ...bringBlocks(input),
        { kind: 'heading', level: 2, text: copy.headings.change },
        changeRule,
        ...manageAction(input, copy.manageAction),
      ];
  }
}

/** The `.ics` of the booking, from the widget's own RFC 5545 writer; its link is the page without a token. */
export function bookingIcs(input: MessageInput): { filename: string; content: string } {
  const { town, booking } = input;
  const status = booking.status === 'pending' ? 'pending' : 'confirmed';
  const wire = toWireBooking(town, { ...booking, status }, '', booking.locale);
  return {
    filename: icsFileName(wire),
    content: bookingToIcs(wire, { messages: catalogs[booking.locale], lang: booking.locale, now: input.now, pageUrl: town.bookingPageUrl }),
  };
}

export function composeEmail(input: MessageInput): RenderedEmail {
  const { kind, town, booking } = input;
  const lang = booking.locale;
  const subject = COPY[lang].subjects[kind](when(town, booking, lang).date, town.town);
  const document: MessageDocument = {
    lang,
    title: subject,
    blocks: blocksFor(input),
    footer: COPY[lang].footer(town.town, town.contact.phone, town.contact.email),
  };
  const withCalendar = kind === 'booked' || kind === 'rescheduled';
  return {
    subject,
    text: renderText(document),
    html: renderHtml(document),
    ...(withCalendar ? { attachment: bookingIcs(input) } : {}),
  };
}

/** The SMS reminder: no name, just when, where and the link to cancel or move. */
export function composeSms(input: MessageInput): string {
  const { town, booking } = input;
  const lang = booking.locale;
  const time = when(town, booking, lang);
  const office = location(town, booking);
  return COPY[lang].sms(time.shortDate, time.from, `${office.name[lang]}, ${office.address.street}`, input.manageUrl ?? town.bookingPageUrl, town.town);
}
