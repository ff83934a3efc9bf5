/** Town files for server processes under test: the demo town, changed as a test needs, in a temp file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_TOWN_FILE } from '../../src/config/default-town.js';

type RawTown = Record<string, unknown> & { locations: Record<string, unknown>[]; rules?: Record<string, unknown> };

/** Writes the demo town, after `change`, to a fresh file; returns its path and a way to remove it. */
export function writeTownFile(change: (town: RawTown) => void = () => {}): { path: string; remove(): void } {
  const town = parse(readFileSync(DEFAULT_TOWN_FILE, 'utf8')) as RawTown;
  change(town);
  const dir = mkdtempSync(join(tmpdir(), 'tb-town-'));
  const path = join(dir, 'town.yaml');
  writeFileSync(path, stringify(town));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
