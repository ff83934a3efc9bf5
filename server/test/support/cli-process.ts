/**
 * The server's commands as operators run them: `node --import tsx server/src/main.ts <command> …` in a child
 * process (what `npm run server -- <command> …` runs), with its own environment and standard input.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../src/store/open.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  /** Exit code, or the signal's name. */
  code: number | string;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  result: Promise<CliResult>;
}

/** DATA_DIR or DATABASE_URL for a test database, with no other database setting inherited from the test's own environment. */
export function databaseEnv(target: DatabaseTarget): Record<string, string> {
  return 'databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : { DATA_DIR: target.dataDir };
}

/** Starts a command; `input` (when given) is written to its standard input, which is then closed. */
export function startCli(args: readonly string[], env: Record<string, string | undefined>, input?: string): CliProcess {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPOSITORY,
    env: { ...base, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  // A command that exits before reading its input closes the pipe: not an error of the test.
  child.stdin!.on('error', () => {});
  if (input !== undefined) child.stdin!.end(input);
  const result = once(child, 'close').then(([code, signal]) => ({ code: (code ?? signal) as number | string, stdout, stderr }));
  return { child, stdout: () => stdout, stderr: () => stderr, result };
}

/** Runs a command to its end. */
export function runCli(args: readonly string[], env: Record<string, string | undefined>, input?: string): Promise<CliResult> {
  return startCli(args, env, input ?? '').result;
}
