import { expect, waitUntil } from '@open-wc/testing';
import type { MockState } from '../src/mock/index.js';
import { de } from '../src/i18n/de.js';
import {
  chooseFirstFreeDay,
  chooseFirstSlot,
  chooseServiceAndLocation,
  clickButton,
  deTexts,
  fillCitizen,
  MONDAY,
  PASS,
  pinClock,
  RATHAUS,
  renderWidget,
  waitForHeading,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

describe('a held slot when the citizen leaves', () => {
  let restoreClock: () => void = () => undefined;
  let state: MockState;

  beforeEach(async () => {
    restoreClock = pinClock(MONDAY);
    state = await useMockBackend({ now: () => new Date(MONDAY) });
  });
  afterEach(() => restoreClock());
  after(() => stopMockBackend());

  /**
   * Releases sent after this test's hold was made. The widget of the previous test is removed between
   * tests, and its own release can reach the worker after this test's mock backend took over.
   */
  const releases = () => {
    const held = state.requests.findLastIndex((request) => request.method === 'POST' && request.path === '/api/holds');
    return state.requests.slice(held + 1).filter((request) => request.method === 'DELETE' && request.path.startsWith('/api/holds/'));
  };

  async function holdASlot() {
    const el = await renderWidget();
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await chooseFirstFreeDay(el);
    await chooseFirstSlot(el);
    await waitForHeading(el, de.details.title);
    return el;
  }

  it('is released when the page is hidden for good (tab closed, navigated away)', async () => {
    await holdASlot();
    expect(releases()).to.have.length(0);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await waitUntil(() => releases().length === 1, 'the hold was not released');
  });

  it('is released when the widget is removed from the page', async () => {
    const el = await holdASlot();
    el.remove();
    await waitUntil(() => releases().length === 1, 'the hold was not released');
  });

  it('is not released again once the slot is booked', async () => {
    const el = await holdASlot();
    await fillCitizen(el, deTexts);
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.review.title);
    await clickButton(el, de.review.submit);
    await waitForHeading(el, de.done.title);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(releases()).to.have.length(0);
    expect(state.bookings).to.have.length(1);
  });
});
