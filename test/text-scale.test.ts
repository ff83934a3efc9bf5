import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MONDAY, pinClock, renderWidget } from './support/flow-driver.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';
import { bookTermin, closePage, expectBuiltBundle, openPage, type TestPage } from './pages/harness.js';
import type { TerminBuchen } from '../src/termin-buchen.js';

const CHROMIUM_DEFAULT_PX = 16;
/** The body text size of the design (KERN): 18 px at the browser's usual default. */
const BODY_PX = 18;

function sizes({ window, widgets: [widget] }: TestPage): { text: number; heading: number } {
  const px = (selector: string) => parseFloat(window.getComputedStyle(widget.shadowRoot!.querySelector(selector)!).fontSize);
  return { text: px('.intro'), heading: px('#step-heading') };
}

describe('text size and spacing chosen by the reader', () => {
  let page: TestPage | undefined;
  afterEach(async () => {
    closePage(page);
    page = undefined;
    document.documentElement.style.fontSize = '';
    await executeServerCommand('default-font-size', CHROMIUM_DEFAULT_PX);
  });
  after(stopMockBackend);
  // The first test page of a run loads the mock's unbundled modules (msw and its dependencies, hundreds of
  // files) through the dev server: about 20 s cold, 6 s for the second page, 1 s from then on. The widget
  // itself starts in well under a second. Without this warm-up the tests below timed out on that load,
  // not on anything the widget does; the warm-up gets the time such a first load needs, as in the
  // embedding tests.
  before(async function () {
    this.timeout(60_000);
    await expectBuiltBundle();
    closePage(await openPage('clean.html'));
    closePage(await openPage('clean.html'));
  });

  it("ignores a theme's root font size, which is not the reader's choice", async () => {
    const restoreClock = pinClock(MONDAY);
    await useMockBackend({ now: () => MONDAY });
    document.documentElement.style.fontSize = '62.5%';
    const el = await renderWidget();
    restoreClock();
    expect(parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.intro')!).fontSize)).to.equal(BODY_PX);
  });

  // A reader sets the size before a page loads, so each size gets a page of its own.
  it('follows the text size the reader set in the browser, text and headings alike', async () => {
    await expectBuiltBundle();
    page = await openPage('clean.html');
    const usual = sizes(page);
    expect(usual.text).to.equal(BODY_PX);
    closePage(page);

    await executeServerCommand('default-font-size', 24);
    page = await openPage('clean.html');
    const larger = sizes(page);
    expect(larger.text).to.equal(usual.text * 1.5);
    expect(larger.heading).to.equal(usual.heading * 1.5);
  });

  it("keeps every step within a phone's width at a large text size", async () => {
    await expectBuiltBundle();
    await executeServerCommand('default-font-size', 24);
    page = await openPage('clean.html', 360);
    const [widget] = page.widgets;
    const tooWide: string[] = [];
    await bookTermin(widget, (step) => {
      tooWide.push(...sticksOut(widget).map((element) => `${step}: ${element}`));
    });
    expect(tooWide).to.deep.equal([]);
  });
  it('keeps every step within a phone\'s width with the text spacing WCAG 1.4.12 lets readers set', async () => {
    await expectBuiltBundle();
    page = await openPage('clean.html', 320);
    const spacing = page.window.document.createElement('style');
    // What text-spacing tools put on the page; inside the shadow root it arrives by inheritance.
    spacing.textContent = 'termin-buchen { letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }';
    page.window.document.head.append(spacing);
    const [widget] = page.widgets;
    expect(page.window.getComputedStyle(widget.shadowRoot!.querySelector('.intro')!).letterSpacing).to.not.equal('normal');
    const tooWide: string[] = [];
    await bookTermin(widget, (step) => {
      tooWide.push(...sticksOut(widget).map((element) => `${step}: ${element}`));
    });
    expect(tooWide).to.deep.equal([]);
  });
});

/** Elements of the widget that reach past its right edge, which on a phone means scrolling sideways to read. */
function sticksOut(widget: TerminBuchen): string[] {
  const edge = widget.getBoundingClientRect().right + 0.5;
  return [...widget.shadowRoot!.querySelectorAll('*')]
    .filter((element) => element.getBoundingClientRect().right > edge)
    .map((element) => `${element.localName}.${[...element.classList].join('.')}`);
}
