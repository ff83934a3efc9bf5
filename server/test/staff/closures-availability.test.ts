/** Closures set by staff take free times away in the pure availability functions, on every counter. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wallClockInstant } from '../../../src/format/zoned-day.js';
import { closedOnAllCounters, freeDays, freeSlots } from '../../src/domain/availability.js';
import { closureFromForm } from '../../src/staff/closures.js';
import { conformanceTown } from '../support/contract-targets.js';

const town = { ...conformanceTown(), locations: conformanceTown().locations.map((location) => ({ ...location, counters: 3 })) };
const rathaus = town.locations.find((location) => location.id === 'rathaus')!;
const now = Date.parse('2030-03-04T06:00:00Z');
const at = (day: string, time: string) => wallClockInstant(day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), town.timeZone);

describe('closures in availability', () => {
  it('blocks every counter, and only slots that touch the closure', () => {
    const closed = closedOnAllCounters([{ start: at('2030-03-05', '10:00'), end: at('2030-03-05', '11:00') }], rathaus.counters);
    assert.equal(closed.length, 3);
    const starts = freeSlots(town, rathaus, '2030-03-05', 15, closed, now).map((slot) => slot.start);
    assert.ok(starts.includes(at('2030-03-05', '09:45')), 'ends at 10:00: still free');
    assert.ok(!starts.includes(at('2030-03-05', '10:00')));
    assert.ok(!starts.includes(at('2030-03-05', '10:45')));
    assert.ok(starts.includes(at('2030-03-05', '11:00')));
    const long = freeSlots(town, rathaus, '2030-03-05', 30, closed, now).map((slot) => slot.start);
    assert.ok(!long.includes(at('2030-03-05', '09:45')), 'a 30-minute slot from 09:45 would run into it');
  });

  it('takes a whole closed day out of /days', () => {
    const day = closureFromForm({ from: '2030-03-05' }, town.timeZone);
    assert.ok('start' in day);
    const days = freeDays(town, rathaus, '2030-03-04', '2030-03-06', 15, closedOnAllCounters([day], rathaus.counters), now).map((entry) => entry.date);
    assert.deepEqual(days, ['2030-03-04', '2030-03-06']);
  });

  it('reads the form: times in the town\'s zone, whole days when empty, end after start', () => {
    assert.deepEqual(closureFromForm({ from: '2030-03-31', fromTime: '01:00', toTime: '04:00' }, 'Europe/Berlin'),
      { start: Date.parse('2030-03-31T00:00:00Z'), end: Date.parse('2030-03-31T02:00:00Z') }, 'across the DST switch: two real hours');
    assert.ok('toTime' in closureFromForm({ from: '2030-03-05', fromTime: '14:00', toTime: '13:00' }, 'Europe/Berlin'));
    assert.ok('from' in closureFromForm({ from: 'morgen' }, 'Europe/Berlin'));
  });
});
