/**
 * Copies every row of one database into another of the same schema: the move from the embedded database to
 * PostgreSQL (cli/move-to-postgres.ts). Both sides are PostgreSQL, so the copy is plain SQL:
 *
 * - The tables, their columns, primary keys, foreign keys and sequences are read from the catalog
 *   (`pg_catalog`), not from a list here, so that a table a later migration adds is copied too. Tables go in
 *   the order of their foreign keys (parents first).
 * - Every value travels as its text form (`::text` on the source, a cast to the column's type on the target),
 *   which is exact for every type PostgreSQL can print and read back, ids included (`OVERRIDING SYSTEM VALUE`).
 * - The target is written in one transaction: it checks again, under an exclusive lock on every table, that
 *   the target is empty; copies; compares per table the row count and a checksum of all rows' text with the
 *   source's; sets every sequence to the source's state (so that no id is handed out twice, also those of rows
 *   deleted long ago); and commits only when all of it succeeded. A failure anywhere, or a killed process, leaves
 *   the target as it was.
 *
 * Nothing here returns or logs a value of a row: callers get table names and counts.
 */
import type { Db, Queryable } from './db.js';

export interface ColumnInfo {
  name: string;
  /** As `format_type` prints it: `bigint`, `timestamp with time zone`, `text[]`. */
  type: string;
  /** A stored generated column: computed by the target itself, never inserted. */
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns, in key order; empty when the table has none. */
  primaryKey: string[];
}

export interface SchemaInfo {
  /** In dependency order: every table after the tables its foreign keys point to. */
  tables: TableInfo[];
  sequences: string[];
  migrations: number[];
}

export interface TableCount {
  table: string;
  rows: number;
}

/** The migrations' own bookkeeping: the target records its migrations itself. */
const BOOKKEEPING = 'schema_migrations';
const BATCH_ROWS = 500;

/** The move cannot go ahead; nothing has been written to the target. */
export class CopyRefused extends Error {}

/** The copy did not match the source; the transaction was rolled back. The message names tables only. */
export class CopyMismatch extends Error {}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Orders `tables` so that every table comes after those it refers to. A table referring to itself is fine
 * (its rows are copied in primary-key order); a cycle between tables cannot be copied table by table and is
 * refused.
 */
export function dependencyOrder(tables: readonly string[], references: readonly { child: string; parent: string }[]): string[] {
  const known = new Set(tables);
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child !== parent && known.has(child) && known.has(parent)) parents.get(child)!.add(parent);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  // Alphabetical among equals, so that the order (and the printed list) is the same on every run.
  const remaining = [...tables].sort();
  while (remaining.length > 0) {
    const next = remaining.findIndex((table) => [...parents.get(table)!].every((parent) => done.has(parent)));
    if (next < 0) throw new CopyRefused(`The foreign keys between ${remaining.join(', ')} form a cycle; they cannot be copied table by table.`);
    const [table] = remaining.splice(next, 1);
    ordered.push(table);
    done.add(table);
  }
  return ordered;
}

/** Tables (not those of extensions), columns, keys and sequences of the current schema, from the catalog. */
export async function readSchema(db: Queryable): Promise<SchemaInfo> {
  const columns = await db.query<{ table: string; column: string; type: string; generated: boolean }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type,
            a.attgenerated <> '' AS generated
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname, a.attnum`,
  );
  const keys = await db.query<{ table: string; column: string }>(
    `SELECT c.relname AS "table", a.attname AS "column"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = current_schema()
      ORDER BY c.relname, k.position`,
  );
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const sequences = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname`,
  );
  const hasBookkeeping = columns.some((row) => row.table === BOOKKEEPING);
  const migrations = hasBookkeeping
    ? (await db.query<{ version: number }>(`SELECT version FROM ${BOOKKEEPING} ORDER BY version`)).map((row) => Number(row.version))
    : [];

  const byTable = new Map<string, TableInfo>();
  for (const row of columns) {
    if (row.table === BOOKKEEPING) continue;
    let table = byTable.get(row.table);
    if (!table) byTable.set(row.table, (table = { name: row.table, columns: [], primaryKey: [] }));
    table.columns.push({ name: row.column, type: row.type, generated: row.generated });
  }
  for (const row of keys) byTable.get(row.table)?.primaryKey.push(row.column);
  const order = dependencyOrder([...byTable.keys()], references);
  return { tables: order.map((name) => byTable.get(name)!), sequences: sequences.map((row) => row.name), migrations };
}

/** The tables (of `schema`) holding at least one row. */
export async function tablesWithRows(db: Queryable, schema: SchemaInfo): Promise<string[]> {
  const found: string[] = [];
  for (const table of schema.tables) {
    const [row] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS any`);
    if (row.any) found.push(table.name);
  }
  return found;
}

/** Refuses unless source and target have the same migrations, tables, columns and sequences. */
export function assertSameSchema(source: SchemaInfo, target: SchemaInfo): void {
  const describe = (schema: SchemaInfo) => ({
    migrations: schema.migrations.join(','),
    tables: Object.fromEntries(schema.tables.map((table) => [table.name, table.columns.map((c) => `${c.name} ${c.type}`).sort().join(', ')])),
    sequences: schema.sequences.join(','),
  });
  const a = describe(source);
  const b = describe(target);
  if (a.migrations !== b.migrations) {
    throw new CopyRefused(`The databases are at different schema versions (migrations ${a.migrations || 'none'} here, ${b.migrations || 'none'} on the target).`);
  }
  const names = new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]);
  for (const name of [...names].sort()) {
    if (!(name in a.tables)) throw new CopyRefused(`The target has a table ${name} that the embedded database lacks.`);
    if (!(name in b.tables)) throw new CopyRefused(`The target lacks the table ${name}.`);
    if (a.tables[name] !== b.tables[name]) throw new CopyRefused(`The table ${name} has different columns on the target.`);
  }
  if (a.sequences !== b.sequences) throw new CopyRefused('The databases have different sequences.');
}

/**
 * Every setting that changes how a value prints, fixed for the transaction, so that both sides print a row
 * alike (and the checksums can agree).
 */
async function fixOutputSettings(db: Queryable): Promise<void> {
  for (const [name, value] of [
    ['TimeZone', 'UTC'], ['DateStyle', 'ISO, YMD'], ['IntervalStyle', 'postgres'], ['extra_float_digits', '1'], ['bytea_output', 'hex'],
  ]) {
    await db.query('SELECT set_config($1, $2, true)', [name, value]);
  }
}

function orderBy(table: TableInfo, alias = ''): string {
  const columns = table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((column) => column.name);
  return columns.map((column) => `${alias}${quoteIdent(column)}`).join(', ');
}

/** Row count and an MD5 over every row's text, in key order: the same on both sides when the copy is exact. */
async function fingerprint(db: Queryable, table: TableInfo): Promise<{ rows: number; checksum: string }> {
  const row = `json_build_array(${table.columns.map((column) => `t.${quoteIdent(column.name)}::text`).join(', ')})::text`;
  const [result] = await db.query<{ rows: number | string; checksum: string }>(
    `SELECT count(*) AS rows, md5(coalesce(string_agg(md5(${row}), '' ORDER BY ${orderBy(table, 't.')}), '')) AS checksum
       FROM ${quoteIdent(table.name)} t`,
  );
  return { rows: Number(result.rows), checksum: result.checksum };
}

/** Reads `table` from `source` in batches through a cursor and inserts each batch into `target`. */
async function copyTable(source: Queryable, target: Queryable, table: TableInfo): Promise<number> {
  const columns = table.columns.filter((column) => !column.generated);
  const select = columns.map((column, index) => `${quoteIdent(column.name)}::text AS c${index}`).join(', ');
  const insert = `INSERT INTO ${quoteIdent(table.name)} (${columns.map((column) => quoteIdent(column.name)).join(', ')})
    OVERRIDING SYSTEM VALUE
    SELECT ${columns.map((column, index) => `u.c${index}::${column.type}`).join(', ')}
      FROM unnest(${columns.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS u(${columns.map((_, index) => `c${index}`).join(', ')})`;
  await source.query(`DECLARE tb_copy NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(table.name)} ORDER BY ${orderBy(table)}`);
  let copied = 0;
  try {
    for (;;) {
      const rows = await source.query<Record<string, string | null>>(`FETCH ${BATCH_ROWS} FROM tb_copy`);
      if (rows.length === 0) break;
      await target.query(insert, columns.map((_, index) => rows.map((row) => row[`c${index}`])));
      copied += rows.length;
    }
  } finally {
    await source.query('CLOSE tb_copy');
  }
  return copied;
}

export interface CopyHooks {
  /** Called after each table's rows are in (inside the transaction, not yet committed). */
  onTableCopied?(table: string, rows: number): void;
}

/**
 * Copies all rows of `source` into the empty `target` (same schema, already migrated) in one transaction on
 * the target. Returns the per-table counts, verified. Throws `CopyRefused` (nothing written) when the target
 * is not empty or its schema differs; any other error also leaves the target unchanged.
 */
export async function copyDatabase(source: Db, target: Db, hooks: CopyHooks = {}): Promise<TableCount[]> {
  const schema = await source.transaction(async (tx) => readSchema(tx));
  assertSameSchema(schema, await target.transaction(async (tx) => readSchema(tx)));
  return source.transaction(async (from) => {
    await fixOutputSettings(from);
    return target.transaction(async (to) => {
      await fixOutputSettings(to);
      if (schema.tables.length > 0) {
        // Nobody else may write the target meanwhile (a server started on it too early); reading stays possible.
        await to.query(`LOCK TABLE ${schema.tables.map((table) => quoteIdent(table.name)).join(', ')} IN EXCLUSIVE MODE`);
      }
      const occupied = await tablesWithRows(to, schema);
      if (occupied.length > 0) throw new CopyRefused(targetNotEmpty(occupied));

      const counts: TableCount[] = [];
      for (const table of schema.tables) {
        const rows = await copyTable(from, to, table);
        hooks.onTableCopied?.(table.name, rows);
        counts.push({ table: table.name, rows });
      }
      for (const [index, table] of schema.tables.entries()) {
        const [expected, found] = [await fingerprint(from, table), await fingerprint(to, table)];
        if (expected.rows !== found.rows || counts[index].rows !== expected.rows) {
          throw new CopyMismatch(`Table ${table.name}: ${expected.rows} rows in the embedded database, ${found.rows} on the target; nothing was committed.`);
        }
        if (expected.checksum !== found.checksum) {
          throw new CopyMismatch(`Table ${table.name}: the copied rows differ from the embedded database's; nothing was committed.`);
        }
      }
      // Last, after the checks: setval is not undone by a rollback (a later failure leaves a sequence ahead,
      // which only skips ids).
      for (const sequence of schema.sequences) {
        const [state] = await from.query<{ last: string; called: boolean }>(
          `SELECT last_value::text AS last, is_called AS called FROM ${quoteIdent(sequence)}`,
        );
        await to.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdent(sequence), state.last, state.called]);
      }
      return counts;
    });
  });
}

export function targetNotEmpty(tables: readonly string[]): string {
  return `The target database already holds data (in ${tables.join(', ')}). The move copies into an empty database only, `
    + 'so that nothing is mixed or overwritten: give it a new, empty database.';
}
