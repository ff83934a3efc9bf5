/** Lookups and holds are rate limited per client, answering 429 `rate_limited` with Retry-After. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Problem } from '../../src/api/schemas.js';
import { startServer, type RunningServer } from '../src/server.js';
import { conformanceTown, TestClock } from './support/contract-targets.js';
import { testDatabaseTargets, type TestDatabase } from './support/databases.js';

const embedded = testDatabaseTargets().find((target) => target.name === 'embedded')!;

describe('rate limits', () => {
  let database: TestDatabase;
  let server: RunningServer;
  before(async () => {
    database = await embedded.create();
    server = await startServer({
      town: conformanceTown(),
      database: database.target,
      host: '127.0.0.1',
      port: 0,
      rateLimits: { holds: { limit: 3, windowSeconds: 60 }, lookups: { limit: 2, windowSeconds: 600 } },
      // Behind a proxy: clients are told apart by X-Forwarded-For, which lets one test play several clients.
      clientIdentity: { trustProxy: true },
      now: new TestClock('2026-12-02T09:00:00+01:00').now,
      log: () => {},
    });
  });
  after(async () => {
    await server.stop();
    await database.dispose();
  });

  const lookup = (client: string) => fetch(`${server.url}/api/v1/bookings/lookup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.9, ${client}` },
    body: JSON.stringify({ code: 'ABC-DEF', email: 'someone@example.org' }),
  });

  it('refuse the third lookup of one client within the window, and only that client', async () => {
    assert.equal((await lookup('198.51.100.1')).status, 404);
    assert.equal((await lookup('198.51.100.1')).status, 404);
    const refused = await lookup('198.51.100.1');
    assert.equal(refused.status, 429);
    const problem = Problem.parse(await refused.json());
    assert.equal(problem.code, 'rate_limited');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= 600, `Retry-After ${retryAfter} s lies within the window`);
    assert.equal((await lookup('198.51.100.2')).status, 404, 'another client is not affected');
  });

  it('limit holds separately from lookups', async () => {
    const holdRequest = () => fetch(`${server.url}/api/v1/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.7' },
      body: JSON.stringify({ locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 }], start: '2026-12-05T08:00:00+01:00' }),
    });
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await holdRequest()).status);
    assert.deepEqual(statuses.slice(0, 3).filter((status) => status === 429), [], 'three holds pass the limit');
    assert.equal(statuses[3], 429);
  });
});
