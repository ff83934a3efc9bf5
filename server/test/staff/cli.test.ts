/**
 * `npm run server -- staff …` as operators run it: a child process on a real database (the embedded one in a
 * data directory, and PostgreSQL), the password on standard input. Accounts it makes log in on the staff pages
 * over HTTP; a new password ends the account's sessions and the old password; a removed account cannot log in.
 * Mistakes get a clear message and a non-zero exit and change nothing, and the password never shows up in the
 * output or the process's arguments.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { databaseEnv, runCli, startCli } from '../support/cli-process.js';
import { testDatabaseTargets, type TestDatabase } from '../support/databases.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../support/server-process.js';
import { StaffClient } from './support.js';

const ADMIN = 'it@musterstadt.example';
const CLERK = 'Anna.Schmidt@Musterstadt.example';
const ADMIN_PASSWORD = 'admin-passwort-7Hq2x';
const CLERK_PASSWORD = 'erstes passwort äöü 1';
const NEW_PASSWORD = 'zweites-passwort-Kd83';

async function waitFor(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function assertNoPassword(text: string, ...passwords: string[]): void {
  for (const password of passwords) assert.ok(!text.includes(password), `"${password}" does not appear`);
  assert.doesNotMatch(text, /scrypt\$/, 'no password hash either');
}

for (const target of testDatabaseTargets()) {
  describe(`the staff command on ${target.name}`, () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    const servers: ServerProcess[] = [];
    before(async () => {
      database = await target.create();
      env = databaseEnv(database.target);
    });
    after(async () => {
      await Promise.all(servers.map((server) => stopServerProcess(server, 'SIGKILL')));
      await database?.dispose();
    });

    const list = async () => {
      const listed = await runCli(['staff', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      return listed.stdout;
    };

    it('adds accounts with the password from standard input, never from the arguments', { timeout: 120_000 }, async () => {
      const adding = startCli(['staff', 'add', ADMIN, '--role', 'admin'], env);
      // Waiting for the password: what anyone on the machine sees of the process (ps) holds none.
      const pid = adding.child.pid!;
      await waitFor('the command to start', () => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('staff');
        } catch {
          return adding.child.exitCode !== null || process.platform !== 'linux';
        }
      });
      if (process.platform === 'linux') {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        assert.deepEqual(cmdline.slice(-6, -1), ['staff', 'add', ADMIN, '--role', 'admin']);
        assertNoPassword(cmdline.join(' '), ADMIN_PASSWORD);
      }
      adding.child.stdin!.end(`${ADMIN_PASSWORD}\n`);
      const added = await adding.result;
      assert.equal(added.code, 0, added.stderr);
      assert.equal(added.stdout, `Added admin ${ADMIN}.\n`);
      assertNoPassword(added.stdout + added.stderr, ADMIN_PASSWORD);

      const clerk = await runCli(['staff', 'add', CLERK, '--role', 'clerk', '--location', 'rathaus', 'nord'], env, `${CLERK_PASSWORD}\r\n`);
      assert.equal(clerk.code, 0, clerk.stderr);
      assert.equal(clerk.stdout, 'Added clerk anna.schmidt@musterstadt.example for rathaus, nord.\n');
      assertNoPassword(clerk.stdout + clerk.stderr, CLERK_PASSWORD);

      const listed = await list();
      assert.equal(listed, `anna.schmidt@musterstadt.example\tclerk\trathaus, nord\n${ADMIN}\tadmin\tall locations\n`);
      assertNoPassword(listed, ADMIN_PASSWORD, CLERK_PASSWORD);
    });

    it('logs in on the staff pages with those accounts', { timeout: 120_000 }, async () => {
      const server = await startServerProcess(env);
      servers.push(server);
      const admin = new StaffClient(server.url);
      assert.equal((await admin.login(ADMIN, ADMIN_PASSWORD)).status, 303);
      assert.equal((await admin.get('/staff/audit')).status, 200, 'the admin reads the audit log');
      const clerk = new StaffClient(server.url);
      assert.equal((await clerk.login('anna.schmidt@musterstadt.example', CLERK_PASSWORD)).status, 303, 'the password arrived without the line end');
      const day = await clerk.get('/staff/day');
      assert.equal(day.status, 200);
      assert.equal((await clerk.get('/staff/audit')).status, 403, 'a clerk is no admin');
      assert.equal((await new StaffClient(server.url).login(ADMIN, CLERK_PASSWORD)).status, 401, 'a wrong password is refused');

      if (target.name === 'embedded') {
        // One process per data directory: the command says so while the server runs.
        const refused = await runCli(['staff', 'list'], env);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, new RegExp(`^The data directory .* is in use by process ${server.child.pid}\\.`));
        assert.equal(await stopServerProcess(server), 0);
      }

      const changed = await runCli(['staff', 'password', 'ANNA.schmidt@musterstadt.example'], env, `${NEW_PASSWORD}\n`);
      assert.equal(changed.code, 0, changed.stderr);
      assert.equal(changed.stdout, 'Password of anna.schmidt@musterstadt.example changed; its sessions have ended.\n');
      assertNoPassword(changed.stdout + changed.stderr, NEW_PASSWORD, CLERK_PASSWORD);
      const removed = await runCli(['staff', 'remove', ADMIN], env);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal(removed.stdout, `Removed ${ADMIN}; its sessions have ended.\n`);
      assert.equal(await list(), 'anna.schmidt@musterstadt.example\tclerk\trathaus, nord\n');

      const running = target.name === 'embedded' ? await startServerProcess(env) : server;
      if (running !== server) servers.push(running);
      const oldSession = new StaffClient(running.url);
      oldSession.cookies = clerk.cookies;
      const ended = await oldSession.get('/staff/day');
      assert.equal(ended.status, 303, 'the session from before the new password has ended');
      assert.equal(ended.headers.get('Location'), '/staff/login');
      const removedSession = new StaffClient(running.url);
      removedSession.cookies = admin.cookies;
      assert.equal((await removedSession.get('/staff/day')).status, 303, "the removed admin's session has ended");
      assert.equal((await new StaffClient(running.url).login(CLERK, CLERK_PASSWORD)).status, 401, 'the old password no longer works');
      assert.equal((await new StaffClient(running.url).login(CLERK, NEW_PASSWORD)).status, 303, 'the new one does');
      assert.equal((await new StaffClient(running.url).login(ADMIN, ADMIN_PASSWORD)).status, 401, 'a removed account cannot log in');
      assert.equal(await stopServerProcess(running), 0);
    });

    it('refuses what the database contradicts with a non-zero exit, echoes no password and changes nothing', { timeout: 300_000 }, async () => {
      const before = await list();
      const secret = 'geheimes-passwort-123';
      for (const { args, input, message } of [
        { args: ['add', 'anna.schmidt@musterstadt.example', '--role', 'admin'], input: `${secret}\n`, message: /already has an account; use "staff password"/ },
        { args: ['remove', 'niemand@musterstadt.example'], message: /^No account for niemand@musterstadt\.example\.$/m },
        { args: ['password', 'niemand@musterstadt.example'], input: `${secret}\n`, message: /^No account for niemand@musterstadt\.example\.$/m },
      ]) {
        const result = await runCli(['staff', ...args], env, input);
        assert.equal(result.code, 2, `staff ${args.join(' ')}: exit 2 (${result.stderr})`);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
        assertNoPassword(result.stdout + result.stderr, secret);
      }
      assert.equal(await list(), before, 'no account changed');
    });
  });
}

describe('the staff command, given a mistake', () => {
  it('explains it with exit 2 before opening any database, and echoes no password', { timeout: 300_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'tb-staff-cli-')), 'data');
    const secret = 'geheimes-passwort-123';
    const cases: { args: string[]; input?: string; message: RegExp }[] = [
      { args: [], message: /^Usage:/ },
      { args: ['frobnicate'], message: /^Usage:/ },
      { args: ['add', 'keine-adresse', '--role', 'admin'], input: secret, message: /not an email address/ },
      { args: ['add', `${'a'.repeat(200)}@musterstadt.example`, '--role', 'admin'], input: secret, message: /not an email address/ },
      { args: ['add', 'neu@musterstadt.example'], input: secret, message: /--role admin\|clerk is required/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'boss'], input: secret, message: /--role must be admin or clerk, not "boss"/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'clerk'], input: secret, message: /A clerk needs at least one --location/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'clerk', '--location'], input: secret, message: /--location needs at least one location id/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'clerk', '--location', 'mond'], input: secret, message: /Unknown location mond; the town file has rathaus, nord/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin', '--location', 'rathaus'], input: secret, message: /An admin sees every location; --location is for clerks/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin', secret], input: secret, message: /Passwords are never given on the command line/ },
      { args: [secret], message: /^Usage:/ },
      { args: ['password', secret], input: secret, message: /not an email address/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin', `--password=${secret}`], input: secret, message: /Unknown option "--password"/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin'], input: 'zu-kurz\n', message: /at least 12 characters/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin'], input: '', message: /at least 12 characters/ },
      { args: ['add', 'neu@musterstadt.example', '--role', 'admin'], input: `${'x'.repeat(1001)}\n`, message: /at most 1000 characters/ },
      { args: ['list', 'extra'], message: /"staff list" takes no other argument/ },
      { args: ['remove', 'a@musterstadt.example', '--role', 'admin'], message: /"staff remove" takes no --role or --location/ },
      { args: ['remove'], message: /An email address is required/ },
    ];
    try {
      for (const { args, input, message } of cases) {
        const result = await runCli(['staff', ...args], { DATA_DIR: dataDir }, input);
        const what = `staff ${args.join(' ').slice(0, 80)}`;
        assert.equal(result.code, 2, `${what}: exit 2 (${result.stderr})`);
        assert.match(result.stderr, message, what);
        assert.equal(result.stdout, '', `${what}: nothing on standard output`);
        assertNoPassword(result.stdout + result.stderr, secret, 'zu-kurz', 'x'.repeat(20));
      }
      assert.equal(existsSync(dataDir), false, 'no database was opened (none was created)');
    } finally {
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });
});
