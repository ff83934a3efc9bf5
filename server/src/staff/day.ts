/** GET /staff/day: the day list of a location, with check-in actions; /staff/print and /staff/day.csv export it. */
import type { Hono } from 'hono';
import { addDaysToDay, dayOf } from '../../../src/format/zoned-day.js';
import type { AppDeps } from '../http/deps.js';
import type { StaffBooking } from '../store/staff-bookings.js';
import { chooseLocation, visibleLocations } from './access.js';
import { chosenDay, bookingsOfDaySeen } from './day-data.js';
import { displayStatus, longDay, personName, serviceList, STATUS_LABEL, timeOf } from './format.js';
import { html, type Html } from './html.js';
import { csrfField, page } from './layout.js';
import { CANCELLATION_EMAIL_AVAILABLE, NO_EMAIL_NOTE } from './notify.js';
import type { StaffEnv } from './session.js';
import { dayCsv } from './csv.js';

export const DONE_MESSAGES: Record<string, string> = {
  arrived: 'Als erschienen markiert.',
  missed: 'Als nicht erschienen markiert.',
  undone: 'Markierung zurückgenommen.',
  cancelled: 'Der Termin ist abgesagt; die Zeit ist wieder frei.',
  booked: 'Der Termin ist eingetragen.',
};

export function doneNotice(done: string | undefined): Html | '' {
  const text = done ? DONE_MESSAGES[done] : undefined;
  return text ? html`<div class="notice success" role="status"><p>${text}</p></div>` : '';
}

export function statusBadge(booking: StaffBooking): Html {
  const status = displayStatus(booking);
  return html`<span class="status ${status}">${STATUS_LABEL[status]}</span>`;
}

/** The check-in buttons for a booking; each a small POST form that returns to `back`. */
export function attendanceActions(booking: StaffBooking, csrf: string, back: string): Html {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') return html``;
  const button = (action: string, label: string, kind = '') => html`<form method="post" action="/staff/bookings/${booking.id}/${action}">
${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="${kind}">${label}<span class="visually-hidden"> für Termin ${booking.code}</span></button></form>`;
  return booking.attendance
    ? html`${button('undo', 'Rückgängig', 'secondary')}`
    : html`${button('arrived', 'Erschienen')}${button('missed', 'Nicht erschienen', 'secondary')}`;
}

function appointment(deps: AppDeps, booking: StaffBooking, csrf: string, back: string): Html {
  const { timeZone } = deps.town;
  const live = booking.status === 'pending' || booking.status === 'confirmed';
  const person = booking.person;
  return html`<li id="b${booking.id}" class="${live ? '' : 'inactive'}">
<h3>${timeOf(booking.start, timeZone)}–${timeOf(booking.end, timeZone)} Uhr · ${personName(booking)}</h3>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(booking)}</dd>
<dt>Buchungsnummer</dt><dd>${booking.code}</dd>
<dt>Leistungen</dt><dd>${serviceList(deps.town, booking.services)}</dd>
<dt>Telefon</dt><dd>${person?.phone ?? '–'}</dd>
<dt>E-Mail</dt><dd>${person?.email ?? '–'}</dd>
${person?.notes ? html`<dt>Hinweise</dt><dd>${person.notes}</dd>` : ''}
</dl>
<div class="actions">${attendanceActions(booking, csrf, back)}
<a class="button secondary" href="/staff/bookings/${booking.id}">Details${live ? ' und Absagen' : ''}<span class="visually-hidden"> zu ${booking.code}</span></a></div>
</li>`;
}

export function dayRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;

  app.get('/day', async (c) => {
    const staff = c.get('staff');
    const location = chooseLocation(town, staff, c.req.query('location'));
    const moment = now();
    const day = chosenDay(town, c.req.query('date'), moment);
    const bookings = await bookingsOfDaySeen(db, town, location, day, staff.email, 'day', moment);
    const query = (date: string) => `/staff/day?location=${encodeURIComponent(location.id)}&date=${date}`;
    const back = query(day);
    const locations = visibleLocations(town, staff);
    const live = bookings.filter((booking) => booking.status === 'pending' || booking.status === 'confirmed').length;
    const body = html`${doneNotice(c.req.query('done'))}
<h2>${location.name.de} · ${longDay(day)}</h2>
<form method="get" action="/staff/day" class="daynav no-print">
${locations.length > 1 ? html`<div class="field"><label for="location">Standort</label><select id="location" name="location">${locations.map((candidate) =>
      html`<option value="${candidate.id}"${candidate.id === location.id ? html` selected` : ''}>${candidate.name.de}</option>`)}</select></div>`
      : html`<input type="hidden" name="location" value="${location.id}">`}
<div class="field"><label for="date">Tag</label><input id="date" name="date" type="date" value="${day}"></div>
<button type="submit" class="secondary">Anzeigen</button>
</form>
<nav class="daynav no-print" aria-label="Tage">
<a href="${query(addDaysToDay(day, -1, town.timeZone))}">Vorheriger Tag</a>
<a href="${query(dayOf(moment.getTime(), town.timeZone))}">Heute</a>
<a href="${query(addDaysToDay(day, 1, town.timeZone))}">Nächster Tag</a>
<a href="/staff/print?location=${encodeURIComponent(location.id)}&amp;date=${day}">Druckansicht</a>
<a href="/staff/day.csv?location=${encodeURIComponent(location.id)}&amp;date=${day}" download>CSV herunterladen</a>
</nav>
${CANCELLATION_EMAIL_AVAILABLE ? '' : html`<p class="notice">${NO_EMAIL_NOTE}</p>`}
<p>${bookings.length === 0 ? 'Für diesen Tag sind keine Termine gebucht.' : `${live} ${live === 1 ? 'Termin' : 'Termine'}${bookings.length > live ? `, dazu ${bookings.length - live} abgesagt` : ''}.`}</p>
${bookings.length > 0 ? html`<ol class="appointments">${bookings.map((booking) => appointment(deps, booking, c.get('csrf'), back))}</ol>` : ''}`;
    return c.html(page({ town, title: 'Tagesliste', section: 'day', body, staff, csrf: c.get('csrf') }));
  });

  app.get('/print', async (c) => {
    const staff = c.get('staff');
    const location = chooseLocation(town, staff, c.req.query('location'));
    const moment = now();
    const day = chosenDay(town, c.req.query('date'), moment);
    const bookings = await bookingsOfDaySeen(db, town, location, day, staff.email, 'print', moment);
    const body = html`<h2>${location.name.de} · ${longDay(day)}</h2>
<p class="no-print"><a href="/staff/day?location=${encodeURIComponent(location.id)}&amp;date=${day}">Zurück zur Tagesliste</a> · Drucken mit Strg+P.</p>
<div class="table-wrap"><table>
<caption class="visually-hidden">Termine am ${longDay(day)}</caption>
<thead><tr><th scope="col">Zeit</th><th scope="col">Name</th><th scope="col">Leistungen</th><th scope="col">Telefon</th><th scope="col">Nummer</th><th scope="col">Status</th><th scope="col">Hinweise</th></tr></thead>
<tbody>${bookings.map((booking) => html`<tr><td>${timeOf(booking.start, town.timeZone)}–${timeOf(booking.end, town.timeZone)}</td>
<td>${personName(booking)}</td><td>${serviceList(town, booking.services)}</td><td>${booking.person?.phone ?? ''}</td><td>${booking.code}</td>
<td>${STATUS_LABEL[displayStatus(booking)]}</td><td>${booking.person?.notes ?? ''}</td></tr>`)}</tbody>
</table></div>
${bookings.length === 0 ? html`<p>Keine Termine.</p>` : ''}`;
    return c.html(page({ town, title: 'Druckansicht', section: 'day', body, staff, csrf: c.get('csrf') }));
  });

  app.get('/day.csv', async (c) => {
    const staff = c.get('staff');
    const location = chooseLocation(town, staff, c.req.query('location'));
    const moment = now();
    const day = chosenDay(town, c.req.query('date'), moment);
    const bookings = await bookingsOfDaySeen(db, town, location, day, staff.email, 'csv', moment);
    return c.body(dayCsv(town, bookings), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="termine-${location.id}-${day}.csv"`,
    });
  });
}
