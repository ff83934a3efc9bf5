import { expect, fixture, html } from '@open-wc/testing';
import type { Catalog } from '../src/api/schemas.js';
import '../src/termin-buchen.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';
import { bookTermin, citizen, closePage, expectBuiltBundle, openPage, waitFor, type TestPage } from './pages/harness.js';

describe('embedding under a strict Content Security Policy', () => {
  let page: TestPage | undefined;
  before(expectBuiltBundle);
  afterEach(() => closePage(page));

  it('books a Termin without a policy violation or console error', async function () {
    this.timeout(30_000);
    page = await openPage('csp.html');
    const [widget] = page.widgets;
    const booked = new Promise((resolve) => widget.addEventListener('termin-booked', resolve, { once: true }));

    const code = await bookTermin(widget);

    await booked;
    expect(code).to.not.equal('');
    expect(page.window.mockBackends['/api'].bookings).to.have.length(1);
    expect(page.window.embeddingProbe.violations).to.deep.equal([]);
    expect(page.window.embeddingProbe.errors).to.deep.equal([]);
  });
});

describe('embedding: what the widget leaves behind', () => {
  let page: TestPage | undefined;
  before(expectBuiltBundle);
  afterEach(() => closePage(page));

  it('talks only to its api, stores nothing and logs no personal data', async function () {
    this.timeout(30_000);
    page = await openPage('clean.html');
    const { window } = page;
    const api = new URL(page.widgets[0].api, window.location.href).href;
    const widgetScript = new URL('/dist/termin-buchen.js', window.location.href).href;

    await bookTermin(page.widgets[0]);

    const requested = window.performance.getEntriesByType('resource')
      .filter((entry) => entry.startTime >= window.widgetScriptsStart && entry.name !== widgetScript)
      .map((entry) => entry.name);
    expect(requested).to.not.be.empty;
    expect(requested.filter((url) => !url.startsWith(`${api}/`))).to.deep.equal([]);
    expect(window.embeddingProbe.storageWrites).to.deep.equal([]);
    expect(window.document.cookie).to.equal('');
    expect(window.localStorage.length + window.sessionStorage.length).to.equal(0);
    const personal = Object.values(citizen);
    expect(window.embeddingProbe.logs.filter((line) => personal.some((value) => line.includes(value)))).to.deep.equal([]);
  });
});

describe('embedding: two widgets on one page', () => {
  let page: TestPage | undefined;
  before(expectBuiltBundle);
  afterEach(() => closePage(page));

  it('loads the script twice without an error and books in one widget without touching the other', async function () {
    this.timeout(30_000);
    page = await openPage('two-widgets.html');
    const [townHall, district] = page.widgets;

    await bookTermin(district);

    expect(page.window.embeddingProbe.errors).to.deep.equal([]);
    expect(page.window.mockBackends['/bezirk/api'].bookings).to.have.length(1);
    expect(page.window.mockBackends['/api'].bookings).to.have.length(0);
    expect(townHall.shadowRoot!.querySelector('tb-services-step')).to.exist;
    expect(district.shadowRoot!.querySelector('h2')!.closest('[lang]')!.getAttribute('lang')).to.equal('en');
    expect(townHall.shadowRoot!.querySelector('h2')!.closest('[lang]')!.getAttribute('lang')).to.equal('de');
    expect(townHall.shadowRoot!.querySelector('h2')!.textContent).to.not.equal(district.shadowRoot!.querySelector('h2')!.textContent);
  });
});

describe('embedding: backend strings are text, never markup', () => {
  const markup = '<img src=x onerror="window.markupRan = true">';
  const hostile = (catalog: Catalog): Catalog => ({
    ...catalog,
    services: catalog.services.map((service) => ({ ...service, name: `${service.name} ${markup}`, description: `${markup} <b>fett</b>` })),
    locations: catalog.locations.map((location) => ({ ...location, name: `${location.name} ${markup}`, hint: `<script>window.markupRan = true</script>${markup}` })),
  });
  after(stopMockBackend);

  it('shows service names, descriptions and hints with their angle brackets at every step', async function () {
    this.timeout(20_000);
    await useMockBackend({ catalog: hostile });
    const widget = await fixture<HTMLElementTagNameMap['termin-buchen']>(html`<termin-buchen api="/api"></termin-buchen>`);
    const seen: string[] = [];

    await bookTermin(widget, async (step) => {
      await waitFor(() => widget.shadowRoot!.textContent!.includes(step === 'services' || step === 'location' ? markup : ''), `the ${step} step`);
      if (widget.shadowRoot!.textContent!.includes(markup)) seen.push(step);
      expect(widget.shadowRoot!.querySelectorAll('img, b, script, [onerror]'), `markup rendered at ${step}`).to.have.length(0);
    });

    expect(seen).to.include.members(['services', 'location', 'review', 'done']);
    expect((window as Window & { markupRan?: boolean }).markupRan).to.equal(undefined);
  });
});
