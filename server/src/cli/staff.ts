/**
 * `npm run server -- staff add <email> --role admin|clerk [--location ID …]`, `staff list`,
 * `staff remove <email>`, `staff password <email>`. Passwords come from standard input (typed without echo
 * on a terminal, or piped), never from the command line, where they would land in the shell history and in
 * every `ps` listing. Uses the same database settings as the server (DATABASE_URL, else DATA_DIR); with the
 * embedded database the server must be stopped first, since only one process may open its data directory.
 *
 * Messages never repeat an argument that could be a password typed in the wrong place.
 */
import { resolve } from 'node:path';
import * as z from 'zod';
import { DEFAULT_TOWN_FILE } from '../config/default-town.js';
import { loadTownFile } from '../config/load-town.js';
import { openDatabase } from '../store/open.js';
import {
  addStaffAccount, listStaffAccounts, MAX_STAFF_EMAIL_LENGTH, normalizeStaffEmail, removeStaffAccount, setStaffPassword, type StaffRole,
} from '../store/staff-accounts.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../staff/passwords.js';
import { readPassword } from './read-password.js';

export class UsageError extends Error {}

const USAGE = `Usage:
  npm run server -- staff add <email> --role admin|clerk [--location ID …]   (password from standard input)
  npm run server -- staff list
  npm run server -- staff remove <email>
  npm run server -- staff password <email>                                   (new password from standard input)`;

const COMMANDS = ['add', 'list', 'remove', 'password'] as const;
type Command = (typeof COMMANDS)[number];

/** As the login form reads it (trimmed, lower-cased, at most MAX_STAFF_EMAIL_LENGTH), so that the account can log in. */
const StaffEmail = z.string().transform(normalizeStaffEmail).pipe(z.email().max(MAX_STAFF_EMAIL_LENGTH));

interface Parsed {
  command: Command;
  email?: string;
  role?: StaffRole;
  locations: string[];
}

export function parseStaffArgs(args: readonly string[]): Parsed {
  const [command, ...rest] = args;
  if (!COMMANDS.includes(command as Command)) throw new UsageError(USAGE);
  const parsed: Parsed = { command: command as Command, locations: [] };
  let email: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index];
    if (arg === '--role') {
      const role = rest[++index];
      if (role !== 'admin' && role !== 'clerk') throw new UsageError(`--role must be admin or clerk, not "${(role ?? '').slice(0, 20)}"`);
      parsed.role = role;
    } else if (arg === '--location') {
      const first = rest[index + 1];
      if (!first || first.startsWith('--')) throw new UsageError('--location needs at least one location id');
      while (rest[index + 1] && !rest[index + 1].startsWith('--')) parsed.locations.push(...rest[++index].split(',').filter(Boolean));
    } else if (arg.startsWith('--')) {
      // Only the option's name: `--password=…` must not print the password.
      throw new UsageError(`Unknown option "${arg.split('=')[0].slice(0, 30)}"\n${USAGE}`);
    } else if (email === undefined && parsed.command !== 'list') {
      email = arg;
    } else if (parsed.command === 'list') {
      throw new UsageError('"staff list" takes no other argument.');
    } else {
      throw new UsageError(`Too many arguments. Passwords are never given on the command line: "staff ${parsed.command}" reads it from standard input.\n${USAGE}`);
    }
  }
  if (parsed.command !== 'list') {
    if (email === undefined) throw new UsageError(`An email address is required.\n${USAGE}`);
    const checked = StaffEmail.safeParse(email);
    // Not quoted back: a password typed in its place would end up on the screen and in logs.
    if (!checked.success) throw new UsageError(`The account's address is not an email address (at most ${MAX_STAFF_EMAIL_LENGTH} characters).`);
    parsed.email = checked.data;
  }
  return parsed;
}

async function newPassword(): Promise<string> {
  const password = await readPassword(`Passwort (mindestens ${MIN_PASSWORD_LENGTH} Zeichen): `);
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  // The login form reads no more than this; a longer password could never be typed in there.
  if (password.length > MAX_PASSWORD_LENGTH) throw new UsageError(`The password must have at most ${MAX_PASSWORD_LENGTH} characters.`);
  return hashPassword(password);
}

export async function runStaffCommand(args: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<void> {
  const parsed = parseStaffArgs(args);
  if (parsed.command === 'add') {
    if (!parsed.role) throw new UsageError('--role admin|clerk is required');
    if (parsed.role === 'admin' && parsed.locations.length > 0) throw new UsageError('An admin sees every location; --location is for clerks.');
    const town = loadTownFile(resolve(env.TOWN_CONFIG ?? DEFAULT_TOWN_FILE));
    const known = new Set(town.locations.map((location) => location.id));
    const unknown = parsed.locations.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`Unknown location ${unknown.map((id) => id.slice(0, 40)).join(', ')}; the town file has ${[...known].join(', ')}`);
    if (parsed.role === 'clerk' && parsed.locations.length === 0) throw new UsageError('A clerk needs at least one --location');
  } else if (parsed.role || parsed.locations.length > 0) {
    throw new UsageError(`"staff ${parsed.command}" takes no --role or --location.`);
  }
  // Read the password before opening the database, so that a slow typist holds no lock.
  const passwordHash = parsed.command === 'add' || parsed.command === 'password' ? await newPassword() : undefined;
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? 'data') });
  try {
    const email = parsed.email ?? '';
    switch (parsed.command) {
      case 'add':
        if (!(await addStaffAccount(db, { email, role: parsed.role!, locations: [...new Set(parsed.locations)], passwordHash: passwordHash! }, new Date()))) {
          throw new UsageError(`${email} already has an account; use "staff password" to change its password.`);
        }
        print(`Added ${parsed.role} ${email}${parsed.role === 'clerk' ? ` for ${[...new Set(parsed.locations)].join(', ')}` : ''}.`);
        break;
      case 'list':
        for (const account of await listStaffAccounts(db)) {
          print(`${account.email}\t${account.role}\t${account.role === 'admin' ? 'all locations' : account.locations.join(', ')}`);
        }
        break;
      case 'remove':
        if (!(await removeStaffAccount(db, email))) throw new UsageError(`No account for ${email}.`);
        print(`Removed ${email}; its sessions have ended.`);
        break;
      case 'password':
        if (!(await setStaffPassword(db, email, passwordHash!))) throw new UsageError(`No account for ${email}.`);
        print(`Password of ${email} changed; its sessions have ended.`);
        break;
    }
  } finally {
    await db.close();
  }
}

/** The entry from main.ts: usage mistakes print a message and exit with 2; other errors go to main's handler. */
export async function staffCli(args: readonly string[]): Promise<void> {
  try {
    await runStaffCommand(args, process.env, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  process.exit(0);
}
