import { expect } from '@open-wc/testing';
import { bookTermin, closePage, expectBuiltBundle, openPage, renderedLook, type Step, type TestPage } from './pages/harness.js';
import { comparePixels, screenshotWidget } from './pages/pixels.js';

/**
 * At most this share of a step's pixels may differ between the clean and the hostile page: room for the
 * hold countdown ticking between the two screenshots, not for one recoloured button (about 0.5 %).
 */
const MAX_DIFFERING_SHARE = 0.001;

interface StepLook {
  elements: string[];
  screenshot: Blob;
}

async function looksPerStep(page: TestPage): Promise<Map<Step, StepLook>> {
  const looks = new Map<Step, StepLook>();
  const [widget] = page.widgets;
  await bookTermin(widget, async (step) => {
    const screenshot = await screenshotWidget(page, widget);
    looks.set(step, { elements: renderedLook(widget), screenshot });
  });
  return looks;
}

describe('embedding into a page with hostile theme CSS', () => {
  const pages: TestPage[] = [];
  let cleanLooks: Map<Step, StepLook>;
  let hostileLooks: Map<Step, StepLook>;
  before(async function () {
    this.timeout(40_000);
    await expectBuiltBundle();
    const clean = await openPage('clean.html');
    pages.push(clean);
    cleanLooks = await looksPerStep(clean);
    const hostile = await openPage('hostile.html');
    pages.push(hostile);
    hostileLooks = await looksPerStep(hostile);
  });
  after(() => pages.forEach(closePage));

  it('walks through the same steps as on a clean page', () => {
    expect([...hostileLooks.keys()]).to.deep.equal([...cleanLooks.keys()]);
  });

  it('lays out and paints every element of every step as on a clean page', () => {
    for (const [step, { elements }] of cleanLooks) {
      const hostile = hostileLooks.get(step)!.elements;
      const differences = elements.flatMap((line, index) => (hostile[index] === line ? [] : [`${line}\n  became ${hostile[index]}`]));
      expect(differences, `${step} step: ${differences.length} elements look different\n${differences.slice(0, 5).join('\n')}`).to.have.length(0);
    }
  });

  it('shows the same pixels at every step as on a clean page', async () => {
    const shares: string[] = [];
    for (const [step, { screenshot }] of cleanLooks) {
      const { share, sizes } = await comparePixels(screenshot, hostileLooks.get(step)!.screenshot);
      if (share > MAX_DIFFERING_SHARE) shares.push(`${step}: ${(share * 100).toFixed(3)} % of the pixels differ (${sizes})`);
    }
    expect(shares, `more than ${MAX_DIFFERING_SHARE * 100} % of the pixels differ\n${shares.join('\n')}`).to.have.length(0);
  });
});
