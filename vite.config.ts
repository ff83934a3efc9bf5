import { RolldownMagicString } from 'rolldown';
import { defineConfig, parseAst, type Plugin } from 'vite';

type Quasi = { start: number; end: number };
type Node = { type: string; [key: string]: unknown };

/** CSS: comments out, whitespace runs shortened, none left beside `{};:,`, no `;` before `}`. */
function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/**
 * A run of whitespace that spans lines renders like one space (no template sets `white-space: pre`),
 * so the source indentation of Lit templates need not ship.
 */
function minifyHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

const MINIFIERS: Record<string, (text: string) => string> = { css: minifyCss, html: minifyHtml, svg: minifyHtml };

function* taggedTemplates(node: unknown): Generator<{ tag: string; quasis: Quasi[] }> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* taggedTemplates(child);
    return;
  }
  const { type, tag, quasi } = node as Node & { tag?: Node & { name?: string }; quasi?: { quasis: Quasi[] } };
  if (type === 'TaggedTemplateExpression' && tag?.type === 'Identifier' && tag.name && quasi) {
    yield { tag: tag.name, quasis: quasi.quasis };
  }
  for (const value of Object.values(node)) if (value && typeof value === 'object') yield* taggedTemplates(value);
}

/** Shrinks the static parts of Lit's `html`, `svg` and `css` templates in our own sources. */
function minifyLitTemplates(): Plugin {
  return {
    name: 'termin-buchen:minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css|svg)`/.test(code)) return null;
      const magic = new RolldownMagicString(code);
      for (const { tag, quasis } of taggedTemplates(parseAst(code))) {
        const minify = MINIFIERS[tag];
        if (!minify) continue;
        for (const { start, end } of quasis) {
          const raw = code.slice(start, end);
          const small = minify(raw);
          if (small !== raw && end > start) magic.overwrite(start, end, small);
        }
      }
      return { code: magic };
    },
  };
}

export default defineConfig(({ command }) => ({
  // The demo (`npm start`) serves msw's worker from demo/public; the library build ships no public files.
  publicDir: command === 'serve' ? 'public' : false,
  plugins: [minifyLitTemplates()],
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    // One self-contained ES module: webmasters paste a single script tag, so nothing may stay external.
    lib: {
      entry: 'src/termin-buchen.ts',
      formats: ['es'],
      fileName: () => 'termin-buchen.js',
    },
    rolldownOptions: {
      external: [],
      output: { codeSplitting: false, minify: true, comments: false },
    },
  },
  server: { port: 5173, strictPort: false },
}));
