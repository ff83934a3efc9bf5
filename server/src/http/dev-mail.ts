/**
 * /dev/mail: the development mailbox, where emails land when no SMTP_URL is set, so that a newcomer running
 * `npm start` can read them and follow their links. Mounted only without SMTP_URL; never in production.
 */
import { Hono } from 'hono';
import { escapeHtml } from '../domain/messages/document.js';
import type { Db } from '../store/db.js';
import { devMailById, listDevMail } from '../store/dev-mail.js';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – termin-buchen development mailbox</title>
<style>
body{margin:0;padding:16px;font-family:system-ui,sans-serif;line-height:1.5;color:#131525;background:#fff}
main{max-width:60em}a{color:#2044AA}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:8px;border-bottom:1px solid #6E7597;vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#F3F4F7;padding:16px}
dt{font-weight:bold}dd{margin:0 0 8px}
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

/** The text part with its web addresses as links (escaped first, so nothing in the text can become markup). */
function linkified(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function when(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
}

export function devMailRoutes(db: Db, timeZone: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  });

  app.get('/', async (c) => {
    const mails = await listDevMail(db);
    const rows = mails
      .map((mail) => `<tr><td>${escapeHtml(when(mail.createdAt, timeZone))}</td><td>${escapeHtml(mail.recipient)}</td>`
        + `<td><a href="/dev/mail/${mail.id}">${escapeHtml(mail.subject)}</a></td></tr>`)
      .join('\n');
    const list = mails.length === 0
      ? '<p>No emails yet. Book a Termin in the demo, then reload this page.</p>'
      : `<table><caption>Newest first</caption><thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
    return c.html(page('Emails', `<h1>Development mailbox</h1>
<p>No <code>SMTP_URL</code> is set, so the emails the server sends to citizens are kept here instead of being sent.
This page does not exist when <code>SMTP_URL</code> is set.</p>
${list}`));
  });

  app.get('/:id{[0-9]+}', async (c) => {
    const mail = await devMailById(db, Number(c.req.param('id')));
    if (!mail) return c.html(page('Not found', '<h1>No such email</h1><p><a href="/dev/mail">All emails</a></p>'), 404);
    const attachment = mail.attachmentName
      ? `<li><a href="/dev/mail/${mail.id}/attachment">Download the attached calendar file ${escapeHtml(mail.attachmentName)}</a></li>`
      : '';
    return c.html(page(mail.subject, `<p><a href="/dev/mail">All emails</a></p>
<h1>${escapeHtml(mail.subject)}</h1>
<dl><dt>To</dt><dd>${escapeHtml(mail.recipient)}</dd><dt>Sent</dt><dd>${escapeHtml(when(mail.createdAt, timeZone))}</dd></dl>
<ul><li><a href="/dev/mail/${mail.id}/html">Show the email as HTML, as the citizen sees it</a></li>${attachment}</ul>
<h2>Text version</h2>
<pre>${linkified(mail.textBody)}</pre>`));
  });

  app.get('/:id{[0-9]+}/html', async (c) => {
    const mail = await devMailById(db, Number(c.req.param('id')));
    return mail ? c.html(mail.htmlBody) : c.notFound();
  });

  app.get('/:id{[0-9]+}/attachment', async (c) => {
    const mail = await devMailById(db, Number(c.req.param('id')));
    if (!mail?.attachment || !mail.attachmentName) return c.notFound();
    return c.body(mail.attachment, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${mail.attachmentName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  });

  return app;
}
