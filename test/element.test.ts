import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../src/termin-buchen.js';

describe('<termin-buchen>', () => {
  it('is defined and renders into its shadow root', async () => {
    const el = await fixture(html`<termin-buchen api="/api"></termin-buchen>`);
    expect(customElements.get('termin-buchen')).to.exist;
    expect(el.shadowRoot).to.exist;
  });

  it('does not throw when its module is imported a second time', async () => {
    // A query string makes the browser evaluate the module a second time, like a second script tag.
    await import(new URL('../src/termin-buchen.ts?again', import.meta.url).href);
    expect(customElements.get('termin-buchen')).to.exist;
  });

  it("leaves the page's own lang alone and follows it", async () => {
    const wrapper = await fixture(html`<div lang="en-GB"><termin-buchen api="/api"></termin-buchen></div>`);
    const el = wrapper.querySelector('termin-buchen')!;
    await el.updateComplete;
    expect(el.hasAttribute('lang')).to.equal(false);
    expect(el.language).to.equal('en');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('lang')).to.equal('en');
  });

  it('hides the fallback content a webmaster put inside it, from sight and from screen readers', async () => {
    const el = await fixture(html`<termin-buchen api="/api"><p id="fallback">Termine auch telefonisch</p></termin-buchen>`);
    await (el as LitElement).updateComplete;
    const fallback = el.querySelector('#fallback')!;
    expect(fallback.getClientRects()).to.have.length(0);
    expect(JSON.stringify(await a11ySnapshot({}))).not.to.include('Termine auch telefonisch');
    expect(el.shadowRoot!.querySelector('section')).to.exist;
  });
});
