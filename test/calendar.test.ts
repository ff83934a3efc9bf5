import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/calendar/calendar.component.js';
import type { Calendar } from '../src/components/calendar/calendar.component.js';
import { calendarStyles } from '../src/components/calendar/calendar.styles.js';
import { catalogs } from '../src/i18n/messages.js';
import { expectNoAxeViolations } from './support/axe.js';

// The root owns these styles in production; adopting them here makes the tests see the real layout.
document.adoptedStyleSheets = [...document.adoptedStyleSheets, calendarStyles.styleSheet!];

const TODAY = '2026-12-03';
const LAST_BOOKABLE = '2027-02-14';
const AVAILABLE: ReadonlyMap<string, number> = new Map([
  ['2026-12-03', 7],
  ['2026-12-04', 1],
  ['2026-12-10', 3],
  ['2027-01-05', 2],
]);

type Options = Partial<Pick<Calendar, 'month' | 'available' | 'selected' | 'loading' | 'lang'>>;

async function renderCalendar(options: Options = {}): Promise<Calendar> {
  const lang = options.lang ?? 'de';
  return fixture<Calendar>(html`<tb-calendar
    .messages=${catalogs[lang]}
    .lang=${lang}
    .month=${options.month ?? '2026-12'}
    .available=${options.available ?? AVAILABLE}
    .selected=${options.selected ?? null}
    .loading=${options.loading ?? false}
    .today=${TODAY}
    .lastBookable=${LAST_BOOKABLE}
  ></tb-calendar>`);
}

/** Acts like the parent step: shows whatever month the calendar asks for. */
function followMonthChanges(calendar: Calendar): string[] {
  const requested: string[] = [];
  calendar.addEventListener('tb-month-change', (event) => {
    requested.push(event.detail.month);
    calendar.month = event.detail.month;
  });
  return requested;
}

function recordSelections(calendar: Calendar): string[] {
  const selected: string[] = [];
  calendar.addEventListener('tb-day-select', (event) => selected.push(event.detail.date));
  return selected;
}

function cell(calendar: Calendar, date: string): HTMLElement {
  const found = calendar.querySelector<HTMLElement>(`td[data-date="${date}"]`);
  if (!found) throw new Error(`no cell for ${date}`);
  return found;
}

function focusedDate(): string | undefined {
  return (document.activeElement as HTMLElement | null)?.dataset.date;
}

function tabStops(calendar: Calendar): string[] {
  return [...calendar.querySelectorAll<HTMLElement>('table [tabindex="0"]')].map((element) => element.dataset.date ?? '');
}

function navButtons(calendar: Calendar): { previous: HTMLButtonElement; next: HTMLButtonElement } {
  const [previous, next] = calendar.querySelectorAll<HTMLButtonElement>('button');
  return { previous, next };
}

async function press(calendar: Calendar, key: string): Promise<void> {
  await sendKeys({ press: key });
  await calendar.updateComplete;
}

async function pressWithShift(calendar: Calendar, key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
  await calendar.updateComplete;
}

describe('<tb-calendar>', () => {
  describe('structure and names', () => {
    it('is a grid named by the month heading, with full weekday names on the column headers', async () => {
      const calendar = await renderCalendar();
      const grid = calendar.querySelector('table')!;
      expect(grid.getAttribute('role')).to.equal('grid');
      const heading = calendar.querySelector(`#${grid.getAttribute('aria-labelledby')}`)!;
      expect(heading.localName).to.equal('h3');
      expect(heading.textContent?.trim()).to.equal('Dezember 2026');
      const titles = [...grid.querySelectorAll('th[scope="col"] abbr')].map((abbr) => abbr.getAttribute('title'));
      expect(titles).to.deep.equal(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
      expect(grid.querySelectorAll('td[data-date]')).to.have.length(31);
    });

    it('names bookable days with their number of free appointments', async () => {
      const calendar = await renderCalendar();
      expect(cell(calendar, '2026-12-03').getAttribute('aria-label')).to.equal('Donnerstag, 3. Dezember 2026, 7 freie Termine');
      expect(cell(calendar, '2026-12-04').getAttribute('aria-label')).to.equal('Freitag, 4. Dezember 2026, 1 freier Termin');
      expect(cell(calendar, '2026-12-03').hasAttribute('aria-disabled')).to.equal(false);
      expect(cell(calendar, '2026-12-03').getAttribute('aria-current')).to.equal('date');
    });

    it('marks other days unavailable and says why', async () => {
      const calendar = await renderCalendar();
      const past = cell(calendar, '2026-12-02');
      expect(past.getAttribute('aria-disabled')).to.equal('true');
      expect(past.getAttribute('aria-label')).to.equal('Mittwoch, 2. Dezember 2026, vergangen');
      const full = cell(calendar, '2026-12-05');
      expect(full.getAttribute('aria-disabled')).to.equal('true');
      expect(full.getAttribute('aria-label')).to.equal('Samstag, 5. Dezember 2026, ausgebucht oder geschlossen');

      calendar.month = '2027-02';
      await calendar.updateComplete;
      expect(cell(calendar, '2027-02-14').getAttribute('aria-label')).to.contain('ausgebucht oder geschlossen');
      expect(cell(calendar, '2027-02-15').getAttribute('aria-label')).to.equal('Montag, 15. Februar 2027, noch nicht buchbar');
      expect(cell(calendar, '2027-02-15').getAttribute('aria-disabled')).to.equal('true');
    });

    it('speaks English when asked to', async () => {
      const calendar = await renderCalendar({ lang: 'en' });
      expect(calendar.querySelector('h3')?.textContent?.trim()).to.equal('December 2026');
      expect(cell(calendar, '2026-12-03').getAttribute('aria-label')).to.equal('Thursday, 3 December 2026, 7 free appointments');
      expect(cell(calendar, '2026-12-01').getAttribute('aria-label')).to.equal('Tuesday, 1 December 2026, in the past');
    });

    it('marks the selected day', async () => {
      const calendar = await renderCalendar({ selected: '2026-12-10' });
      const selected = [...calendar.querySelectorAll('[aria-selected="true"]')];
      expect(selected).to.deep.equal([cell(calendar, '2026-12-10')]);
    });

    it('explains its marks in words below the grid', async () => {
      const calendar = await renderCalendar();
      const legend = calendar.querySelector('table ~ ul')?.textContent ?? '';
      expect(legend).to.contain('Termine frei').and.to.contain('Nicht buchbar');
    });

    it('has no accessibility violations', async () => {
      const calendar = await renderCalendar({ selected: '2026-12-10' });
      await expectNoAxeViolations(calendar);
    });

    it('has no accessibility violations while loading', async () => {
      const calendar = await renderCalendar({ loading: true });
      await expectNoAxeViolations(calendar);
    });
  });

  describe('tab stop', () => {
    it('is the first bookable day when none is selected', async () => {
      const calendar = await renderCalendar();
      expect(tabStops(calendar)).to.deep.equal(['2026-12-03']);
    });

    it('is the selected day', async () => {
      const calendar = await renderCalendar({ selected: '2026-12-10' });
      expect(tabStops(calendar)).to.deep.equal(['2026-12-10']);
    });

    it('is today when nothing is bookable, and the first of the month in later months', async () => {
      const calendar = await renderCalendar({ available: new Map() });
      expect(tabStops(calendar)).to.deep.equal([TODAY]);
      calendar.month = '2027-01';
      await calendar.updateComplete;
      expect(tabStops(calendar)).to.deep.equal(['2027-01-01']);
    });

    it('is reached with Tab from the month buttons', async () => {
      const calendar = await renderCalendar({ selected: '2026-12-10' });
      navButtons(calendar).next.focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedDate()).to.equal('2026-12-10');
    });
  });

  describe('keyboard', () => {
    it('moves by day, week and to the ends of the week, and the tab stop follows', async () => {
      const calendar = await renderCalendar();
      cell(calendar, '2026-12-10').focus();
      const steps: [string, string][] = [
        ['ArrowRight', '2026-12-11'],
        ['ArrowLeft', '2026-12-10'],
        ['ArrowDown', '2026-12-17'],
        ['ArrowUp', '2026-12-10'],
        ['Home', '2026-12-07'],
        ['End', '2026-12-13'],
      ];
      for (const [key, expected] of steps) {
        await press(calendar, key);
        expect(focusedDate(), key).to.equal(expected);
        expect(tabStops(calendar), key).to.deep.equal([expected]);
      }
    });

    it('stops Home and End at the edges of the month', async () => {
      const calendar = await renderCalendar();
      cell(calendar, '2026-12-02').focus();
      await press(calendar, 'Home');
      expect(focusedDate()).to.equal('2026-12-01');
      cell(calendar, '2026-12-29').focus();
      await press(calendar, 'End');
      expect(focusedDate()).to.equal('2026-12-31');
    });

    it('moves by month with PageDown/PageUp and keeps focus on the same day once the month is shown', async () => {
      const calendar = await renderCalendar();
      const requested = followMonthChanges(calendar);
      cell(calendar, '2026-12-10').focus();
      await press(calendar, 'PageDown');
      await calendar.updateComplete;
      expect(requested).to.deep.equal(['2027-01']);
      expect(focusedDate()).to.equal('2027-01-10');
      await press(calendar, 'PageUp');
      await calendar.updateComplete;
      expect(requested).to.deep.equal(['2027-01', '2026-12']);
      expect(focusedDate()).to.equal('2026-12-10');
    });

    it('crosses month edges with the arrow keys', async () => {
      const calendar = await renderCalendar();
      const requested = followMonthChanges(calendar);
      cell(calendar, '2026-12-31').focus();
      await press(calendar, 'ArrowRight');
      await calendar.updateComplete;
      expect(focusedDate()).to.equal('2027-01-01');
      expect(calendar.querySelector('h3')?.textContent?.trim()).to.equal('Januar 2027');
      await press(calendar, 'ArrowUp');
      await calendar.updateComplete;
      expect(focusedDate()).to.equal('2026-12-25');
      expect(requested).to.deep.equal(['2027-01', '2026-12']);
    });

    it('waits for the parent to show the new month before moving focus', async () => {
      const calendar = await renderCalendar();
      cell(calendar, '2026-12-31').focus();
      const request = oneEvent(calendar, 'tb-month-change');
      await sendKeys({ press: 'ArrowDown' });
      expect((await request).detail.month).to.equal('2027-01');
      calendar.month = '2027-01';
      await calendar.updateComplete;
      expect(focusedDate()).to.equal('2027-01-07');
    });

    it('does not leave the months that can be booked', async () => {
      const calendar = await renderCalendar();
      const requested = followMonthChanges(calendar);
      cell(calendar, '2026-12-01').focus();
      await press(calendar, 'ArrowLeft');
      await press(calendar, 'PageUp');
      expect(focusedDate()).to.equal('2026-12-01');
      await pressWithShift(calendar, 'PageDown');
      expect(focusedDate()).to.equal('2026-12-01');
      expect(requested).to.deep.equal([]);
    });

    it('moves a year with Shift+PageUp/PageDown where the horizon allows it', async () => {
      const calendar = await fixture<Calendar>(html`<tb-calendar
        .messages=${catalogs.de}
        .month=${'2026-12'}
        .available=${AVAILABLE}
        .today=${TODAY}
        .lastBookable=${'2028-01-31'}
      ></tb-calendar>`);
      const requested = followMonthChanges(calendar);
      cell(calendar, '2026-12-10').focus();
      await pressWithShift(calendar, 'PageDown');
      await calendar.updateComplete;
      expect(focusedDate()).to.equal('2027-12-10');
      await pressWithShift(calendar, 'PageUp');
      await calendar.updateComplete;
      expect(focusedDate()).to.equal('2026-12-10');
      expect(requested).to.deep.equal(['2027-12', '2026-12']);
    });

    it('selects a bookable day with Enter and Space', async () => {
      const calendar = await renderCalendar();
      const selections = recordSelections(calendar);
      cell(calendar, '2026-12-03').focus();
      await press(calendar, 'Enter');
      await press(calendar, 'ArrowRight');
      await press(calendar, 'Space');
      expect(selections).to.deep.equal(['2026-12-03', '2026-12-04']);
    });

    it('lets unavailable days be reached but not selected', async () => {
      const calendar = await renderCalendar();
      const selections = recordSelections(calendar);
      cell(calendar, '2026-12-04').focus();
      await press(calendar, 'ArrowRight');
      expect(focusedDate()).to.equal('2026-12-05');
      await press(calendar, 'Enter');
      await press(calendar, 'Space');
      cell(calendar, '2026-12-02').click();
      expect(selections).to.deep.equal([]);
    });

    it('changes only the tab stop when focus moves, even when every day is bookable', async () => {
      const everyDay = new Map(Array.from({ length: 31 }, (_, index) => [`2026-12-${String(index + 1).padStart(2, '0')}`, 5]));
      const calendar = await fixture<Calendar>(html`<tb-calendar
        .messages=${catalogs.de}
        .month=${'2026-12'}
        .available=${everyDay}
        .today=${'2026-12-01'}
        .lastBookable=${LAST_BOOKABLE}
      ></tb-calendar>`);
      cell(calendar, '2026-12-15').focus();
      await calendar.updateComplete;
      const mutations: MutationRecord[] = [];
      const observer = new MutationObserver((records) => mutations.push(...records));
      observer.observe(calendar, { subtree: true, attributes: true, childList: true, characterData: true });
      await press(calendar, 'ArrowRight');
      mutations.push(...observer.takeRecords());
      observer.disconnect();
      expect(mutations.map((mutation) => `${(mutation.target as HTMLElement).dataset.date} ${mutation.attributeName}`)).to.have.members([
        '2026-12-15 tabindex',
        '2026-12-16 tabindex',
      ]);
    });
  });

  describe('pointer', () => {
    it('selects a bookable day on click', async () => {
      const calendar = await renderCalendar();
      const request = oneEvent(calendar, 'tb-day-select');
      cell(calendar, '2026-12-10').click();
      expect((await request).detail.date).to.equal('2026-12-10');
    });

    it('selects nothing while the month is loading', async () => {
      const calendar = await renderCalendar({ loading: true });
      const selections = recordSelections(calendar);
      expect(calendar.querySelector('table')?.getAttribute('aria-busy')).to.equal('true');
      cell(calendar, '2026-12-10').click();
      cell(calendar, '2026-12-10').focus();
      await press(calendar, 'Enter');
      expect(selections).to.deep.equal([]);
      expect(cell(calendar, '2026-12-02').getAttribute('aria-disabled')).to.equal('true');
      expect(cell(calendar, '2026-12-10').getAttribute('aria-label')).to.equal('Donnerstag, 10. Dezember 2026');
    });
  });

  describe('month buttons', () => {
    it('names the month they lead to', async () => {
      const calendar = await renderCalendar();
      const { previous, next } = navButtons(calendar);
      expect(previous.textContent?.trim()).to.equal('Vorheriger Monat, November 2026');
      expect(next.textContent?.trim()).to.equal('Nächster Monat, Januar 2027');
    });

    it('cannot go back before the current month', async () => {
      const calendar = await renderCalendar();
      const requested = followMonthChanges(calendar);
      const { previous, next } = navButtons(calendar);
      expect(previous.getAttribute('aria-disabled')).to.equal('true');
      previous.click();
      expect(requested).to.deep.equal([]);
      expect(next.getAttribute('aria-disabled')).to.equal('false');
      next.click();
      expect(requested).to.deep.equal(['2027-01']);
    });

    it('cannot go past the month of the last bookable day', async () => {
      const calendar = await renderCalendar({ month: '2027-02' });
      const requested = followMonthChanges(calendar);
      const { previous, next } = navButtons(calendar);
      expect(next.getAttribute('aria-disabled')).to.equal('true');
      next.click();
      expect(requested).to.deep.equal([]);
      previous.click();
      expect(requested).to.deep.equal(['2027-01']);
    });
  });
});
