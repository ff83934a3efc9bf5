import { expect } from '@open-wc/testing';
import {
  addDaysToDate,
  addMonths,
  addMonthsToDate,
  browserUsesTimeZone,
  formatDateLong,
  formatDateShort,
  formatDuration,
  formatMonthYear,
  formatTime,
  hourIn,
  localDateOf,
  monthGrid,
  monthOf,
  timeZoneAbbreviation,
  todayIn,
} from '../src/format/datetime.js';

const BERLIN = 'Europe/Berlin';

describe('datetime helpers', () => {
  describe('Berlin clocks around the switch to winter time on 2026-10-25', () => {
    it('shows the summer time before the switch and winter time after it', () => {
      // 02:00–03:00 happens twice that night: first in CEST (UTC+2), then in CET (UTC+1).
      expect(formatTime('2026-10-24T23:59:00Z', BERLIN, 'de')).to.equal('01:59');
      expect(formatTime('2026-10-25T00:30:00Z', BERLIN, 'de')).to.equal('02:30');
      expect(formatTime('2026-10-25T01:30:00Z', BERLIN, 'de')).to.equal('02:30');
      expect(formatTime('2026-10-25T07:00:00Z', BERLIN, 'en')).to.equal('08:00');
    });

    it('names the zone MESZ/CEST before and MEZ/CET after the switch', () => {
      expect(timeZoneAbbreviation('2026-10-25T00:30:00Z', BERLIN, 'de')).to.equal('MESZ');
      expect(timeZoneAbbreviation('2026-10-25T01:30:00Z', BERLIN, 'de')).to.equal('MEZ');
      expect(timeZoneAbbreviation('2026-10-25T00:30:00Z', BERLIN, 'en')).to.equal('CEST');
      expect(timeZoneAbbreviation('2026-10-25T01:30:00Z', BERLIN, 'en')).to.equal('CET');
    });

    it('reads hours off the office clock', () => {
      expect(hourIn('2026-10-25T00:30:00Z', BERLIN)).to.equal(2);
      expect(hourIn('2026-10-25T10:59:00Z', BERLIN)).to.equal(11);
      expect(hourIn('2026-10-25T11:00:00Z', BERLIN)).to.equal(12);
    });

    it('counts calendar days across the switch without losing or repeating one', () => {
      expect(addDaysToDate('2026-10-24', 1)).to.equal('2026-10-25');
      expect(addDaysToDate('2026-10-24', 2)).to.equal('2026-10-26');
      expect(addDaysToDate('2026-10-26', -2)).to.equal('2026-10-24');
    });
  });

  describe('Berlin clocks around the switch to summer time on 2027-03-28', () => {
    it('jumps from 02:00 CET straight to 03:00 CEST', () => {
      expect(formatTime('2027-03-28T00:59:00Z', BERLIN, 'de')).to.equal('01:59');
      expect(formatTime('2027-03-28T01:00:00Z', BERLIN, 'de')).to.equal('03:00');
      expect(hourIn('2027-03-28T01:30:00Z', BERLIN)).to.equal(3);
    });

    it('names the zone MEZ before and MESZ after the switch', () => {
      expect(timeZoneAbbreviation('2027-03-28T00:30:00Z', BERLIN, 'de')).to.equal('MEZ');
      expect(timeZoneAbbreviation('2027-03-28T01:30:00Z', BERLIN, 'de')).to.equal('MESZ');
    });

    it('counts calendar days across the switch', () => {
      expect(addDaysToDate('2027-03-27', 1)).to.equal('2027-03-28');
      expect(addDaysToDate('2027-03-27', 2)).to.equal('2027-03-29');
    });
  });

  describe('calendar days of instants', () => {
    it('puts a late-evening UTC instant on the next Berlin day', () => {
      expect(localDateOf('2026-12-03T23:30:00Z', BERLIN)).to.equal('2026-12-04');
      expect(localDateOf('2026-07-01T22:15:00Z', BERLIN)).to.equal('2026-07-02');
      expect(localDateOf('2026-07-01T21:59:00Z', BERLIN)).to.equal('2026-07-01');
    });

    it('keeps the offset an instant was written with', () => {
      expect(localDateOf('2026-12-04T00:30:00+01:00', BERLIN)).to.equal('2026-12-04');
      expect(formatTime('2026-12-04T00:30:00+01:00', BERLIN, 'de')).to.equal('00:30');
    });

    it('tells today in the office zone, not the browser zone', () => {
      expect(todayIn(BERLIN, new Date('2026-10-24T22:30:00Z'))).to.equal('2026-10-25');
      expect(todayIn(BERLIN, new Date('2026-10-24T21:30:00Z'))).to.equal('2026-10-24');
      expect(todayIn('America/New_York', new Date('2026-10-25T03:30:00Z'))).to.equal('2026-10-24');
    });
  });

  describe('display of calendar days', () => {
    it('writes long dates with the weekday', () => {
      expect(formatDateLong('2026-12-03', 'de')).to.equal('Donnerstag, 3. Dezember 2026');
      expect(formatDateLong('2026-12-03', 'en')).to.equal('Thursday, 3 December 2026');
      // The first days of November and of summer time are where a browser zone would push a date back.
      expect(formatDateLong('2026-11-01', 'de')).to.equal('Sonntag, 1. November 2026');
      expect(formatDateLong('2027-03-28', 'de')).to.equal('Sonntag, 28. März 2027');
    });

    it('writes short dates for "next free appointment"', () => {
      expect(formatDateShort('2026-12-03', 'de')).to.equal('Do., 3. Dez.');
      expect(formatDateShort('2026-12-03', 'en')).to.match(/^Thu,? 3 Dec$/);
    });

    it('writes month names', () => {
      expect(formatMonthYear('2026-12', 'de')).to.equal('Dezember 2026');
      expect(formatMonthYear('2027-03', 'en')).to.equal('March 2027');
    });

    it('writes durations in hours and minutes', () => {
      expect(formatDuration(75, 'de')).to.equal('1 Std. 15 Min.');
      expect(formatDuration(45, 'de')).to.equal('45 Min.');
      expect(formatDuration(120, 'de')).to.equal('2 Std.');
      expect(formatDuration(75, 'en')).to.match(/^1 hr 15 min/);
    });
  });

  describe('months', () => {
    it('steps months across year boundaries', () => {
      expect(addMonths('2026-12', 1)).to.equal('2027-01');
      expect(addMonths('2027-01', -1)).to.equal('2026-12');
      expect(addMonths('2026-11', 14)).to.equal('2028-01');
      expect(monthOf('2026-12-03')).to.equal('2026-12');
    });

    it('moves a date by months and keeps it inside short months', () => {
      expect(addMonthsToDate('2027-01-31', 1)).to.equal('2027-02-28');
      expect(addMonthsToDate('2026-12-15', -12)).to.equal('2025-12-15');
    });

    it('lays out February 2027, which starts on a Monday, in exactly four full weeks', () => {
      const weeks = monthGrid('2027-02');
      expect(weeks).to.have.length(4);
      expect(weeks[0]).to.deep.equal(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07']);
      expect(weeks[3][6]).to.equal('2027-02-28');
      expect(weeks.flat()).not.to.include(null);
    });

    it('lays out December 2026 with empty places for November and January', () => {
      const weeks = monthGrid('2026-12');
      expect(weeks).to.have.length(5);
      expect(weeks[0]).to.deep.equal([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
      expect(weeks[4]).to.deep.equal(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    });

    it('lays out months that touch six weeks', () => {
      const august = monthGrid('2026-08');
      expect(august).to.have.length(6);
      expect(august[0].indexOf('2026-08-01')).to.equal(5);
      expect(august[5][0]).to.equal('2026-08-31');
      const november = monthGrid('2026-11');
      expect(november).to.have.length(6);
      expect(november[0][6]).to.equal('2026-11-01');
    });

    it('lists every day of a month once, in order', () => {
      for (const month of ['2026-10', '2027-03', '2028-02']) {
        const days = monthGrid(month).flat().filter((day) => day !== null);
        expect(days[0]).to.equal(`${month}-01`);
        days.slice(1).forEach((day, index) => expect(day).to.equal(addDaysToDate(days[index], 1)));
        expect(monthGrid(month).every((week) => week.length === 7)).to.equal(true);
      }
      expect(monthGrid('2028-02').flat().filter(Boolean)).to.have.length(29);
    });
  });

  describe('the browser zone', () => {
    it('knows whether the browser keeps the office time', () => {
      const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const now = new Date('2026-12-03T12:00:00Z');
      expect(browserUsesTimeZone(browserZone, now)).to.equal(true);
      const farAway = browserZone === 'Pacific/Kiritimati' ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
      expect(browserUsesTimeZone(farAway, now)).to.equal(false);
    });
  });
});
