import { expect } from '@open-wc/testing';
import { TerminBuchen } from '../src/termin-buchen.js';

interface Named { name: string; privacy?: string; kind?: string; static?: boolean }
interface Declaration { tagName?: string; attributes?: Named[]; members?: Named[]; events?: Named[]; cssProperties?: Named[]; cssParts?: Named[] }

async function manifestDeclaration(): Promise<Declaration> {
  const response = await fetch('/custom-elements.json');
  if (!response.ok) throw new Error('custom-elements.json is missing: run "npm run build" before the tests.');
  const manifest = (await response.json()) as { modules: { declarations?: Declaration[] }[] };
  return manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'termin-buchen')!;
}

/** The backticked names in the first column of the table under `## <heading>` in docs/embedding.md. */
function documented(markdown: string, heading: string): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/embedding.md has no section "## ${heading}"`);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
}

const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name).sort();

describe('docs/embedding.md, custom-elements.json and the code', () => {
  let declaration: Declaration;
  let guide: string;
  before(async () => {
    declaration = await manifestDeclaration();
    guide = await (await fetch('/docs/embedding.md')).text();
  });

  it('list the same attributes, and the code observes exactly those', () => {
    expect(documented(guide, 'Attributes').sort()).to.deep.equal(names(declaration.attributes));
    expect([...TerminBuchen.observedAttributes].sort()).to.deep.equal(names(declaration.attributes));
  });

  it('list the same public properties', () => {
    const publicFields = declaration.members!.filter((member) => member.kind === 'field' && !member.privacy && !member.static);
    expect(documented(guide, 'Properties').sort()).to.deep.equal(names(publicFields));
  });

  it('list the same events, custom properties and parts', () => {
    expect(documented(guide, 'Events').sort()).to.deep.equal(names(declaration.events));
    expect(documented(guide, 'CSS custom properties').sort()).to.deep.equal(names(declaration.cssProperties));
    expect(documented(guide, 'CSS parts').sort()).to.deep.equal(names(declaration.cssParts));
  });

  it('documents only custom properties the stylesheet reads, and every event the code dispatches', async () => {
    const styles = [TerminBuchen.elementStyles].flat().map((style) => ('cssText' in style ? style.cssText : '')).join('\n');
    for (const property of names(declaration.cssProperties)) expect(styles, property).to.include(`var(${property}`);
    // The built file holds every event name any part of the widget dispatches, booking and manage mode alike.
    const bundle = await (await fetch('/dist/termin-buchen.js')).text();
    const dispatched = [...new Set(bundle.match(/["'`]termin-[a-z-]+["'`]/g)!.map((name) => name.slice(1, -1)))].filter((name) => name !== 'termin-buchen');
    expect(names(declaration.events), 'documented and dispatched events').to.deep.equal(dispatched.sort());
  });
});
