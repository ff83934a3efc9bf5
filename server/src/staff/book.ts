/**
 * GET/POST /staff/book: a booking for a caller or walk-in, with the widget's availability and rules
 * (freeSlots over reservations and closures, checkSelection, the person rules) and the same store calls
 * (createHold, createBooking), so the citizen gets what a widget booking gets. Two steps without JavaScript:
 * a GET form for location, services and day; then a POST form with a free time and the person.
 *
 * Bookings made by staff are confirmed at once, also where the location asks for double opt-in: double
 * opt-in proves that the booker controls the email address, and here a clerk took the booking in person.
 */
import type { Hono } from 'hono';
import type { Locale, ServiceSelection } from '../../../src/api/schemas.js';
import { dayOf, type Day } from '../../../src/format/zoned-day.js';
import { PERSON_FIELDS, ruleFor, toPerson, validatePerson, type FieldProblem, type PersonDraft, type PersonField } from '../../../src/flow/person.js';
import type { LocationConfig } from '../config/town-schema.js';
import { dayBounds, freeSlots } from '../domain/availability.js';
import type { Interval } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import { reminderPolicy } from '../domain/outbox-plan.js';
import { personErrors } from '../domain/person-rules.js';
import { checkSelection } from '../domain/selection.js';
import type { AppDeps } from '../http/deps.js';
import { createBooking } from '../store/bookings.js';
import { createHold, releaseHold } from '../store/reservations.js';
import { recordAudit } from '../store/staff-audit.js';
import { busyRanges } from '../store/staff-closures.js';
import { chooseLocation, visibleLocations } from './access.js';
import { chosenDay } from './day-data.js';
import { longDay, timeOf } from './format.js';
import { html, type Html } from './html.js';
import { csrfField, page } from './layout.js';
import type { StaffEnv } from './session.js';

const LABELS: Record<PersonField, string> = {
  firstName: 'Vorname', lastName: 'Nachname', email: 'E-Mail-Adresse', phone: 'Telefonnummer', street: 'Straße und Hausnummer',
  postalCode: 'Postleitzahl', city: 'Ort', birthDate: 'Geburtsdatum', notes: 'Hinweise für das Bürgerbüro',
};
const PROBLEMS: Record<FieldProblem | 'too_long', string> = {
  required: 'Bitte ausfüllen.',
  email: 'Das ist keine gültige E-Mail-Adresse.',
  phone: 'Nur Ziffern, Leerzeichen und + ( ) / -, mindestens 6 Zeichen.',
  postalCode: 'Die Postleitzahl hat 5 Ziffern.',
  birthDate: 'Datum im Format TT.MM.JJJJ, in der Vergangenheit.',
  too_long: 'Das ist zu lang.',
};
const INPUT_TYPES: Partial<Record<PersonField, string>> = { email: 'email', phone: 'tel' };
const AUTOCOMPLETE_OFF = 'off';

type Form = Record<string, string>;

function selectionFrom(form: Form, location: LocationConfig): ServiceSelection[] {
  return location.services
    .map((id) => ({ id, quantity: Number(form[`s_${id}`] ?? '0') }))
    .filter((selection) => Number.isInteger(selection.quantity) && selection.quantity > 0);
}

function stringFields(record: Record<string, unknown>): Form {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function bookRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;
  const { timeZone } = town;

  async function slotsFor(location: LocationConfig, lengthMinutes: number, day: Day, moment: Date): Promise<Interval[]> {
    const busy = await busyRanges(db, location, dayBounds(day, timeZone), moment);
    return freeSlots(town, location, day, lengthMinutes, busy, moment.getTime());
  }

  async function render(
    staff: StaffEnv['Variables']['staff'],
    csrf: string,
    form: Form,
    errors: Partial<Record<string, string>> = {},
    general?: string,
  ): Promise<string> {
    const moment = now();
    const location = chooseLocation(town, staff, form.location || undefined);
    const day = chosenDay(town, form.date, moment);
    const services = selectionFrom(form, location);
    let selection: ReturnType<typeof checkSelection> | undefined;
    let selectionError: string | undefined;
    if (services.length > 0) {
      try {
        selection = checkSelection(town, location.id, services);
      } catch {
        selectionError = 'Diese Auswahl ist nicht möglich (zu viele Personen für eine Leistung?).';
      }
    }
    const slots = selection ? await slotsFor(location, selection.lengthMinutes, day, moment) : [];
    const hasErrors = Object.keys(errors).length > 0 || general !== undefined;
    const fieldHtml = (field: PersonField): Html | '' => {
      const rule = ruleFor(field, town.form);
      if (rule === 'hidden') return '';
      const error = errors[field];
      const label = `${LABELS[field]}${rule === 'optional' ? ' – optional' : ''}`;
      const describedBy = error ? html` aria-describedby="${field}-error"` : '';
      const input = field === 'notes'
        ? html`<textarea id="${field}" name="${field}"${describedBy} maxlength="2000">${form[field] ?? ''}</textarea>`
        : html`<input id="${field}" name="${field}" type="${INPUT_TYPES[field] ?? 'text'}" autocomplete="${AUTOCOMPLETE_OFF}" value="${form[field] ?? ''}"${describedBy}${field === 'birthDate' ? html` placeholder="TT.MM.JJJJ"` : ''}>`;
      return html`<div class="field${error ? ' error' : ''}"><label for="${field}">${label}</label>${input}${error ? html`<p class="error-message" id="${field}-error">${error}</p>` : ''}</div>`;
    };
    const body = html`${hasErrors ? html`<div class="notice error" role="alert"><h2>Es gibt ein Problem</h2><ul>
${general ? html`<li>${general}</li>` : ''}${Object.entries(errors).map(([id, text]) => html`<li><a href="#${id}">${LABELS[id as PersonField] ?? 'Uhrzeit'}: ${text}</a></li>`)}</ul></div>` : ''}
<h2>1. Leistungen und Tag</h2>
<form method="get" action="/staff/book">
${visibleLocations(town, staff).length > 1 ? html`<div class="field"><label for="location">Standort</label><select id="location" name="location">${visibleLocations(town, staff).map((candidate) =>
      html`<option value="${candidate.id}"${candidate.id === location.id ? html` selected` : ''}>${candidate.name.de}</option>`)}</select>
<p class="hint">Nach einem Wechsel des Standorts „Freie Zeiten anzeigen“ wählen: die Leistungen passen sich an.</p></div>`
      : html`<input type="hidden" name="location" value="${location.id}">`}
<fieldset><legend>Leistungen und Anzahl Personen</legend>
${location.services.map((id) => {
      const service = town.services.find((candidate) => candidate.id === id);
      return service ? html`<div class="field"><label for="s_${id}">${service.name.de} (${service.durationMinutes} Min. je Person)</label>
<input id="s_${id}" name="s_${id}" type="number" min="0" max="${service.maxQuantity}" value="${form[`s_${id}`] ?? '0'}"></div>` : '';
    })}
${selectionError ? html`<p class="error-message">${selectionError}</p>` : ''}
</fieldset>
<div class="field"><label for="date">Tag</label><input id="date" name="date" type="date" value="${day}"></div>
<button type="submit" class="secondary">Freie Zeiten anzeigen</button>
</form>
${selection ? html`<h2>2. Uhrzeit und Angaben</h2>
${slots.length === 0 ? html`<p>Am ${longDay(day)} ist für diese Auswahl keine Zeit frei. Bitte einen anderen Tag wählen.</p>` : html`<form method="post" action="/staff/book" novalidate>
${csrfField(csrf)}
<input type="hidden" name="location" value="${location.id}"><input type="hidden" name="date" value="${day}">
${selection.services.map((chosen) => html`<input type="hidden" name="s_${chosen.id}" value="${chosen.quantity}">`)}
<fieldset class="field${errors.start ? ' error' : ''}" id="start"><legend>Freie Zeiten am ${longDay(day)}</legend>
<div class="times">${slots.map((slot) => html`<label><input type="radio" name="start" value="${slot.start}"${String(slot.start) === form.start ? html` checked` : ''}> ${timeOf(new Date(slot.start), timeZone)} Uhr</label>`)}</div>
${errors.start ? html`<p class="error-message">${errors.start}</p>` : ''}</fieldset>
${PERSON_FIELDS.map(fieldHtml)}
<div class="field"><label for="locale">Sprache der Bestätigung</label><select id="locale" name="locale">
<option value="de"${form.locale !== 'en' ? html` selected` : ''}>Deutsch</option><option value="en"${form.locale === 'en' ? html` selected` : ''}>Englisch</option></select></div>
<button type="submit">Termin verbindlich eintragen</button>
</form>`}` : ''}`;
    return page({ town, title: hasErrors ? 'Fehler: Termin eintragen' : 'Termin eintragen', section: 'book', body, staff, csrf });
  }

  app.get('/book', async (c) => c.html(await render(c.get('staff'), c.get('csrf'), stringFields(c.req.query()))));

  app.post('/book', async (c) => {
    const staff = c.get('staff');
    const form = stringFields(await c.req.parseBody());
    const location = chooseLocation(town, staff, form.location || undefined);
    const moment = now();
    const selection = checkSelection(town, location.id, selectionFrom(form, location));
    const today = dayOf(moment.getTime(), timeZone);
    const draft = Object.fromEntries(PERSON_FIELDS.map((field) => [field, form[field] ?? ''])) as PersonDraft;
    const errors: Record<string, string> = {};
    for (const [field, problem] of Object.entries(validatePerson(draft, town.form, today))) errors[field] = PROBLEMS[problem];
    const locale: Locale = form.locale === 'en' ? 'en' : 'de';
    const { person, notes } = toPerson(draft, town.form, today);
    for (const error of personErrors({ holdId: 'staff', person, notes, locale }, town, moment)) {
      const field = error.field.replace(/^person\./, '');
      errors[field] ??= PROBLEMS[error.code === 'too_long' ? 'too_long' : 'required'];
    }
    const start = Number(form.start);
    const slot = Number.isSafeInteger(start)
      ? (await slotsFor(location, selection.lengthMinutes, dayOf(start, timeZone), moment)).find((free) => free.start === start)
      : undefined;
    if (!form.start) errors.start = 'Bitte eine Uhrzeit wählen.';
    else if (!slot) errors.start = 'Diese Uhrzeit ist nicht mehr frei. Bitte eine andere wählen.';
    if (Object.keys(errors).length > 0 || !slot) return c.html(await render(staff, c.get('csrf'), form, errors), 422);

    let hold;
    try {
      hold = await createHold(db, { locationId: location.id, counters: location.counters, services: selection.services, slot }, moment,
        new Date(moment.getTime() + 60_000));
    } catch (error) {
      if (error instanceof DomainError) return c.html(await render(staff, c.get('csrf'), form, { start: 'Diese Uhrzeit wurde gerade vergeben. Bitte eine andere wählen.' }), 409);
      throw error;
    }
    try {
      const made = await db.transaction(async (tx) => {
        const booking = await createBooking(tx, {
          holdId: hold.id,
          person: { ...person, ...(notes === undefined ? {} : { notes }) },
          locale,
          maxActivePerEmail: town.rules.maxActiveBookingsPerEmail,
          confirmBy: () => null,
          // A clerk cannot tick the citizen's SMS box for them; reminders follow the town's policy as for the widget.
          smsReminder: false,
          reminders: reminderPolicy(town),
        }, moment);
        await recordAudit(tx, { actor: staff.email, action: 'booked', bookingId: booking.booking.id, locationId: location.id }, moment);
        return booking;
      });
      return c.redirect(`/staff/bookings/${made.booking.id}?done=booked`, 303);
    } catch (error) {
      await releaseHold(db, hold.id);
      if (error instanceof DomainError && error.code === 'limit_reached') {
        return c.html(await render(staff, c.get('csrf'), form, {}, `Für diese E-Mail-Adresse bestehen schon ${town.rules.maxActiveBookingsPerEmail} kommende Termine (Höchstzahl).`), 429);
      }
      throw error;
    }
  });
}
