/**
 * The PostgreSQL side of `tandem copy` (see ../copy-store.ts): a database read on one REPEATABLE READ
 * snapshot through a cursor (bounded memory), or written in one transaction with multi-row INSERTs.
 */
import pg from "pg";
import { AppError } from "../../domain/errors.js";
import { type CopySource, type CopyTable, type CopyTarget, quoteName } from "../copy-store.js";
import { redactDatabaseUrl } from "./database-url.js";
import { defaultPostgresMigrationsDir, migrate, migrationStatus } from "./migrate.js";
import { createPool, createSql, PostgresError } from "./sql.js";

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

type Queryable = Pick<pg.Pool, "query">;

/** The statement's failure without the values it was given (they may be what people wrote). */
async function query<T extends pg.QueryResultRow>(
  on: Queryable,
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult<T>> {
  try {
    return await on.query<T>(text, values);
  } catch (error) {
    throw error instanceof pg.DatabaseError ? new PostgresError(error, text) : error;
  }
}

async function tablesOf(on: Queryable): Promise<CopyTable[]> {
  const columns = await query<{ table_name: string; column_name: string }>(
    on,
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const keys = await query<{ table_name: string; column_name: string }>(
    on,
    `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k
         ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
      WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY'
      ORDER BY k.table_name, k.ordinal_position`,
  );
  const parents = await query<{ child: string; parent: string }>(
    on,
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent FROM pg_constraint f
       JOIN pg_class child ON child.oid = f.conrelid
       JOIN pg_class parent ON parent.oid = f.confrelid
      WHERE f.contype = 'f' AND f.connamespace = current_schema()::regnamespace`,
  );
  const tables = new Map<string, CopyTable>();
  for (const { table_name, column_name } of columns.rows) {
    const table = tables.get(table_name) ?? { name: table_name, columns: [], key: [], parents: [] };
    table.columns.push(column_name);
    tables.set(table_name, table);
  }
  for (const k of keys.rows) tables.get(k.table_name)?.key.push(k.column_name);
  for (const p of parents.rows) tables.get(p.child)?.parents.push(p.parent);
  // Every Tandem table has a primary key; a table without one is read in the order of all its columns.
  for (const table of tables.values()) if (table.key.length === 0) table.key = [...table.columns];
  return [...tables.values()];
}

async function countOf(on: Queryable, table: string, where = ""): Promise<number> {
  const result = await query<{ n: string }>(on, `SELECT COUNT(*) AS n FROM ${quoteName(table)}${where}`);
  return Number(result.rows[0]?.n ?? 0);
}

async function columnsOf(on: Queryable, table: string): Promise<string[]> {
  const result = await query<{ column_name: string }>(
    on,
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  return result.rows.map((r) => r.column_name);
}

/** A pool that has answered once: a wrong URL fails here, in one line without the password. */
async function connect(url: string, flag: string): Promise<pg.Pool> {
  const pool = createPool(url, { max: 2 });
  try {
    await pool.query("SELECT 1");
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError(
      "BAD_INPUT",
      `${flag} ${redactDatabaseUrl(url)} cannot be used (${(error as Error).message}); check the host, port, user, password and database name`,
      { cause: error },
    );
  }
}

/** Reads the database at `url` without changing it. */
export async function postgresCopySource(url: string): Promise<CopySource> {
  const pool = await connect(url, "--from");
  return poolCopySource(pool, () => pool.end());
}

/**
 * Only one workspace's rows: those with its `workspace_id`, or its platform and external id (`workspace`);
 * a table with neither (the portal's links and sessions) is read whole.
 */
export interface CopyScope {
  workspaceId: number;
}

/** The WHERE clause that keeps a table's rows of the scope's workspace, values inlined (DECLARE takes no parameters). */
function scopeFilter(
  table: CopyTable,
  workspace: { id: number; platform: string; externalId: string },
  client: pg.PoolClient,
): string {
  if (table.name === "workspaces") return ` WHERE "id" = ${workspace.id}`;
  if (table.columns.includes("workspace_id")) return ` WHERE "workspace_id" = ${workspace.id}`;
  if (table.columns.includes("platform") && table.columns.includes("workspace")) {
    return ` WHERE "platform" = ${client.escapeLiteral(workspace.platform)} AND "workspace" = ${client.escapeLiteral(workspace.externalId)}`;
  }
  return "";
}

/**
 * Reads a database through a pool without changing it, all of it or one workspace's rows; `close` is
 * what ending the source does to the pool.
 */
export function poolCopySource(pool: pg.Pool, close: () => Promise<void>, scope?: CopyScope): CopySource {
  let snapshot: pg.PoolClient | undefined;
  /** The scope's workspace as the snapshot sees it (read when the snapshot opens). */
  let workspace: { id: number; platform: string; externalId: string } | undefined;
  const on = (): Queryable => snapshot ?? pool;
  const where = (table: CopyTable) => (workspace && snapshot ? scopeFilter(table, workspace, snapshot) : "");
  return {
    migrations: async () => {
      const dir = defaultPostgresMigrationsDir();
      return { applied: (await migrationStatus(pool, dir)).applied, dir };
    },
    tables: () => tablesOf(pool),
    async snapshot(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await query(client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        snapshot = client;
        if (scope) {
          if (!Number.isSafeInteger(scope.workspaceId)) {
            throw new AppError("INTERNAL", `workspace id ${scope.workspaceId} is not an id`);
          }
          const found = await query<{ platform: string; external_id: string }>(
            client,
            "SELECT platform, external_id FROM workspaces WHERE id = $1",
            [scope.workspaceId],
          );
          const row = found.rows[0];
          // A workspace that is not there copies nothing of any workspace.
          workspace = {
            id: scope.workspaceId,
            platform: row?.platform ?? "",
            externalId: row?.external_id ?? "",
          };
        }
        const value = await fn();
        await query(client, "COMMIT");
        return value;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      } finally {
        snapshot = undefined;
        workspace = undefined;
        client.release(broken);
      }
    },
    count: async (table) => {
      if (!workspace) return await countOf(on(), table);
      const columns = await columnsOf(on(), table);
      return await countOf(on(), table, where({ name: table, columns, key: [], parents: [] }));
    },
    async *batches(table, size) {
      const client = snapshot;
      if (!client) throw new AppError("INTERNAL", "a PostgreSQL copy reads inside its snapshot");
      const columns = table.columns.map(quoteName).join(", ");
      const order = table.key.map(quoteName).join(", ");
      await query(
        client,
        `DECLARE tandem_copy NO SCROLL CURSOR FOR SELECT ${columns} FROM ${quoteName(table.name)}${where(table)} ORDER BY ${order}`,
      );
      try {
        for (;;) {
          const page = await client.query<unknown[]>({
            text: `FETCH FORWARD ${Math.max(1, Math.floor(size))} FROM tandem_copy`,
            rowMode: "array",
          });
          if (page.rows.length === 0) return;
          yield page.rows;
        }
      } finally {
        await query(client, "CLOSE tandem_copy");
      }
    },
    close,
  };
}

/** Connects to and migrates the database at `url` (under the migration lock), to be written in one transaction. */
export async function postgresCopyTarget(url: string, now: Date): Promise<CopyTarget> {
  const pool = await connect(url, "--to");
  try {
    await migrate(pool, undefined, now.getTime());
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const sql = createSql(pool);
  return {
    tables: () => tablesOf(pool),
    transaction: (fn) => sql.atomic(fn),
    count: async (table) =>
      Number((await sql.one<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoteName(table)}`))?.n ?? 0),
    async clear(tables) {
      for (const table of tables) await sql.run(`DELETE FROM ${quoteName(table.name)}`);
    },
    async insert(table, rows) {
      const names = table.columns.map(quoteName).join(", ");
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const marks = row.map((value) => {
            values.push(value);
            return `$${values.length}`;
          });
          return `(${marks.join(", ")})`;
        });
        await sql.run(`INSERT INTO ${quoteName(table.name)} (${names}) VALUES ${tuples.join(", ")}`, values);
      }
    },
    async continueIds(tables) {
      const copied = new Set(tables.map((t) => t.name));
      const identities = await sql.rows<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND is_identity = 'YES'`,
      );
      for (const { table_name, column_name } of identities) {
        if (!copied.has(table_name)) continue;
        // The next id is one past the highest copied (1 for an empty table).
        await sql.run(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quoteName(column_name)}), 0) + 1, false) FROM ${quoteName(table_name)}`,
          [quoteName(table_name), column_name],
        );
      }
    },
    close: () => pool.end(),
  };
}
