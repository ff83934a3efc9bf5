import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Slot } from '../src/api/schemas.js';
import '../src/components/slot-list/slot-list.component.js';
import type { SlotList } from '../src/components/slot-list/slot-list.component.js';
import { slotListStyles } from '../src/components/slot-list/slot-list.styles.js';
import { catalogs } from '../src/i18n/messages.js';
import { expectNoAxeViolations } from './support/axe.js';

// The root owns these styles in production; adopting them here makes the tests see the real layout.
document.adoptedStyleSheets = [...document.adoptedStyleSheets, slotListStyles.styleSheet!];

// 3 December 2026, in UTC: Berlin is one hour ahead in winter.
const SLOTS: Slot[] = [
  { start: '2026-12-03T07:30:00Z', end: '2026-12-03T07:45:00Z' },
  { start: '2026-12-03T10:45:00Z', end: '2026-12-03T11:00:00Z' },
  // 11:00 in UTC, but already noon on the office clock.
  { start: '2026-12-03T11:00:00Z', end: '2026-12-03T11:15:00Z' },
  { start: '2026-12-03T14:15:00Z', end: '2026-12-03T14:30:00Z' },
];

type Options = Partial<Pick<SlotList, 'slots' | 'selectedStart' | 'busy' | 'lang'>>;

async function renderSlotList(options: Options = {}): Promise<SlotList> {
  const lang = options.lang ?? 'de';
  return fixture<SlotList>(html`<tb-slot-list
    .messages=${catalogs[lang]}
    .lang=${lang}
    .slots=${options.slots ?? SLOTS}
    .timeZone=${'Europe/Berlin'}
    .date=${'2026-12-03'}
    .selectedStart=${options.selectedStart ?? null}
    .busy=${options.busy ?? false}
  ></tb-slot-list>`);
}

function groups(list: SlotList): { name: string; times: string[] }[] {
  return [...list.querySelectorAll('[role="group"]')].map((group) => ({
    name: list.querySelector(`#${group.getAttribute('aria-labelledby')}`)?.textContent?.trim() ?? '',
    times: [...group.querySelectorAll('button')].map((button) => button.textContent?.trim() ?? ''),
  }));
}

function button(list: SlotList, time: string): HTMLButtonElement {
  const found = [...list.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === time);
  if (!found) throw new Error(`no button for ${time}`);
  return found;
}

function recordSelections(list: SlotList): Slot[] {
  const chosen: Slot[] = [];
  list.addEventListener('tb-slot-select', (event) => chosen.push(event.detail.slot));
  return chosen;
}

describe('<tb-slot-list>', () => {
  it('groups times into morning and afternoon of the office clock, even for instants in UTC', async () => {
    const list = await renderSlotList();
    expect(groups(list)).to.deep.equal([
      { name: 'Vormittag', times: ['08:30', '11:45'] },
      { name: 'Nachmittag', times: ['12:00', '15:15'] },
    ]);
  });

  it('leaves out a part of the day without free times', async () => {
    const list = await renderSlotList({ slots: SLOTS.slice(0, 2) });
    expect(groups(list).map((group) => group.name)).to.deep.equal(['Vormittag']);
  });

  it('names each time with its end', async () => {
    const list = await renderSlotList();
    expect(button(list, '08:30').getAttribute('aria-label')).to.equal('08:30 bis 08:45 Uhr');
    expect(button(list, '12:00').getAttribute('aria-label')).to.equal('12:00 bis 12:15 Uhr');
  });

  it('speaks English when asked to', async () => {
    const list = await renderSlotList({ lang: 'en' });
    expect(groups(list).map((group) => group.name)).to.deep.equal(['Morning', 'Afternoon']);
    expect(button(list, '15:15').getAttribute('aria-label')).to.equal('15:15 to 15:30');
  });

  it('reports the chosen slot on click', async () => {
    const list = await renderSlotList();
    const choice = oneEvent(list, 'tb-slot-select');
    button(list, '12:00').click();
    expect((await choice).detail.slot).to.deep.equal(SLOTS[2]);
  });

  it('reports the chosen slot from the keyboard', async () => {
    const list = await renderSlotList();
    const chosen = recordSelections(list);
    button(list, '08:30').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(chosen).to.deep.equal([SLOTS[1], SLOTS[2]]);
  });

  it('shows which time is chosen', async () => {
    const list = await renderSlotList({ selectedStart: SLOTS[1].start });
    const pressed = [...list.querySelectorAll('button[aria-pressed="true"]')];
    expect(pressed).to.deep.equal([button(list, '11:45')]);
  });

  it('takes no further choice while a reservation is running', async () => {
    const list = await renderSlotList({ busy: true, selectedStart: SLOTS[0].start });
    const chosen = recordSelections(list);
    button(list, '15:15').click();
    expect(chosen).to.deep.equal([]);
    expect(button(list, '15:15').getAttribute('aria-disabled')).to.equal('true');
  });

  it('says so when no time is left', async () => {
    const list = await renderSlotList({ slots: [] });
    expect(list.querySelectorAll('button, [role="group"]')).to.have.length(0);
    expect(list.textContent).to.contain('An diesem Tag sind keine Uhrzeiten mehr frei. Bitte wählen Sie einen anderen Tag.');
  });

  it('lays out times in a grid of several columns', async () => {
    const list = await renderSlotList();
    list.style.width = '640px';
    const tops = [...list.querySelectorAll('[role="group"]')[0].querySelectorAll('button')].map(
      (element) => element.getBoundingClientRect().top,
    );
    expect(tops[0]).to.equal(tops[1]);
  });

  it('renders 300 times quickly', async () => {
    const many: Slot[] = Array.from({ length: 300 }, (_, index) => {
      const start = new Date(Date.UTC(2026, 11, 3, 6) + index * 2 * 60_000);
      return { start: start.toISOString(), end: new Date(start.getTime() + 2 * 60_000).toISOString() };
    });
    const began = performance.now();
    const list = await renderSlotList({ slots: many });
    expect(list.querySelectorAll('button')).to.have.length(300);
    expect(performance.now() - began).to.be.below(500);
  });

  it('has no accessibility violations', async () => {
    const list = await renderSlotList({ selectedStart: SLOTS[2].start });
    await expectNoAxeViolations(list);
  });
});
