/**
 * Reads a town file and turns every problem in it into one line that names the file, the line and column,
 * the field's path and what is wrong, in words a town's IT department can act on without reading the code.
 * Field-by-field documentation: docs/server-town-file.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import * as z from 'zod';
import { Origin, TownConfig } from './town-schema.js';

/** One thing wrong with the configuration. `line` and `column` count from 1 and are absent outside a file. */
export interface TownFileProblem {
  line?: number;
  column?: number;
  /** Where in the town file, e.g. `locations[0].openingHours.mon[1]`; empty for the file as a whole. */
  path: string;
  message: string;
}

/**
 * Any problem with the town's configuration: the file (missing, unreadable, bad YAML, invalid content) or an
 * environment variable that overrides it. The message is complete on its own, one line per problem, so the
 * server can print it and exit.
 */
export class TownFileError extends Error {
  override readonly name = 'TownFileError';

  /** `source` is the file path as given, or the name of the environment variable. */
  constructor(
    readonly source: string,
    readonly problems: readonly TownFileProblem[],
  ) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    // A stack would point into this loader, never at the town file; keep it out of whatever prints the error.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Reads, parses and validates a town file. Throws a TownFileError listing every problem found. */
export function loadTownFile(path: string): TownConfig {
  const text = readTownFile(path);
  const lines = new LineCounter();
  // prettyErrors would add a multi-line source excerpt to each message; one line per problem reads better.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(line, 1), column: col };
  };

  // Only the first syntax error: the parser's later ones are mostly the same mistake seen from further down.
  const [syntaxError] = document.errors;
  if (syntaxError) {
    throw new TownFileError(path, [{ ...at(syntaxError.pos[0]), path: '', message: yamlMessage(syntaxError) }]);
  }
  if (document.contents === null) {
    throw new TownFileError(path, [{ line: 1, column: 1, path: '', message: 'the file is empty' }]);
  }

  const result = TownConfig.safeParse(document.toJS(), { error: plainMessage });
  if (result.success) return result.data;

  const problems: (TownFileProblem & { line: number; column: number })[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    for (const { path: fieldPath, message, unknownKey } of explain(issue)) {
      const place = locate(document, fieldPath, unknownKey);
      const problem = {
        ...at(place.offset),
        path: formatPath(fieldPath),
        message: unknownKey ? message : withFoundValue(message, place.node),
      };
      // A list shared through a YAML alias (`closures: *closures`) fails once per user; the fix is one line.
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new TownFileError(path, problems);
}

/**
 * Applies what the environment may override. Today that is `ALLOWED_ORIGINS` (comma-separated), which replaces
 * `allowedOrigins` so that one town file can serve a test and a production host. An empty or blank variable
 * counts as unset: deployment tools often pass `ALLOWED_ORIGINS=` when nobody set a value.
 */
export function applyEnvironmentOverrides(town: TownConfig, env: Readonly<Record<string, string | undefined>>): TownConfig {
  return withBookingPageUrl(withAllowedOrigins(town, env), env);
}

/** BOOKING_PAGE_URL replaces `bookingPageUrl`, the page the emails link to (a test system, a demo on another port). */
function withBookingPageUrl(town: TownConfig, env: Readonly<Record<string, string | undefined>>): TownConfig {
  const variable = 'BOOKING_PAGE_URL';
  const value = env[variable]?.trim();
  if (!value) return town;
  const parsed = TownConfig.shape.bookingPageUrl.safeParse(value);
  if (!parsed.success) throw new TownFileError(variable, [{ path: '', message: `"${value}": expected a web address starting with http:// or https://` }]);
  return { ...town, bookingPageUrl: parsed.data };
}

function withAllowedOrigins(town: TownConfig, env: Readonly<Record<string, string | undefined>>): TownConfig {
  const variable = 'ALLOWED_ORIGINS';
  const entries = (env[variable] ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return town;

  const problems: TownFileProblem[] = [];
  const allowedOrigins: string[] = [];
  for (const entry of entries) {
    const origin = Origin.safeParse(entry);
    if (origin.success) allowedOrigins.push(origin.data);
    else problems.push({ path: '', message: `entry "${entry}": ${origin.error.issues[0]?.message ?? 'not an origin'}` });
  }
  if (problems.length > 0) throw new TownFileError(variable, problems);
  return { ...town, allowedOrigins: [...new Set(allowedOrigins)] };
}

function formatProblem(source: string, { line, column, path, message }: TownFileProblem): string {
  const where = line === undefined ? source : `${source}, line ${line}${column === undefined ? '' : `, column ${column}`}`;
  return `${where}: ${path === '' ? '' : `${path}: `}${message}`;
}

function readTownFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const reason =
      code === 'ENOENT' ? `no such file (looked for ${resolve(path)})`
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'this is a folder, not a file'
      : error instanceof Error ? error.message
      : String(error);
    throw new TownFileError(path, [{ path: '', message: `cannot read the town file: ${reason}` }]);
  }
}

/** Plainer words for the mistakes people make most; the yaml package's own message otherwise. */
function yamlMessage(error: YAMLError): string {
  const known: Partial<Record<YAMLError['code'], string>> = {
    TAB_AS_INDENT: 'tabs are not allowed for indentation; indent with spaces',
    DUPLICATE_KEY: 'this field appears twice in the same block',
    MULTIPLE_DOCS: 'the file holds more than one YAML document (a second "---"); a town file is a single document',
  };
  let text = known[error.code] ?? error.message.replace(/ at line \d+, column \d+.*$/s, '');
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    text += ' (usually a line indented more or less than the lines around it)';
  } else if (error.code === 'MISSING_CHAR' && /quote/.test(text)) {
    text = 'a quoted text is never closed; look for its opening quote above this line';
  }
  return `YAML syntax error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/**
 * Plain wording for zod's built-in checks. Zod uses it only where the schema gives no message of its own,
 * so the schema's wording for its refinements (intervals, dates, ids) stays as written.
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? `expected ${issue.expected}`;
      if (missing) return `this field is required (${expected.replace(/^expected /, '')})`;
      const quoteHint = issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')
        ? '; put it in quotes so that YAML reads it as text'
        : '';
      return `${expected}, found ${describe(issue.input)}${quoteHint}`;
    }
    case 'invalid_value':
      return missing
        ? `this field is required (one of ${issue.values.join(', ')})`
        : `expected one of ${issue.values.join(', ')}, found ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      return `must be at least ${issue.minimum}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${issue.maximum} entries`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'expected a web address starting with http:// or https://';
      if (issue.format === 'email') return 'expected an email address';
      if (issue.format === 'date') return 'expected a date YYYY-MM-DD';
      return `not a valid ${issue.format}`;
    case 'invalid_union':
      // The only union in the town file is LocalizedText.
      return missing
        ? 'this field is required (a text, or a block with "de:" and optionally "en:")'
        : `expected a text, or a block with "de:" and optionally "en:", found ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'expected a text',
  number: 'expected a number',
  int: 'expected a whole number',
  boolean: 'expected true or false',
  object: 'expected a block of fields (name: value)',
  array: 'expected a list, e.g. [a, b] or lines starting with "- "',
  record: 'expected a block of fields (name: value)',
};

function describe(value: unknown): string {
  if (value === null) return 'nothing (the value is empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

interface Explained {
  path: PropertyKey[];
  message: string;
  /** Report at the field's name, not its value: the name is what is wrong. */
  unknownKey: boolean;
}

/** One problem per unknown field, placed on that field's own line rather than on the block around it. */
function explain(issue: z.core.$ZodIssue): Explained[] {
  if (issue.code !== 'unrecognized_keys') return [{ path: issue.path, message: issue.message, unknownKey: false }];
  const allowed = allowedKeysAt(issue.path);
  return issue.keys.map((key) => ({ path: [...issue.path, key], message: unknownKeyMessage(key, allowed), unknownKey: true }));
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const close = allowed.find((name) => name.toLowerCase() === key.toLowerCase())
    ?? allowed.find((name) => editDistance(name.toLowerCase(), key.toLowerCase()) <= (key.length > 4 ? 2 : 1));
  if (close !== undefined) return `unknown field "${key}"; did you mean "${close}"?`;
  if (allowed.length > 0) return `unknown field "${key}"; allowed here: ${allowed.join(', ')}`;
  return `unknown field "${key}"`;
}

/**
 * The field names the schema accepts at `path`, for the "did you mean" hint. Walks the public structure of
 * zod's classic schemas; anything it does not recognise just yields no hint.
 */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = TownConfig;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject && typeof segment === 'string') schema = schema.shape[segment];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum) return schema.keyType.options.map(String);
  return [];
}

/** Looks through defaults, optionals and transforms, and into the object branch of a union such as LocalizedText. */
function unwrap(schema: unknown): unknown {
  for (;;) {
    if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap();
    else if (schema instanceof z.ZodPipe) schema = schema.in;
    else if (schema instanceof z.ZodUnion) {
      const options: readonly unknown[] = schema.options;
      const structured = options.map(unwrap).find((option) => option instanceof z.ZodObject || option instanceof z.ZodRecord);
      return structured ?? schema;
    } else return schema;
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The node at `path` and the offset to report. A block value is reported at its field name (the line a reader
 * looks for); a field that is missing is reported at the field that should contain it.
 */
function locate(document: Document, path: readonly PropertyKey[], atKey: boolean): { offset: number; node?: Node } {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find(({ key }) => isScalar(key) && String(key.value) === String(segment));
      if (!pair) return { offset };
      const keyStart = rangeStart(pair.key) ?? offset;
      if (atKey && index === path.length - 1) return { offset: keyStart };
      const value = pair.value;
      const blockOrEmpty = (isCollection(value) && !value.flow) || (isScalar(value) && value.value === null) || value === null;
      offset = blockOrEmpty ? keyStart : rangeStart(value) ?? keyStart;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      return { offset };
    }
  }
  return isScalar(node) || isCollection(node) || isAlias(node) ? { offset, node } : { offset };
}

function rangeStart(node: unknown): number | undefined {
  return isScalar(node) || isCollection(node) || isAlias(node) ? node.range?.[0] : undefined;
}

/** Adds what the file actually says when the message does not quote it already, e.g. `(found "12:00-08:00")`. */
function withFoundValue(message: string, node: Node | undefined): string {
  if (!isScalar(node) || node.value === null || typeof node.source !== 'string') return message;
  const source = node.source;
  return source === '' || message.includes(source) ? message : `${message} (found "${source}")`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
