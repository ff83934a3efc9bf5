/**
 * The one door to the database. Everything above the store talks to `Db`; which PostgreSQL answers
 * (PGlite in-process, or a server through `pg`) is decided once, in `openDatabase`.
 */

export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATEs the store reacts to. */
export const SqlState = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
} as const;

export function hasSqlState(error: unknown, state: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === state;
}

/**
 * Runs `work` inside a savepoint of `tx`, so that an expected constraint violation can be caught without
 * aborting the surrounding transaction.
 */
export async function withSavepoint<T>(tx: Queryable, work: () => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT attempt');
  try {
    const result = await work();
    await tx.query('RELEASE SAVEPOINT attempt');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT attempt');
    throw error;
  }
}

/**
 * Runs `attempt` again when PostgreSQL aborted it to break a deadlock or a serialization conflict. Two
 * inserts racing for one counter can deadlock inside the exclusion constraint's check (each waits for
 * the other's uncommitted row); the victim's retry then sees the winner's row and moves on.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const transient = hasSqlState(error, SqlState.deadlockDetected) || hasSqlState(error, SqlState.serializationFailure);
      if (!transient || tried >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tried));
    }
  }
}
