/** GET /staff/bookings/:id and its changes: arrived, missed, undo, cancel. Each change is audited. */
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';
import { recordAudit, recordViews } from '../store/staff-audit.js';
import { cancelByStaff, setAttendance, staffBookingById, type Attendance, type StaffBooking } from '../store/staff-bookings.js';
import { Forbidden, mayAccess, NotFound } from './access.js';
import { attendanceActions, doneNotice, statusBadge } from './day.js';
import { dateTimeOf, locationName, serviceList, timeOf } from './format.js';
import { html } from './html.js';
import { csrfField, page } from './layout.js';
import { CANCELLATION_EMAIL_AVAILABLE, EMAIL_NOTE, NO_EMAIL_NOTE, notifyCancellation } from './notify.js';
import type { StaffEnv } from './session.js';

const PERSON_LABELS: [keyof NonNullable<StaffBooking['person']>, string][] = [
  ['firstName', 'Vorname'], ['lastName', 'Nachname'], ['email', 'E-Mail'], ['phone', 'Telefon'], ['street', 'Straße'],
  ['postalCode', 'Postleitzahl'], ['city', 'Ort'], ['birthDate', 'Geburtsdatum'], ['notes', 'Hinweise'],
];

/** The booking of `:id` when this account may see its location: 404 for none, 403 for another location's. */
async function allowedBooking(c: Context<StaffEnv>, deps: AppDeps): Promise<StaffBooking> {
  const id = Number(c.req.param('id'));
  const booking = Number.isSafeInteger(id) && id > 0 ? await staffBookingById(deps.db, id) : undefined;
  if (!booking) throw new NotFound();
  if (!mayAccess(c.get('staff'), booking.locationId)) throw new Forbidden();
  return booking;
}

/** Where to go after a change: a staff page the form named, else the day list of the booking. */
function backTo(form: Record<string, unknown>, booking: StaffBooking, deps: AppDeps, done: string): string {
  const back = typeof form.back === 'string' && /^\/staff\/[A-Za-z0-9/._?&=%-]*$/.test(form.back) ? form.back : undefined;
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: deps.town.timeZone }).format(booking.start);
  const target = back ?? `/staff/day?location=${encodeURIComponent(booking.locationId)}&date=${day}`;
  return `${target}${target.includes('?') ? '&' : '?'}done=${done}#b${booking.id}`;
}

export function bookingRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;

  app.get('/bookings/:id', async (c) => {
    const staff = c.get('staff');
    const booking = await allowedBooking(c, deps);
    const moment = now();
    if (booking.person) await recordViews(db, staff.email, [booking], 'booking', moment);
    const csrf = c.get('csrf');
    const live = booking.status === 'pending' || booking.status === 'confirmed';
    const person = booking.person;
    const body = html`${doneNotice(c.req.query('done'))}
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(booking)}</dd>
<dt>Termin</dt><dd>${dateTimeOf(booking.start, town.timeZone)}–${timeOf(booking.end, town.timeZone)} Uhr</dd>
<dt>Standort</dt><dd>${locationName(town, booking.locationId)}</dd>
<dt>Leistungen</dt><dd>${serviceList(town, booking.services)}</dd>
<dt>Sprache</dt><dd>${booking.locale === 'en' ? 'Englisch' : 'Deutsch'}</dd>
${person ? PERSON_LABELS.filter(([field]) => person[field]).map(([field, label]) => html`<dt>${label}</dt><dd>${person[field]}</dd>`)
    : html`<dt>Persönliche Daten</dt><dd>gelöscht</dd>`}
</dl>
<div class="actions">${attendanceActions(booking, csrf, `/staff/bookings/${booking.id}`)}</div>
${live ? html`<h2 id="absagen">Termin absagen</h2>
<form method="post" action="/staff/bookings/${booking.id}/cancel">
${csrfField(csrf)}
<p class="notice">${CANCELLATION_EMAIL_AVAILABLE ? EMAIL_NOTE : NO_EMAIL_NOTE}</p>
<p>Die Zeit wird sofort wieder frei und kann neu gebucht werden.</p>
<button type="submit" class="danger">Termin ${booking.code} absagen</button>
</form>` : ''}
<p><a href="/staff/day?location=${encodeURIComponent(booking.locationId)}&amp;date=${new Intl.DateTimeFormat('sv-SE', { timeZone: town.timeZone }).format(booking.start)}">Zur Tagesliste</a></p>`;
    return c.html(page({ town, title: `Termin ${booking.code}`, section: 'day', body, staff, csrf }));
  });

  const attendance = (action: 'arrived' | 'missed' | 'undo', value: Attendance | null) => {
    app.post(`/bookings/:id/${action}`, async (c) => {
      const booking = await allowedBooking(c, deps);
      const moment = now();
      const done = action === 'undo' ? 'undone' : action;
      await db.transaction(async (tx) => {
        await setAttendance(tx, booking.id, value, moment);
        await recordAudit(tx, { actor: c.get('staff').email, action: done, bookingId: booking.id, locationId: booking.locationId }, moment);
      });
      return c.redirect(backTo(await c.req.parseBody(), booking, deps, done), 303);
    });
  };
  attendance('arrived', 'arrived');
  attendance('missed', 'missed');
  attendance('undo', null);

  app.post('/bookings/:id/cancel', async (c) => {
    const booking = await allowedBooking(c, deps);
    const moment = now();
    await cancelByStaff(db, booking.id, moment, async (tx, cancelled) => {
      if (CANCELLATION_EMAIL_AVAILABLE) await notifyCancellation(tx, cancelled, moment);
      await recordAudit(tx, { actor: c.get('staff').email, action: 'cancelled', bookingId: booking.id, locationId: booking.locationId }, moment);
    });
    return c.redirect(backTo({}, booking, deps, 'cancelled'), 303);
  });
}
