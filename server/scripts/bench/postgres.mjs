// Which PostgreSQL the benchmark uses, and a fresh database on it that is dropped afterwards.
// BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres if it answers.
// A URL given in the environment must work; the default may be absent (then PostgreSQL is skipped).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `{ adminUrl, source, version }`, or `{ skipped }` with the reason when no PostgreSQL answers on the default. */
export async function findPostgres(env = process.env) {
  const given = env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : null;
  const adminUrl = given ? env[given] : DEFAULT_URL;
  try {
    const version = await withClient(adminUrl, async (client) => (await client.query('SHOW server_version')).rows[0].server_version);
    return { adminUrl, source: given ?? 'default', version };
  } catch (error) {
    if (given) throw new Error(`${given} does not answer: ${error.message}`);
    return { skipped: `no PostgreSQL answers on ${DEFAULT_URL} (${error.code ?? error.message}); set BENCH_DATABASE_URL` };
  }
}

/** Creates `tb_bench_<random>` next to the admin database; `drop()` removes it again. */
export async function createBenchDatabase(adminUrl) {
  const name = `tb_bench_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
