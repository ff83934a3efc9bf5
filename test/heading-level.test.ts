import { expect, waitUntil } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { headingLevelFrom } from '../src/components/termin-buchen/heading-level-controller.js';
import { de } from '../src/i18n/de.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  chooseFirstFreeDay,
  chooseServiceAndLocation,
  clickButton,
  deTexts,
  MONDAY,
  PASS,
  pinClock,
  RATHAUS,
  renderWidget,
  stepHeading,
  waitForHeading,
} from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

interface AccessibleNode {
  role: string;
  name?: string;
  level?: number;
  children?: AccessibleNode[];
}

/** The headings Chromium exposes to assistive technology, in document order, as "level name". */
async function exposedHeadings(): Promise<string[]> {
  const tree = (await a11ySnapshot({})) as unknown as AccessibleNode;
  const found: string[] = [];
  const walk = (node: AccessibleNode) => {
    if (node.role === 'heading') found.push(`${node.level} ${node.name}`);
    node.children?.forEach(walk);
  };
  walk(tree);
  return found;
}

describe('heading-level', () => {
  let restoreClock: () => void;
  beforeEach(async () => {
    await useMockBackend({ now: () => MONDAY });
    restoreClock = pinClock(MONDAY);
  });
  afterEach(() => restoreClock());
  after(stopMockBackend);

  async function atTimes(el: TerminBuchen): Promise<string> {
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await waitForHeading(el, de.datetime.title);
    return chooseFirstFreeDay(el);
  }

  it('exposes the step heading at level 2 and its sub-headings below it by default', async () => {
    const el = await renderWidget();
    await atTimes(el);
    const headings = await exposedHeadings();
    expect(headings[0]).to.equal(`2 ${de.datetime.title}`);
    expect(headings.slice(1).map((heading) => heading.split(' ')[0])).to.include.members(['3', '4']).and.not.include('2');
    expect(el.shadowRoot!.querySelector('[aria-level]')).to.equal(null);
  });

  it('moves the whole outline down when the widget sits under an h2', async () => {
    const el = await renderWidget();
    el.setAttribute('heading-level', '3');
    await atTimes(el);
    await waitUntil(async () => (await exposedHeadings())[0] === `3 ${de.datetime.title}`, 'the step heading was not shifted');
    const levels = (await exposedHeadings()).map((heading) => Number(heading.split(' ')[0]));
    expect(levels.slice(1)).to.include.members([4, 5]);
    expect(Math.min(...levels.slice(1))).to.equal(4);
    await expectNoAxeViolations(el);
  });

  it('shifts headings that steps render later, and back when the attribute goes', async () => {
    const el = await renderWidget();
    el.headingLevel = 4;
    await el.updateComplete;
    await clickButton(el, de.services.increase(PASS));
    await clickButton(el, de.common.continue);
    await waitForHeading(el, de.location.title);
    await waitUntil(async () => (await exposedHeadings())[0] === `4 ${de.location.title}`, 'a later step heading was not shifted');

    el.removeAttribute('heading-level');
    el.headingLevel = 2;
    await el.updateComplete;
    expect((await exposedHeadings())[0]).to.equal(`2 ${de.location.title}`);
    expect(stepHeading(el)!.hasAttribute('aria-level')).to.equal(false);
  });

  it('takes levels 1 to 6 and falls back to 2 for anything else', () => {
    expect([1, 3, 6].map(headingLevelFrom)).to.deep.equal([1, 3, 6]);
    expect([0, 7, 2.5, Number.NaN, -1].map(headingLevelFrom)).to.deep.equal([2, 2, 2, 2, 2]);
  });
});
