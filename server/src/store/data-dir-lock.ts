/**
 * One process per embedded data directory. PGlite holds no lock across processes, and two processes on one
 * directory corrupt it, so `DATA_DIR/termin-buchen.lock` names its owner.
 *
 * A process id alone does not identify a process for long: after a crash and a restart (a container, a
 * reboot) the dead server's id is often handed to another process (npm's wrapper, a shell), and a lock
 * checked by id only would then refuse every start. So on Linux the file also records the owner's start time
 * (`/proc/<pid>/stat`, field 22, in clock ticks since boot) and the boot id
 * (`/proc/sys/kernel/random/boot_id`): a lock whose process id now runs with another start time, or that was
 * written before the last boot, is stale and taken over. Elsewhere (no `/proc`) the id is all there is.
 *
 * File format: one JSON line `{"pid":1234,"start":"207370","boot":"4b39…"}` (`start` and `boot` only where
 * they can be read). A file holding only a process id, as written by earlier versions, is still read; for
 * it, a process that started after the file was last written cannot be its owner.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

export const LOCK_FILE_NAME = 'termin-buchen.lock';

export class DataDirectoryInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}. PGlite allows one server process per data `
      + 'directory: stop the other process, or use PostgreSQL (DATABASE_URL) to run several.',
    );
  }
}

/**
 * Written into a data directory once `move-to-postgres` has copied it: from then on the town's bookings live in
 * PostgreSQL, and a server (or a staff command) started on the old directory by mistake would take bookings in
 * a second place. Deleting the file makes the directory usable again.
 */
export const MOVED_FILE_NAME = 'moved-to-postgres.txt';

export class DataDirectoryMoved extends Error {
  constructor(readonly dataDir: string, note: string) {
    super(
      `The embedded database in ${dataDir} was moved to PostgreSQL (${note}). Start with DATABASE_URL set. `
      + `To use this directory anyway (for example after going back to it), delete ${join(dataDir, MOVED_FILE_NAME)}.`,
    );
  }
}

/** Throws `DataDirectoryMoved` when `move-to-postgres` has marked the directory. */
export function refuseIfMoved(dataDir: string): void {
  const text = readIfPresent(join(dataDir, MOVED_FILE_NAME));
  if (text === undefined) return;
  // The first line only, and only as much of it as a note needs: the file is the operator's to edit.
  throw new DataDirectoryMoved(dataDir, text.split('\n')[0].trim().slice(0, 200) || 'see the file');
}

/** Marks the directory as moved; `note` says where to, and when (no personal data). */
export function markMoved(dataDir: string, note: string): void {
  writeFileSync(join(dataDir, MOVED_FILE_NAME), `${note}\n`
    + 'Written by npm run server -- move-to-postgres. While this file exists, no server or staff command opens this directory.\n');
}

const LockOwner = z.strictObject({
  pid: z.number().int().positive(),
  start: z.string().regex(/^\d{1,20}$/).optional(),
  boot: z.string().regex(/^[0-9a-f-]{1,64}$/).optional(),
});
type LockOwner = z.infer<typeof LockOwner>;

/** Clock ticks per second in `/proc` (USER_HZ): 100 on every architecture Node.js runs on with Linux. */
const USER_HZ = 100;
/** Slack between a lock file's modification time and a process's start, for the clocks' rounding. */
const START_SLACK_MS = 2_000;

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of `/proc/<pid>/stat`: when the process started, in clock ticks since boot. */
export function processStartTicks(pid: number): string | undefined {
  const stat = readIfPresent(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // Field 2 is the command name in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

export function currentBootId(): string | undefined {
  const id = readIfPresent('/proc/sys/kernel/random/boot_id')?.trim();
  return id && /^[0-9a-f-]{1,64}$/.test(id) ? id : undefined;
}

/** When `pid` started, in milliseconds since 1970 (from the boot time in `/proc/stat`); undefined where unknown. */
function processStartedAtMs(pid: number): number | undefined {
  const ticks = processStartTicks(pid);
  const bootSeconds = /^btime (\d+)$/m.exec(readIfPresent('/proc/stat') ?? '')?.[1];
  if (ticks === undefined || bootSeconds === undefined) return undefined;
  return Number(bootSeconds) * 1000 + (Number(ticks) * 1000) / USER_HZ;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function thisProcess(): LockOwner {
  const start = processStartTicks(process.pid);
  const boot = currentBootId();
  return { pid: process.pid, ...(start ? { start } : {}), ...(boot ? { boot } : {}) };
}

/** The owner named by a lock file's text: the JSON line, or a bare process id (earlier versions); else undefined. */
export function parseLockFile(text: string): (LockOwner & { legacy: boolean }) | undefined {
  const trimmed = text.trim();
  if (/^\d{1,10}$/.test(trimmed)) {
    const pid = Number(trimmed);
    return pid > 0 ? { pid, legacy: true } : undefined;
  }
  try {
    const parsed = LockOwner.safeParse(JSON.parse(trimmed));
    return parsed.success ? { ...parsed.data, legacy: false } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that wrote the lock still runs. `writtenAtMs`: the file's modification time. When in
 * doubt (nothing but a running process id to go by), the answer is yes: refusing a start is safe, two
 * processes on one directory are not.
 */
export function lockOwnerIsAlive(owner: LockOwner & { legacy: boolean }, writtenAtMs: number): boolean {
  const me = thisProcess();
  if (owner.pid === process.pid) {
    // This very process holds it (a second open of the directory), or an earlier process with the same id
    // (a container restarted: its server often gets the same small id again).
    return owner.start !== undefined && owner.start === me.start && owner.boot === me.boot;
  }
  if (!isRunning(owner.pid)) return false;
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return false;
  if (owner.start !== undefined) {
    const start = processStartTicks(owner.pid);
    // Unreadable (another platform, /proc mounted with hidepid): the running id must do.
    return start === undefined || start === owner.start;
  }
  const startedAt = processStartedAtMs(owner.pid);
  return startedAt === undefined || startedAt <= writtenAtMs + START_SLACK_MS;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Creates `lockFile` with `content` in one step, or fails with EEXIST: nobody ever reads it half written. */
function createAtomically(lockFile: string, content: string): void {
  const temporary = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    linkSync(temporary, lockFile);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    // A file system without hard links: exclusive create, then write (a reader may see it empty for a moment).
    writeFileSync(lockFile, content, { flag: 'wx' });
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Takes the lock of `dataDir` for this process, taking over a stale one. Returns the function that releases
 * it; throws `DataDirectoryInUse` while a live owner holds it.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const lockFile = join(dataDir, LOCK_FILE_NAME);
  const content = `${JSON.stringify(thisProcess())}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      createAtomically(lockFile, content);
      return () => {
        // Only our own lock: after a takeover by someone else (it judged us dead), the file is theirs.
        if (readIfPresent(lockFile) === content) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    let found: string;
    let writtenAtMs: number;
    try {
      found = readFileSync(lockFile, 'utf8');
      writtenAtMs = statSync(lockFile).mtimeMs;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    const owner = parseLockFile(found);
    if (owner && lockOwnerIsAlive(owner, writtenAtMs)) throw new DataDirectoryInUse(dataDir, owner.pid);
    // Stale. Move it aside rather than delete it, and check that what was moved is what was judged: another
    // process may have taken the lock over in between, and its fresh lock must not be deleted.
    const aside = `${lockFile}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(lockFile, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw error;
    }
    if (readIfPresent(aside) !== found) {
      try {
        linkSync(aside, lockFile);
      } catch {
        // Someone created a lock meanwhile: the next attempt judges that one.
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      // already gone
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}: its lock file ${LOCK_FILE_NAME} keeps changing`);
}
