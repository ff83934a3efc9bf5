// Bundle size figures: raw, gzip and brotli bytes, and which dependency the minified bytes come from.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((char, index) => [char, index]));

/** The packages the issue asks about; any other source counts under its own package name. */
const GROUPS = [
  { name: 'lit', test: /node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\// },
  { name: 'zod', test: /node_modules\/zod\// },
  { name: 'date-fns', test: /node_modules\/(date-fns|@date-fns\/tz)\// },
  { name: 'own code', test: /(^|\/)src\// },
];

function groupOf(source) {
  const known = GROUPS.find((group) => group.test.test(source));
  if (known) return known.name;
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return pkg ? pkg[1] : 'other';
}

/** Decodes one line of source-map mappings into [generatedColumn, sourceIndex | undefined] pairs. */
function* segments(line, state) {
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64_VALUE.get(char);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0];
    if (fields.length >= 4) state.source += fields[1];
    yield [column, fields.length >= 4 ? state.source : undefined];
  }
}

/**
 * Attributes every byte of the minified output to the source its mapping segment points at; a segment
 * reaches up to the next one on the same line. Bytes before the first segment or without a source are
 * `unmapped` (glue the bundler wrote itself).
 */
export function attributeBytes(code, map) {
  const bySource = new Map();
  const add = (source, text) => {
    const entry = bySource.get(source) ?? [];
    entry.push(text);
    bySource.set(source, entry);
  };
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  const state = { source: 0 };
  lines.forEach((text, lineIndex) => {
    const found = [...segments(mappingLines[lineIndex] ?? '', state)];
    let previousEnd = 0;
    found.forEach(([column, source], index) => {
      if (index === 0 && column > 0) add('unmapped', text.slice(0, column));
      const end = index + 1 < found.length ? found[index + 1][0] : text.length;
      add(source === undefined ? 'unmapped' : map.sources[source], text.slice(column, end));
      previousEnd = end;
    });
    if (found.length === 0) add('unmapped', text);
    else if (previousEnd < text.length) add('unmapped', text.slice(previousEnd));
  });
  const groups = new Map();
  for (const [source, parts] of bySource) {
    const name = source === 'unmapped' ? 'unmapped' : groupOf(source);
    const group = groups.get(name) ?? { name, bytes: 0, text: '', sources: [] };
    const text = parts.join('');
    group.bytes += Buffer.byteLength(text);
    group.text += text;
    group.sources.push({ source, bytes: Buffer.byteLength(text) });
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

export const gzipBytes = (text) => gzipSync(text, { level: 9 }).length;
export const brotliBytes = (text) =>
  brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Size of the bundle and each dependency's share, from the bundle and its source map. */
export function measureBundle(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const raw = Buffer.byteLength(code);
  const gzip = gzipBytes(code);
  const shares = attributeBytes(code, map).map(({ name, bytes, text, sources }) => ({
    name,
    bytes,
    share: bytes / raw,
    // Compressing each part on its own overstates it a little (no shared dictionary), so the gzip
    // share is the raw share applied to the whole bundle's gzip size; the standalone size is for scale.
    gzipEstimate: Math.round((bytes / raw) * gzip),
    gzipAlone: gzipBytes(text),
    sources: sources.sort((a, b) => b.bytes - a.bytes),
  }));
  return { file, raw, gzip, brotli: brotliBytes(code), shares };
}
