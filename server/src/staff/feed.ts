/**
 * GET /staff/feed/<secret>.ics: a location's appointments as an iCalendar feed for Outlook or Thunderbird,
 * opened by a long random secret instead of a session (calendar programs cannot log in). The events carry
 * time, services and booking code but no names: a subscribed calendar is copied to phones and cloud
 * services beyond the office's control, so the feed holds nothing personal (and views need no audit entry).
 */
import type { Hono } from 'hono';
import { escapeText, fold, utcDateTime } from '../../../src/ics/ics.js';
import type { AppDeps } from '../http/deps.js';
import { bookingsBetween } from '../store/staff-bookings.js';
import { feedLocation } from '../store/staff-feeds.js';
import { displayStatus, serviceList, STATUS_LABEL } from './format.js';
import type { StaffEnv } from './session.js';

const PAST_DAYS = 14;

export function feedRoute(app: Hono<StaffEnv>, deps: AppDeps): void {
  const { town, db, now } = deps;
  app.get('/feed/:file', async (c) => {
    const secret = /^([A-Za-z0-9_-]{43})\.ics$/.exec(c.req.param('file'))?.[1];
    const locationId = secret ? await feedLocation(db, secret) : undefined;
    const location = town.locations.find((candidate) => candidate.id === locationId);
    if (!location) return c.text('Nicht gefunden.', 404);
    const moment = now();
    const from = new Date(moment.getTime() - PAST_DAYS * 86_400_000);
    const to = new Date(moment.getTime() + (town.rules.bookingHorizonDays + 1) * 86_400_000);
    const bookings = (await bookingsBetween(db, location.id, from, to)).filter((booking) => booking.status === 'pending' || booking.status === 'confirmed');
    const place = [location.name.de, location.address.street, `${location.address.postalCode} ${location.address.city}`].join(', ');
    const lines = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//termin-buchen//staff feed//DE', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(`Termine ${location.name.de}`)}`,
      ...bookings.flatMap((booking) => [
        'BEGIN:VEVENT',
        `UID:${escapeText(booking.code)}@termin-buchen`,
        `DTSTAMP:${utcDateTime(moment)}`,
        `DTSTART:${utcDateTime(booking.start)}`,
        `DTEND:${utcDateTime(booking.end)}`,
        `SUMMARY;LANGUAGE=de:${escapeText(`${serviceList(town, booking.services)} (${booking.code})`)}`,
        `LOCATION;LANGUAGE=de:${escapeText(place)}`,
        `DESCRIPTION;LANGUAGE=de:${escapeText(`Buchungsnummer ${booking.code}\n${STATUS_LABEL[displayStatus(booking)]}`)}`,
        `STATUS:${booking.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
        'END:VEVENT',
      ]),
      'END:VCALENDAR',
    ];
    return c.body(lines.map(fold).join('\r\n') + '\r\n', 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
}
