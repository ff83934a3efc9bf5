/** GET /staff/search?q=: bookings by code or name at the locations this account may see. */
import type { Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';
import { recordViews } from '../store/staff-audit.js';
import { searchBookings } from '../store/staff-bookings.js';
import { visibleLocations } from './access.js';
import { statusBadge } from './day.js';
import { dateTimeOf, locationName, personName, serviceList } from './format.js';
import { html } from './html.js';
import { page } from './layout.js';
import type { StaffEnv } from './session.js';

export function searchRoutes(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;
  app.get('/search', async (c) => {
    const staff = c.get('staff');
    const query = (c.req.query('q') ?? '').slice(0, 100);
    const found = await searchBookings(db, visibleLocations(town, staff).map((location) => location.id), query);
    await recordViews(db, staff.email, found.filter((booking) => booking.person !== null), 'search', now());
    const body = html`<form method="get" action="/staff/search" role="search">
<div class="row"><div class="field"><label for="q">Buchungsnummer oder Name</label><input id="q" name="q" type="search" value="${query}" spellcheck="false"></div>
<button type="submit">Suchen</button></div>
</form>
${query ? html`<h2>${found.length === 0 ? 'Nichts gefunden' : `${found.length} ${found.length === 1 ? 'Treffer' : 'Treffer'}`}</h2>
${found.length > 0 ? html`<ol class="appointments">${found.map((booking) => html`<li>
<h3><a href="/staff/bookings/${booking.id}">${personName(booking)} · ${booking.code}</a></h3>
<dl class="facts"><dt>Termin</dt><dd>${dateTimeOf(booking.start, town.timeZone)} Uhr, ${locationName(town, booking.locationId)}</dd>
<dt>Leistungen</dt><dd>${serviceList(town, booking.services)}</dd><dt>Status</dt><dd>${statusBadge(booking)}</dd></dl></li>`)}</ol>` : ''}` : ''}`;
    return c.html(page({ town, title: 'Termin suchen', section: 'search', body, staff, csrf: c.get('csrf') }));
  });
}
