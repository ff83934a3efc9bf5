/**
 * The embedded data directory's lock file: refused while its real owner runs, taken over when the process id
 * it names now belongs to another process (a crash, then a restart that handed the id to something else),
 * when it was written before the last boot, or when it is older than the process now running under its id.
 * Files written by earlier versions (a bare process id) are still read.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  currentBootId, DataDirectoryInUse, LOCK_FILE_NAME, lockDataDirectory, parseLockFile, processStartTicks,
} from '../src/store/data-dir-lock.js';
import { testDatabaseTargets } from './support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.js';

const cleanup: (() => unknown)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-lock-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A live process that is not a termin-buchen server, for a lock file to name. */
async function otherProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await once(child, 'spawn');
  cleanup.push(() => child.kill('SIGKILL'));
  return child as ChildProcess & { pid: number };
}

/** A process id that runs nothing: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

function writeLock(dir: string, content: string, writtenAt?: Date): void {
  const file = join(dir, LOCK_FILE_NAME);
  writeFileSync(file, content);
  if (writtenAt) utimesSync(file, writtenAt, writtenAt);
}

function readLock(dir: string) {
  return parseLockFile(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'));
}

const onLinux = existsSync('/proc/self/stat');

describe('the lock file, in one process', () => {
  it('reads both formats and rejects anything else', () => {
    assert.deepEqual(parseLockFile('1234'), { pid: 1234, legacy: true });
    assert.deepEqual(parseLockFile('1234\n'), { pid: 1234, legacy: true });
    assert.deepEqual(parseLockFile('{"pid":7,"start":"99","boot":"ab-cd"}\n'), { pid: 7, start: '99', boot: 'ab-cd', legacy: false });
    for (const bad of ['', '0', '-3', 'abc', '{"pid":"7"}', '{"pid":7,"start":"x"}', '{"pid":7,"extra":1}', '{']) {
      assert.equal(parseLockFile(bad), undefined, JSON.stringify(bad));
    }
  });

  it('records the process id, and on Linux its start time and the boot id; releasing removes the file', () => {
    const dir = tempDir();
    const release = lockDataDirectory(dir);
    const owner = readLock(dir);
    assert.equal(owner?.pid, process.pid);
    assert.equal(owner?.legacy, false);
    if (onLinux) {
      assert.match(owner?.start ?? '', /^\d+$/);
      assert.equal(owner?.start, processStartTicks(process.pid));
      assert.equal(owner?.boot, currentBootId());
    }
    assert.throws(() => lockDataDirectory(dir), DataDirectoryInUse, 'a second open in this same process is refused');
    release();
    assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), false);
  });

  it('refuses while the named process runs with the recorded start time, and takes over once the id runs another process', async () => {
    const dir = tempDir();
    const other = await otherProcess();
    const start = processStartTicks(other.pid);
    if (onLinux) assert.ok(start, 'the start time of a live process can be read');
    writeLock(dir, JSON.stringify({ pid: other.pid, start, boot: currentBootId() }));
    assert.throws(() => lockDataDirectory(dir), (error: unknown) => error instanceof DataDirectoryInUse && error.pid === other.pid);
    assert.equal(readLock(dir)?.pid, other.pid, 'the refused attempt left the lock alone');

    // The same id with another start time: the owner died and its id went to this process.
    writeLock(dir, JSON.stringify({ pid: other.pid, start: String(Number(start ?? 0) + 1), boot: currentBootId() }));
    if (onLinux) {
      const release = lockDataDirectory(dir);
      assert.equal(readLock(dir)?.pid, process.pid);
      release();
    }
  });

  it('takes over a lock written before the last boot, even when its id runs now', async () => {
    const dir = tempDir();
    const other = await otherProcess();
    writeLock(dir, JSON.stringify({ pid: other.pid, start: processStartTicks(other.pid), boot: '00000000-0000-0000-0000-000000000000' }));
    if (!onLinux) {
      // Without /proc there is no boot id to compare: the running id is respected.
      assert.throws(() => lockDataDirectory(dir), DataDirectoryInUse);
      return;
    }
    const release = lockDataDirectory(dir);
    assert.equal(readLock(dir)?.pid, process.pid);
    release();
  });

  it('reads an old lock file holding only a process id', async () => {
    const dir = tempDir();
    writeLock(dir, String(await deadPid()));
    const release = lockDataDirectory(dir);
    assert.equal(readLock(dir)?.pid, process.pid, 'a dead id is taken over');
    release();

    const other = await otherProcess();
    writeLock(dir, `${other.pid}\n`);
    assert.throws(() => lockDataDirectory(dir), DataDirectoryInUse, 'a running id that may have written the file is respected');
    if (onLinux) {
      // Written an hour before that process started: it cannot be the writer.
      writeLock(dir, `${other.pid}\n`, new Date(Date.now() - 3_600_000));
      const again = lockDataDirectory(dir);
      assert.equal(readLock(dir)?.pid, process.pid);
      again();
    }
  });

  it('does not remove a lock another process took over meanwhile', () => {
    const dir = tempDir();
    const release = lockDataDirectory(dir);
    const someoneElse = JSON.stringify({ pid: 1, start: '1', boot: currentBootId() });
    writeLock(dir, someoneElse);
    release();
    assert.equal(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'), someoneElse);
  });
});

describe('the lock file, across processes', () => {
  it('lets exactly one of several processes racing for a stale lock take it', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    writeLock(dir, String(await deadPid()));
    const go = join(dir, 'go');
    const script = `
      import { existsSync } from 'node:fs';
      import { lockDataDirectory } from ${JSON.stringify(fileURLToPath(new URL('../src/store/data-dir-lock.ts', import.meta.url)))};
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 5));
      try { lockDataDirectory(${JSON.stringify(dir)}); console.log('locked'); await new Promise((r) => setTimeout(r, 3000)); }
      catch (error) { console.log(/in use by process/.test(error.message) ? 'refused' : 'error ' + error.message); }
    `;
    const racers = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      cleanup.push(() => child.kill('SIGKILL'));
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      return once(child, 'exit').then(() => output.trim());
    });
    // Let them all start and wait at the barrier (tsx takes a while on a busy machine).
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    writeFileSync(go, '');
    const results = await Promise.all(racers);
    assert.equal(results.filter((result) => result === 'locked').length, 1, results.join(', '));
    assert.equal(results.filter((result) => result === 'refused').length, 5, results.join(', '));
  });

  const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

  it('refuses a second server while the first runs, and after a SIGKILL starts even though the id now runs another program', { timeout: 180_000 }, async () => {
    const database = await embedded.create();
    cleanup.push(() => database.dispose());
    const dataDir = (database.target as { dataDir: string }).dataDir;
    const env = { DATA_DIR: dataDir };
    const servers: ServerProcess[] = [];
    cleanup.push(() => Promise.all(servers.map((server) => stopServerProcess(server, 'SIGKILL'))));

    const first = await startServerProcess(env);
    servers.push(first);
    const owner = readLock(dataDir);
    assert.equal(owner?.pid, first.child.pid, 'the lock names the server');
    if (onLinux) assert.equal(owner?.start, processStartTicks(first.child.pid!));
    await assert.rejects(startServerProcess(env), (error: Error) => {
      assert.match(error.message, /exited \(1\)/);
      assert.match(error.message, new RegExp(`The data directory .* is in use by process ${first.child.pid}\\. PGlite allows one server process`));
      return true;
    });

    assert.equal(await stopServerProcess(first, 'SIGKILL'), 'SIGKILL');
    const left = readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8');
    assert.equal(parseLockFile(left)?.pid, first.child.pid, 'a killed server leaves its lock behind');
    // The killed server's id now belongs to another program: same file, only the id replaced.
    const other = await otherProcess();
    writeLock(dataDir, left.replace(`"pid":${first.child.pid}`, `"pid":${other.pid}`));
    assert.equal(readLock(dataDir)?.pid, other.pid);

    if (onLinux) {
      const second = await startServerProcess(env);
      servers.push(second);
      assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
      assert.equal(readLock(dataDir)?.pid, second.child.pid, 'the new server took the lock over');
      assert.equal(await stopServerProcess(second), 0);
      assert.equal(existsSync(join(dataDir, LOCK_FILE_NAME)), false, 'a clean stop removes the lock');
    } else {
      await assert.rejects(startServerProcess(env), /in use by process/);
    }
  });
});
