/** The frame of every staff page: skip link, header with the account and logout, navigation, main. */
import type { TownConfig } from '../config/town-schema.js';
import type { StaffAccount } from '../store/staff-accounts.js';
import { CSRF_FIELD } from './session.js';
import { html, type Html } from './html.js';

export type Section = 'day' | 'search' | 'book' | 'closures' | 'feeds' | 'audit' | 'login' | 'none';

export interface PageOptions {
  town: TownConfig;
  title: string;
  section: Section;
  body: Html;
  staff?: StaffAccount;
  csrf?: string;
}

const NAV: { section: Section; href: string; label: string; adminOnly?: boolean }[] = [
  { section: 'day', href: '/staff/day', label: 'Tagesliste' },
  { section: 'search', href: '/staff/search', label: 'Suche' },
  { section: 'book', href: '/staff/book', label: 'Termin eintragen' },
  { section: 'closures', href: '/staff/closures', label: 'Schließzeiten' },
  { section: 'feeds', href: '/staff/feeds', label: 'Kalender-Feeds', adminOnly: true },
  { section: 'audit', href: '/staff/audit', label: 'Protokoll', adminOnly: true },
];

export function csrfField(csrf: string | undefined): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf ?? ''}">`;
}

export function page({ town, title, section, body, staff, csrf }: PageOptions): string {
  const nav = staff
    ? html`<nav class="main" aria-label="Mitarbeiterbereich"><ul>${NAV.filter((item) => !item.adminOnly || staff.role === 'admin').map((item) =>
      html`<li><a href="${item.href}"${item.section === section ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul></nav>`
    : '';
  const account = staff
    ? html`<div class="row"><p class="who">Angemeldet als ${staff.email} (${staff.role === 'admin' ? 'Administration' : 'Sachbearbeitung'})</p>
      <form method="post" action="/staff/logout">${csrfField(csrf)}<button type="submit" class="secondary">Abmelden</button></form></div>`
    : '';
  return `<!doctype html>${html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} – Mitarbeiterbereich – ${town.town}</title>
<link rel="stylesheet" href="/staff/staff.css">
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="site"><div class="bar"><p class="brand">${town.town} · Bürgerbüro · Mitarbeiterbereich</p>${account}</div>${nav}</header>
<main id="inhalt" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`}`;
}
