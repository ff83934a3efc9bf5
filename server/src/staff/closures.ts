/**
 * GET/POST /staff/closures: block a time range or whole days at a location. Free times inside vanish from
 * /days and /slots at once (http/availability.ts reads closures with the reservations); bookings already
 * inside are listed by time and code (no names), so the clerk can move or cancel them.
 */
import type { Hono } from 'hono';
import { LocalDate } from '../../../src/api/schemas.js';
import { addDaysToDay, dayOf, minuteOfDay, wallClockInstant } from '../../../src/format/zoned-day.js';
import type { AppDeps } from '../http/deps.js';
import { recordAudit } from '../store/staff-audit.js';
import { addClosure, closureById, removeClosure, upcomingClosures, type Closure } from '../store/staff-closures.js';
import { liveBookingsOverlapping } from '../store/staff-bookings.js';
import { chooseLocation, Forbidden, mayAccess, NotFound, visibleLocations } from './access.js';
import { dateTimeOf, locationName, serviceList, timeOf } from './format.js';
import { html, Html } from './html.js';
import { csrfField, page } from './layout.js';
import type { StaffEnv } from './session.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type Fields = Record<string, string>;
type Errors = Partial<Record<'location' | 'from' | 'fromTime' | 'to' | 'toTime' | 'reason', string>>;

/** The closure the form describes as instants, or the errors per field. Empty times mean whole days. */
export function closureFromForm(form: Fields, timeZone: string): { start: number; end: number } | Errors {
  const errors: Errors = {};
  const from = form.from ?? '';
  const to = form.to || from;
  if (!LocalDate.safeParse(from).success) errors.from = 'Geben Sie den ersten Tag an.';
  if (!LocalDate.safeParse(to).success) errors.to = 'Geben Sie einen gültigen letzten Tag an.';
  if (form.fromTime && !TIME.test(form.fromTime)) errors.fromTime = 'Uhrzeit als SS:MM, zum Beispiel 13:00.';
  if (form.toTime && !TIME.test(form.toTime)) errors.toTime = 'Uhrzeit als SS:MM, zum Beispiel 14:00.';
  if ((form.reason ?? '').length > 200) errors.reason = 'Höchstens 200 Zeichen.';
  if (Object.keys(errors).length > 0) return errors;
  const start = wallClockInstant(from, form.fromTime ? minuteOfDay(form.fromTime) : 0, timeZone);
  const end = form.toTime ? wallClockInstant(to, minuteOfDay(form.toTime), timeZone) : wallClockInstant(addDaysToDay(to, 1, timeZone), 0, timeZone);
  if (end <= start) return { toTime: 'Das Ende muss nach dem Beginn liegen.' };
  return { start, end };
}

function field(id: keyof Errors, label: string, input: Html, errors: Errors, hint?: string): Html {
  const error = errors[id];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' error' : ''}"><label for="${id}">${label}</label>${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${described ? new Html(input.value.replace('<input ', `<input aria-describedby="${described}" `).replace('<select ', `<select aria-describedby="${described}" `)) : input}
${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ''}</div>`;
}

export function closureRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;

  const render = async (staff: StaffEnv['Variables']['staff'], csrf: string, form: Fields, errors: Errors, added?: number) => {
    const locations = visibleLocations(town, staff);
    const closures = await upcomingClosures(db, locations.map((location) => location.id), now());
    const affected = new Map<number, Awaited<ReturnType<typeof liveBookingsOverlapping>>>();
    for (const closure of closures) affected.set(closure.id, await liveBookingsOverlapping(db, closure.locationId, closure.start, closure.end));
    const hasErrors = Object.keys(errors).length > 0;
    const row = (closure: Closure) => {
      const inside = affected.get(closure.id) ?? [];
      return html`<li id="c${closure.id}"><h3>${locationName(town, closure.locationId)}: ${dateTimeOf(closure.start, town.timeZone)} bis ${dateTimeOf(closure.end, town.timeZone)} Uhr</h3>
<dl class="facts"><dt>Grund</dt><dd>${closure.reason || '–'}</dd><dt>Eingetragen von</dt><dd>${closure.createdBy}</dd></dl>
${inside.length > 0 ? html`<div class="notice${closure.id === added ? ' error' : ''}"><p><strong>${inside.length} ${inside.length === 1 ? 'Termin liegt' : 'Termine liegen'} in dieser Zeit.</strong> Bitte verlegen oder absagen:</p>
<ul>${inside.map((booking) => html`<li><a href="/staff/bookings/${booking.id}">${dateTimeOf(booking.start, town.timeZone)}–${timeOf(booking.end, town.timeZone)} Uhr, ${booking.code}</a> (${serviceList(town, booking.services)})</li>`)}</ul></div>`
        : html`<p>Keine gebuchten Termine in dieser Zeit.</p>`}
<div class="actions"><form method="post" action="/staff/closures/${closure.id}/delete">${csrfField(csrf)}<button type="submit" class="secondary">Schließzeit aufheben<span class="visually-hidden"> für ${locationName(town, closure.locationId)}, ${dateTimeOf(closure.start, town.timeZone)}</span></button></form></div></li>`;
    };
    const body = html`${hasErrors ? html`<div class="notice error" role="alert"><h2>Es gibt ein Problem</h2><ul>${Object.entries(errors).map(([id, text]) => html`<li><a href="#${id}">${text}</a></li>`)}</ul></div>` : ''}
${added !== undefined ? html`<div class="notice success" role="status"><p>Die Schließzeit ist eingetragen. Freie Zeiten darin werden nicht mehr angeboten.</p></div>` : ''}
<h2>Schließzeit eintragen</h2>
<form method="post" action="/staff/closures" novalidate>
${csrfField(csrf)}
${field('location', 'Standort', html`<select id="location" name="location">${locations.map((location) => html`<option value="${location.id}"${form.location === location.id ? html` selected` : ''}>${location.name.de}</option>`)}</select>`, errors)}
<div class="row">
${field('from', 'Erster Tag', html`<input id="from" name="from" type="date" value="${form.from ?? ''}">`, errors)}
${field('fromTime', 'Ab Uhrzeit – optional', html`<input id="fromTime" name="fromTime" type="time" value="${form.fromTime ?? ''}">`, errors, 'Leer: ab Tagesbeginn')}
</div>
<div class="row">
${field('to', 'Letzter Tag – optional', html`<input id="to" name="to" type="date" value="${form.to ?? ''}">`, errors, 'Leer: wie erster Tag')}
${field('toTime', 'Bis Uhrzeit – optional', html`<input id="toTime" name="toTime" type="time" value="${form.toTime ?? ''}">`, errors, 'Leer: bis Tagesende')}
</div>
${field('reason', 'Grund – optional', html`<input id="reason" name="reason" type="text" maxlength="200" value="${form.reason ?? ''}">`, errors, 'Zum Beispiel „Personalversammlung“. Bitte keine Namen oder Gesundheitsangaben.')}
<button type="submit">Schließzeit eintragen</button>
</form>
<h2>Kommende Schließzeiten</h2>
${closures.length === 0 ? html`<p>Keine.</p>` : html`<ol class="appointments">${closures.map(row)}</ol>`}
<p class="hint">Ganze Schließtage, die jedes Jahr gelten, und Feiertage stehen in der Konfigurationsdatei der Stadt.</p>`;
    return page({ town, title: hasErrors ? 'Fehler: Schließzeiten' : 'Schließzeiten', section: 'closures', body, staff, csrf });
  };

  app.get('/closures', async (c) => {
    const staff = c.get('staff');
    const location = chooseLocation(town, staff, c.req.query('location'));
    const added = Number(c.req.query('added'));
    return c.html(await render(staff, c.get('csrf'), { location: location.id, from: dayOf(now().getTime(), town.timeZone) }, {},
      Number.isSafeInteger(added) && added > 0 ? added : undefined));
  });

  app.post('/closures', async (c) => {
    const staff = c.get('staff');
    const body = await c.req.parseBody();
    const form: Fields = Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const location = chooseLocation(town, staff, form.location || undefined);
    const parsed = closureFromForm(form, town.timeZone);
    if (!('start' in parsed)) return c.html(await render(staff, c.get('csrf'), form, parsed), 422);
    const moment = now();
    const closure = await db.transaction(async (tx) => {
      const made = await addClosure(tx, {
        locationId: location.id, start: new Date(parsed.start), end: new Date(parsed.end), reason: (form.reason ?? '').trim(), createdBy: staff.email,
      }, moment);
      await recordAudit(tx, { actor: staff.email, action: 'closure_added', locationId: location.id, detail: `closure ${made.id}` }, moment);
      return made;
    });
    return c.redirect(`/staff/closures?location=${encodeURIComponent(location.id)}&added=${closure.id}#c${closure.id}`, 303);
  });

  app.post('/closures/:id/delete', async (c) => {
    const staff = c.get('staff');
    const closure = await closureById(db, Number(c.req.param('id')) || 0);
    if (!closure) throw new NotFound();
    if (!mayAccess(staff, closure.locationId)) throw new Forbidden();
    const moment = now();
    await db.transaction(async (tx) => {
      await removeClosure(tx, closure.id);
      await recordAudit(tx, { actor: staff.email, action: 'closure_removed', locationId: closure.locationId, detail: `closure ${closure.id}` }, moment);
    });
    return c.redirect(`/staff/closures?location=${encodeURIComponent(closure.locationId)}`, 303);
  });
}
