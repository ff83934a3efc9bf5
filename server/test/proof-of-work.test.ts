/**
 * `rules.proofOfWork`: GET /challenge issues an ALTCHA v2 challenge, POST /holds needs it solved in `proof`,
 * once. Solved here with altcha-lib's own solver and with the widget's (src/api/proof-of-work.ts), on every
 * test database; two server processes on one PostgreSQL share the key and the record of spent proofs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { Catalog, Hold, Problem } from '../../src/api/schemas.js';
import { ProofOfWorkChallenge, solveProofOfWork } from '../../src/api/proof-of-work.js';
import { issueChallenge, PROOF_OF_WORK } from '../src/domain/proof-of-work.js';
import { runHousekeeping } from '../src/jobs.js';
import { startServer, type RunningServer } from '../src/server.js';
import { freeSlots, JSON_HEADERS } from './support/booking-client.js';
import { conformanceTown, TestClock } from './support/contract-targets.js';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';

const DAY = '2026-12-03';
const clock = new TestClock('2026-12-02T09:00:00+01:00');

function start(database: TestDatabase, proofOfWork: boolean): Promise<RunningServer> {
  const town = conformanceTown();
  return startServer({
    town: { ...town, rules: { ...town.rules, proofOfWork } },
    database: database.target,
    host: '127.0.0.1',
    port: 0,
    rateLimits: { holds: { limit: 1000, windowSeconds: 60 }, lookups: { limit: 1000, windowSeconds: 60 } },
    clientIdentity: { trustProxy: false },
    now: clock.now,
    log: () => {},
    outbox: { intervalMs: 3_600_000 },
  });
}

async function challengeFrom(base: string): Promise<Challenge> {
  const response = await fetch(`${base}/api/v1/challenge`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('Cache-Control'), 'no-store');
  return (await response.json()) as Challenge;
}

/** altcha-lib's own solver, as a widget built on it would answer. */
async function solvedByAltcha(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution, 'altcha-lib solved it');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function hold(base: string, start: string, proof?: unknown): Promise<Response> {
  return fetch(`${base}/api/v1/holds`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 }], start, ...(proof === undefined ? {} : { proof }) }),
  });
}

async function problemCode(response: Response): Promise<string> {
  assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
  return Problem.parse(await response.json()).code;
}

/** Changes one hex digit of the derived key: a wrong answer with a well-formed shape. */
function tampered(proof: string): string {
  const payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as { solution: { derivedKey: string } };
  payload.solution.derivedKey = payload.solution.derivedKey.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

for (const target of testDatabaseTargets()) {
  describe(`proof-of-work on ${target.name}`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let slots: string[];
    let nextSlot = 0;
    /** A free time no other test of this suite uses. */
    const slot = () => slots[nextSlot++];

    before(async () => {
      database = await target.create();
      server = await start(database, true);
      slots = (await freeSlots(server.url, 'rathaus', DAY)).map(({ start: begin }) => begin);
      assert.ok(slots.length >= 12, 'enough free times for the suite');
    });
    after(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('the catalog says so, and GET /challenge issues a signed PBKDF2 challenge the widget accepts', async () => {
      const catalog = Catalog.parse(await (await fetch(`${server.url}/api/v1/catalog`)).json());
      assert.equal(catalog.proofOfWork, true);

      const challenge = await challengeFrom(server.url);
      const { parameters } = ProofOfWorkChallenge.parse(challenge);
      assert.equal(parameters.algorithm, PROOF_OF_WORK.algorithm);
      assert.equal(parameters.cost, PROOF_OF_WORK.cost);
      assert.match(String(parameters.keySignature), /^[0-9a-f]{64}$/);
      assert.match(challenge.signature ?? '', /^[0-9a-f]{64}$/);
      const lifetime = Number(parameters.expiresAt) - Date.now() / 1000;
      assert.ok(lifetime > PROOF_OF_WORK.lifetimeSeconds - 5 && lifetime <= PROOF_OF_WORK.lifetimeSeconds, `expires in ${lifetime} s`);
      const other = await challengeFrom(server.url);
      assert.notEqual(other.parameters.nonce, parameters.nonce, 'every challenge is new');
    });

    it('the answer is a counter within the documented range', async () => {
      const { counter } = (await solveChallenge({ challenge: await challengeFrom(server.url), deriveKey }))!;
      assert.ok(counter >= PROOF_OF_WORK.minCounter && counter <= PROOF_OF_WORK.maxCounter, `counter ${counter}`);
    });

    it('a hold without proof is refused with 403 proof_required, and the time stays free', async () => {
      const time = slot();
      const refused = await hold(server.url, time);
      assert.equal(refused.status, 403);
      assert.equal(await problemCode(refused), 'proof_required');
      assert.equal(await problemCode(await hold(server.url, time, '')), 'proof_required');
      assert.ok((await freeSlots(server.url, 'rathaus', DAY)).some(({ start: begin }) => begin === time));
    });

    it('a challenge solved by altcha-lib buys a hold', async () => {
      const held = await hold(server.url, slot(), await solvedByAltcha(await challengeFrom(server.url)));
      assert.equal(held.status, 201);
      Hold.parse(await held.json());
    });

    it('a challenge solved by the widget\'s solver buys a hold', async () => {
      const proof = await solveProofOfWork(ProofOfWorkChallenge.parse(await challengeFrom(server.url)));
      const held = await hold(server.url, slot(), proof);
      assert.equal(held.status, 201);
    });

    it('a wrong answer, a forged challenge and garbage are refused with 403 proof_invalid', async () => {
      const proof = await solvedByAltcha(await challengeFrom(server.url));
      const payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as { challenge: Challenge };
      // Easier parameters, same signature: the signature no longer matches.
      payload.challenge.parameters.cost = 1;
      const forged = Buffer.from(JSON.stringify(payload)).toString('base64');
      for (const bad of [tampered(proof), forged, 'not base64!', Buffer.from('{"challenge":1}').toString('base64'), 'x'.repeat(5000)]) {
        const refused = await hold(server.url, slot(), bad);
        assert.equal(refused.status, 403, bad.slice(0, 40));
        assert.equal(await problemCode(refused), 'proof_invalid');
      }
      // The untampered answer was not spent by the refusals.
      assert.equal((await hold(server.url, slot(), proof)).status, 201);
    });

    it('a proof that is not a string is invalid input (422)', async () => {
      const refused = await hold(server.url, slot(), { counter: 1 });
      assert.equal(refused.status, 422);
      assert.equal(await problemCode(refused), 'invalid_input');
    });

    it('a replayed answer is refused: one proof, one hold', async () => {
      const proof = await solvedByAltcha(await challengeFrom(server.url));
      assert.equal((await hold(server.url, slot(), proof)).status, 201);
      const replayed = await hold(server.url, slot(), proof);
      assert.equal(replayed.status, 403);
      assert.equal(await problemCode(replayed), 'proof_invalid');
    });

    it('the same answer sent twice at once buys exactly one hold', async () => {
      const proof = await solvedByAltcha(await challengeFrom(server.url));
      const statuses = (await Promise.all([hold(server.url, slot(), proof), hold(server.url, slot(), proof)])).map(({ status }) => status);
      assert.deepEqual(statuses.sort(), [201, 403]);
    });

    it('an answer to an expired challenge is refused', async () => {
      const expired = await issueChallenge(server.db, new Date(Date.now() - 1000));
      const refused = await hold(server.url, slot(), await solvedByAltcha(expired));
      assert.equal(refused.status, 403);
      assert.equal(await problemCode(refused), 'proof_invalid');
    });

    it('a proof spent on a refused hold (the time was taken) can be used again', async () => {
      const time = slot();
      assert.equal((await hold(server.url, time, await solvedByAltcha(await challengeFrom(server.url)))).status, 201);
      const proof = await solvedByAltcha(await challengeFrom(server.url));
      const taken = await hold(server.url, time, proof);
      assert.equal(taken.status, 409);
      assert.equal(await problemCode(taken), 'slot_unavailable');
      assert.equal((await hold(server.url, slot(), proof)).status, 201);
    });

    it('housekeeping forgets spent proofs once their challenge has expired, and only those', async () => {
      const spent = await server.db.query<{ nonce: string }>('SELECT nonce FROM used_proofs');
      assert.ok(spent.length > 0);
      await server.db.query("INSERT INTO used_proofs (nonce, expires_at) VALUES ('00aa', now() - interval '1 minute')");
      const counts = await runHousekeeping(server.db, clock.now());
      assert.equal(counts.deletedProofs, 1);
      assert.equal((await server.db.query('SELECT 1 FROM used_proofs')).length, spent.length);
    });
  });

  describe(`no proof-of-work on ${target.name} without the rule`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    before(async () => {
      database = await target.create();
      server = await start(database, false);
    });
    after(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('the catalog has no proofOfWork, GET /challenge is 404 and holds need no proof', async () => {
      const catalog = (await (await fetch(`${server.url}/api/v1/catalog`)).json()) as Record<string, unknown>;
      assert.equal('proofOfWork' in catalog, false);
      const challenge = await fetch(`${server.url}/api/v1/challenge`);
      assert.equal(challenge.status, 404);
      assert.equal(await problemCode(challenge), 'not_found');
      const [first, second] = await freeSlots(server.url, 'rathaus', DAY);
      assert.equal((await hold(server.url, first.start)).status, 201);
      // A proof sent anyway is ignored, even a meaningless one.
      assert.equal((await hold(server.url, second.start, 'anything')).status, 201);
    });
  });

  // Two processes on one embedded database are impossible (PGlite holds no lock across processes): PostgreSQL only.
  if (target.name === 'postgres') {
    describe('proof-of-work across two servers on one PostgreSQL', () => {
      let database: TestDatabase;
      let servers: RunningServer[];
      before(async () => {
        database = await target.create();
        servers = [await start(database, true), await start(database, true)];
      });
      after(async () => {
        for (const running of servers ?? []) await running.stop();
        await database?.dispose();
      });

      it('a challenge from one is accepted by the other, and a replay to the first is refused', async () => {
        const [one, two] = servers;
        const [first, second] = await freeSlots(one.url, 'rathaus', DAY);
        const proof = await solvedByAltcha(await challengeFrom(one.url));
        assert.equal((await hold(two.url, first.start, proof)).status, 201);
        const replayed = await hold(one.url, second.start, proof);
        assert.equal(replayed.status, 403);
        assert.equal(await problemCode(replayed), 'proof_invalid');
      });
    });
  }
}
