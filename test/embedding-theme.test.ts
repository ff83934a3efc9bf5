import { expect } from '@open-wc/testing';
import { bookTermin, closePage, expectBuiltBundle, openPage, renderedLook, type Step, type TestPage } from './pages/harness.js';

async function looksPerStep(page: TestPage): Promise<Map<Step, string[]>> {
  const looks = new Map<Step, string[]>();
  const [widget] = page.widgets;
  await bookTermin(widget, (step) => void looks.set(step, renderedLook(widget)));
  return looks;
}

describe('embedding into a page with hostile theme CSS', () => {
  const pages: TestPage[] = [];
  before(expectBuiltBundle);
  after(() => pages.forEach(closePage));

  it('looks the same at every step as on a clean page', async function () {
    this.timeout(40_000);
    const clean = await openPage('clean.html');
    pages.push(clean);
    const cleanLooks = await looksPerStep(clean);
    const hostile = await openPage('hostile.html');
    pages.push(hostile);
    const hostileLooks = await looksPerStep(hostile);

    expect([...hostileLooks.keys()]).to.deep.equal([...cleanLooks.keys()]);
    for (const [step, look] of cleanLooks) {
      const differences = look.flatMap((line, index) => (hostileLooks.get(step)![index] === line ? [] : [`${line}\n  became ${hostileLooks.get(step)![index]}`]));
      expect(differences, `${step} step: ${differences.length} elements look different\n${differences.slice(0, 5).join('\n')}`).to.have.length(0);
    }
  });
});
