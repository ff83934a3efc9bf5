/** Admin only: the calendar feeds' secret addresses (/staff/feeds) and the audit log (/staff/audit). */
import type { Hono } from 'hono';
import { LocalDate } from '../../../src/api/schemas.js';
import { addDaysToDay, wallClockInstant } from '../../../src/format/zoned-day.js';
import type { AppDeps } from '../http/deps.js';
import { AUDIT_ACTIONS, readAudit, recordAudit, type AuditAction, type AuditFilter } from '../store/staff-audit.js';
import { feedsCreated, renewFeedSecret } from '../store/staff-feeds.js';
import { codeKey } from '../domain/secrets.js';
import { NotFound, requireAdmin } from './access.js';
import { dateTimeOf, locationName } from './format.js';
import { html } from './html.js';
import { csrfField, page } from './layout.js';
import type { StaffEnv } from './session.js';

const ACTION_LABEL: Record<AuditAction, string> = {
  login: 'Angemeldet', logout: 'Abgemeldet', viewed: 'Daten angesehen', arrived: 'Erschienen markiert', missed: 'Nicht erschienen markiert',
  undone: 'Markierung zurückgenommen', cancelled: 'Abgesagt', booked: 'Eingetragen', closure_added: 'Schließzeit eingetragen',
  closure_removed: 'Schließzeit aufgehoben', feed_renewed: 'Feed-Adresse erneuert',
};

export function adminRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;

  const feedsPage = async (staff: StaffEnv['Variables']['staff'], csrf: string, fresh?: { locationId: string; url: string }) => {
    const created = await feedsCreated(db);
    const body = html`<p>Jeder Standort hat einen Kalender-Feed, den Outlook oder Thunderbird abonnieren können. Die Adresse ist geheim: Wer sie kennt,
sieht Zeiten, Leistungen und Buchungsnummern des Standorts (keine Namen). Eine neue Adresse macht die alte sofort ungültig.</p>
${fresh ? html`<div class="notice success" role="status"><h2>Neue Adresse für ${locationName(town, fresh.locationId)}</h2>
<p>Diese Adresse wird nur jetzt angezeigt. Kopieren Sie sie in Ihr Kalenderprogramm („Kalender abonnieren“ / „Internetkalender“):</p>
<code class="secret">${fresh.url}</code></div>` : ''}
<ul class="appointments">${town.locations.map((location) => html`<li><h2>${location.name.de}</h2>
<p>${created.has(location.id) ? `Eingerichtet am ${dateTimeOf(created.get(location.id)!, town.timeZone)} Uhr.` : 'Noch kein Feed eingerichtet.'}</p>
<form method="post" action="/staff/feeds/${location.id}">${csrfField(csrf)}<button type="submit" class="secondary">${created.has(location.id) ? 'Neue Adresse erzeugen' : 'Feed einrichten'}<span class="visually-hidden"> für ${location.name.de}</span></button></form></li>`)}</ul>`;
    return page({ town, title: 'Kalender-Feeds', section: 'feeds', body, staff, csrf });
  };

  app.get('/feeds', async (c) => {
    requireAdmin(c.get('staff'));
    return c.html(await feedsPage(c.get('staff'), c.get('csrf')));
  });

  app.post('/feeds/:location', async (c) => {
    const staff = c.get('staff');
    requireAdmin(staff);
    const location = town.locations.find((candidate) => candidate.id === c.req.param('location'));
    if (!location) throw new NotFound();
    const moment = now();
    const secret = await db.transaction(async (tx) => {
      const made = await renewFeedSecret(tx, location.id, moment);
      await recordAudit(tx, { actor: staff.email, action: 'feed_renewed', locationId: location.id }, moment);
      return made;
    });
    const origin = new URL(c.req.url).origin;
    return c.html(await feedsPage(staff, c.get('csrf'), { locationId: location.id, url: `${origin}/staff/feed/${secret}.ics` }));
  });

  app.get('/audit', async (c) => {
    const staff = c.get('staff');
    requireAdmin(staff);
    const query = c.req.query();
    const filter: AuditFilter = {};
    if (query.actor?.trim()) filter.actor = query.actor.trim().toLowerCase();
    if (AUDIT_ACTIONS.includes(query.action as AuditAction)) filter.action = query.action as AuditAction;
    const booking = (query.booking ?? '').trim();
    let bookingUnknown = false;
    if (/^\d+$/.test(booking)) filter.bookingId = Number(booking);
    else if (booking) {
      const [row] = await db.query<{ id: number }>('SELECT id::int AS id FROM bookings WHERE code_key = $1', [codeKey(booking)]);
      if (row) filter.bookingId = row.id;
      else bookingUnknown = true;
    }
    if (LocalDate.safeParse(query.from).success) filter.from = new Date(wallClockInstant(query.from, 0, town.timeZone));
    if (LocalDate.safeParse(query.to).success) filter.to = new Date(wallClockInstant(addDaysToDay(query.to, 1, town.timeZone), 0, town.timeZone));
    const entries = bookingUnknown ? [] : await readAudit(db, filter);
    const body = html`<p>Wer hat wann welche Termindaten angesehen oder geändert. Das Protokoll enthält keine Daten der Bürgerinnen und Bürger selbst und kann nicht geändert werden.</p>
<form method="get" action="/staff/audit" class="daynav">
<div class="field"><label for="actor">Mitarbeiter (E-Mail)</label><input id="actor" name="actor" type="email" value="${query.actor ?? ''}"></div>
<div class="field"><label for="action">Aktion</label><select id="action" name="action"><option value="">Alle</option>${AUDIT_ACTIONS.map((action) =>
      html`<option value="${action}"${filter.action === action ? html` selected` : ''}>${ACTION_LABEL[action]}</option>`)}</select></div>
<div class="field"><label for="booking">Buchungsnummer</label><input id="booking" name="booking" type="text" value="${booking}"></div>
<div class="field"><label for="from">Von</label><input id="from" name="from" type="date" value="${query.from ?? ''}"></div>
<div class="field"><label for="to">Bis</label><input id="to" name="to" type="date" value="${query.to ?? ''}"></div>
<button type="submit" class="secondary">Filtern</button>
</form>
<p role="status">${entries.length === 0 ? 'Keine Einträge.' : `${entries.length} Einträge${entries.length === 500 ? ' (die neuesten 500)' : ''}.`}</p>
${entries.length > 0 ? html`<div class="table-wrap"><table><caption class="visually-hidden">Protokolleinträge, neueste zuerst</caption>
<thead><tr><th scope="col">Zeit</th><th scope="col">Wer</th><th scope="col">Aktion</th><th scope="col">Termin</th><th scope="col">Standort</th><th scope="col">Wo / was</th></tr></thead>
<tbody>${entries.map((entry) => html`<tr><td>${dateTimeOf(entry.at, town.timeZone)}</td><td>${entry.actor}</td><td>${ACTION_LABEL[entry.action] ?? entry.action}</td>
<td>${entry.bookingId ? html`<a href="/staff/audit?booking=${entry.bookingId}">${entry.bookingCode ?? `#${entry.bookingId}`}</a>` : '–'}</td>
<td>${entry.locationId ? locationName(town, entry.locationId) : '–'}</td><td>${entry.detail || '–'}</td></tr>`)}</tbody></table></div>` : ''}`;
    return c.html(page({ town, title: 'Protokoll', section: 'audit', body, staff, csrf: c.get('csrf') }));
  });
}
