import { expect } from '@open-wc/testing';
import { browserUsesTimeZone } from '../src/format/datetime.js';
// The same cases once more, now in a browser whose own clock runs in New York (see web-test-runner.config.mjs).
import './datetime.test.js';
import './slot-list.test.js';

describe('in a browser whose clock runs in New York', () => {
  it('really runs in New York time', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
    expect(new Date('2026-12-03T12:00:00Z').getTimezoneOffset()).to.equal(300);
  });

  it('knows the browser is not on Berlin time, though it keeps the same clock as Toronto', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(browserUsesTimeZone('Europe/Berlin', now)).to.equal(false);
    expect(browserUsesTimeZone('America/Toronto', now)).to.equal(true);
  });
});
