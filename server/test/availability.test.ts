/**
 * Free slots from opening hours, holidays, closures, counters, notice and horizon: the pure domain
 * functions, without a database, across both DST switches.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatInstant, wallClockInstant } from '../../src/format/zoned-day.js';
import { loadTownFile } from '../src/config/load-town.js';
import { DEFAULT_TOWN_FILE } from '../src/config/default-town.js';
import type { LocationConfig, TownConfig } from '../src/config/town-schema.js';
import { bookingWindow, freeDays, freeSlots, type Occupied } from '../src/domain/availability.js';
import { candidateSlots, isPublicHoliday } from '../src/domain/calendar.js';

const demo = loadTownFile(DEFAULT_TOWN_FILE);
const TZ = 'Europe/Berlin';

function town(rules: Partial<TownConfig['rules']> = {}): TownConfig {
  return { ...demo, rules: { ...demo.rules, ...rules } };
}
function location(id: string, change: Partial<LocationConfig> = {}): LocationConfig {
  const found = demo.locations.find((candidate) => candidate.id === id);
  assert.ok(found);
  return { ...found, ...change };
}
const at = (local: string) => Date.parse(local);
const starts = (slots: { start: number }[]) => slots.map((slot) => formatInstant(slot.start, TZ).slice(11, 16));

describe('candidate slots', () => {
  it('start on the grid from opening time and end by closing time, in both opening intervals', () => {
    // Rathaus, Thursday 2027-01-07: 08:00-12:00 and 13:00-18:00 (late opening), 15-minute grid.
    const slots = candidateSlots(town(), location('rathaus'), '2027-01-07', 30);
    const times = starts(slots);
    assert.equal(times[0], '08:00');
    assert.ok(times.includes('11:30') && !times.includes('11:45'), 'a 30-minute slot must end by 12:00');
    assert.ok(times.includes('13:00') && times.includes('17:30') && !times.includes('17:45'));
    assert.ok(!times.includes('12:00') && !times.includes('12:30'), 'nothing in the lunch break');
    assert.equal(slots[0].end - slots[0].start, 30 * 60_000);
  });

  it('are none on public holidays of the Bundesland, on the town file closures and on closed weekdays', () => {
    assert.ok(isPublicHoliday('2027-05-27', 'NW'), 'Fronleichnam (Easter 2027-03-28 + 60 days) is a holiday in NW');
    assert.ok(!isPublicHoliday('2027-05-27', 'BE'), 'but not in Berlin');
    assert.deepEqual(candidateSlots(town(), location('rathaus'), '2027-05-27', 15), []);
    assert.deepEqual(candidateSlots(town(), location('rathaus'), '2026-12-24', 15), [], 'Christmas Eve is closed by the town file');
    assert.deepEqual(candidateSlots(town(), location('rathaus'), '2027-01-09', 15), [], 'Saturday');
    const closed = location('rathaus', { closures: [{ first: '2027-01-11', last: '2027-01-12' }] });
    assert.deepEqual(candidateSlots(town(), closed, '2027-01-12', 15), []);
    assert.ok(candidateSlots(town(), closed, '2027-01-13', 15).length > 0);
  });

  it('keep their wall-clock times across the DST switches, with the right offsets', () => {
    // Spring forward on Sunday 2027-03-28 (Easter: Good Friday and Easter Monday are holidays), fall back on Sunday 2027-10-31.
    for (const [before, after] of [['2027-03-25', '2027-03-30'], ['2027-10-29', '2027-11-02']]) {
      const first = candidateSlots(town(), location('rathaus'), before, 15)[0];
      const second = candidateSlots(town(), location('rathaus'), after, 15)[0];
      assert.equal(formatInstant(first.start, TZ).slice(11), before < '2027-06' ? '08:00:00+01:00' : '08:00:00+02:00');
      assert.equal(formatInstant(second.start, TZ).slice(11), before < '2027-06' ? '08:00:00+02:00' : '08:00:00+01:00');
    }
  });
});

describe('free slots', () => {
  const now = at('2027-01-04T07:00:00+01:00'); // Monday morning

  it('leave out the minimum notice', () => {
    const slots = freeSlots(town({ minimumNoticeMinutes: 120 }), location('rathaus'), '2027-01-04', 15, [], now);
    assert.equal(starts(slots)[0], '09:00');
  });

  it('are free while at least one counter is free for the whole appointment', () => {
    const rathaus = location('rathaus', { counters: 2 });
    const nine = wallClockInstant('2027-01-05', 9 * 60, TZ);
    const busy = (counter: number, fromMinute: number, minutes: number): Occupied =>
      ({ counter, start: nine + fromMinute * 60_000, end: nine + (fromMinute + minutes) * 60_000 });
    const oneCounterBusy = freeSlots(town(), rathaus, '2027-01-05', 15, [busy(1, 0, 15)], now);
    assert.ok(starts(oneCounterBusy).includes('09:00'), 'the second counter is free');
    const bothBusy = freeSlots(town(), rathaus, '2027-01-05', 15, [busy(1, 0, 15), busy(2, 0, 15)], now);
    assert.ok(!starts(bothBusy).includes('09:00'));
    // 30 minutes from 08:45 needs one counter free from 08:45 to 09:15; counter 1 is busy at 09:00,
    // counter 2 from 09:10: no single counter is free throughout.
    const staggered = freeSlots(town(), rathaus, '2027-01-05', 30, [busy(1, 0, 15), busy(2, 10, 15)], now);
    assert.ok(!starts(staggered).includes('08:45'));
    assert.ok(starts(staggered).includes('08:00'));
  });

  it('lie within the booking horizon', () => {
    const { first, last } = bookingWindow(town({ bookingHorizonDays: 10 }), now);
    assert.equal(first, '2027-01-04');
    assert.equal(last, '2027-01-14');
    assert.deepEqual(freeSlots(town({ bookingHorizonDays: 10 }), location('rathaus'), '2027-01-15', 15, [], now), []);
  });
});

describe('free days', () => {
  it('count the free slots of each open day and skip full ones', () => {
    const now = at('2027-01-04T07:00:00+01:00');
    const rathaus = location('rathaus', { counters: 1 });
    const whole = (day: string): Occupied => ({
      counter: 1,
      start: wallClockInstant(day, 0, TZ),
      end: wallClockInstant(day, 24 * 60, TZ),
    });
    const days = freeDays(town({ minimumNoticeMinutes: 0 }), rathaus, '2027-01-04', '2027-01-10', 15, [whole('2027-01-06')], now);
    assert.deepEqual(days.map((day) => day.date), ['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08']);
    // Monday 08:00-12:00 and 13:00-16:00 on a 15-minute grid.
    assert.equal(days[0].free, 16 + 12);
  });
});
