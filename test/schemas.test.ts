/**
 * The contract's formats accept exactly what zod's own format schemas accept: the widget builds the instant
 * pattern itself (smaller), so it is held against `z.iso.datetime({ offset: true })` here.
 */
import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { DateTime, Email, LocalDate } from '../src/api/schemas.js';

const INSTANTS = [
  '2026-03-29T01:59:59+01:00',
  '2026-03-29T03:00:00+02:00',
  '2026-12-03T09:15:00Z',
  '2026-12-03T09:15:00.123Z',
  '2026-12-03T09:15:00.5+05:30',
  '2028-02-29T12:00:00+01:00',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2027-02-29T12:00:00+01:00',
  '2026-02-31T12:00:00+01:00',
  '2026-04-31T12:00:00+01:00',
  '2026-13-01T12:00:00+01:00',
  '2026-12-03T24:00:00+01:00',
  '2026-12-03T23:60:00+01:00',
  '2026-12-03T23:59:60+01:00',
  '2026-12-03T09:15+01:00',
  '2026-12-03T09:15:00',
  '2026-12-03 09:15:00+01:00',
  '2026-12-03t09:15:00z',
  '2026-12-03T09:15:00+0100',
  '2026-12-03T09:15:00+24:00',
  '2026-12-03T09:15:00+01:60',
  '2026-12-03T09:15:00.Z',
  '2026-12-03',
  ' 2026-12-03T09:15:00Z',
  '2026-12-03T09:15:00Z ',
  '',
];

describe('contract formats', () => {
  it('accepts an instant exactly when zod\'s own RFC 3339 format with offset does', () => {
    const zods = z.iso.datetime({ offset: true });
    const disagreements = INSTANTS.filter((text) => DateTime.safeParse(text).success !== zods.safeParse(text).success);
    expect(disagreements).to.deep.equal([]);
    // The corpus holds both kinds, so agreeing cannot mean refusing (or accepting) everything.
    expect(INSTANTS.filter((text) => DateTime.safeParse(text).success)).to.have.length(7);
  });

  it('accepts only real calendar days', () => {
    expect(['2028-02-29', '2026-12-31'].map((text) => LocalDate.safeParse(text).success)).to.deep.equal([true, true]);
    expect(['2027-02-29', '2026-02-31', '2026-00-10', '03.12.2026'].map((text) => LocalDate.safeParse(text).success)).to.deep.equal([false, false, false, false]);
  });

  it('accepts e-mail addresses as zod\'s own format does', () => {
    const zods = z.email();
    for (const text of ['erika@example.org', 'e.m+tag@sub.example.de', 'erika@example', 'erika example.org', '@example.org']) {
      expect(Email.safeParse(text).success, text).to.equal(zods.safeParse(text).success);
    }
  });
});
