import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { Sql } from "../../src/storage/postgres/sql.js";

// A stand-in for pg-infra's runner and test database helper while the repositories are written apart from
// them: an empty database per test file with migrations/postgres applied by plain queries, and a minimal Sql.

const MIGRATIONS = join(import.meta.dirname, "../../migrations/postgres");

/** TANDEM_TEST_POSTGRES, else the server pg-infra's vitest globalSetup provides as "postgresUrl". */
function serverUrl(): string {
  const url =
    process.env.TANDEM_TEST_POSTGRES ?? (inject as (key: string) => string | undefined)("postgresUrl");
  if (!url) throw new Error("TANDEM_TEST_POSTGRES must name a throwaway PostgreSQL server (postgres://...)");
  return url;
}

/** BIGINT (instants, ids) read as JS numbers, as the store's pool does. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface ScratchSql extends Sql {
  readonly pool: pg.Pool;
  end(): Promise<void>;
}

/** A Sql over its own pool: two of them on one database behave like two replicas. */
export function openScratchSql(url: string, max = 4): ScratchSql {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client cut off by drop() must not become an unhandled error.
  pool.on("error", () => undefined);
  const current = new AsyncLocalStorage<{ client: pg.PoolClient }>();
  const runner = () => current.getStore()?.client ?? pool;
  let savepoints = 0;
  return {
    pool,
    rows: async <T>(text: string, values?: readonly unknown[]) =>
      (await runner().query(text, values as unknown[])).rows as T[],
    one: async <T>(text: string, values?: readonly unknown[]) =>
      (await runner().query(text, values as unknown[])).rows[0] as T | undefined,
    run: async (text, values) => (await runner().query(text, values as unknown[])).rowCount ?? 0,
    atomic: async (fn) => {
      const open = current.getStore();
      if (open) {
        const name = `sp${++savepoints}`;
        await open.client.query(`SAVEPOINT ${name}`);
        try {
          const result = await fn();
          await open.client.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw error;
        }
      }
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await current.run({ client }, fn);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

/** A new empty database with the PostgreSQL migrations applied; drop() removes it. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = serverUrl();
  const name = `scratch_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  // A natural-language collation by default (as many servers have), so the tests show that ordering follows
  // the schema's COLLATE "C" (SQLite's byte order) and not the server's locale. Without ICU: the default.
  try {
    await admin.query(
      `CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`,
    );
  } catch {
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    await client.query(readFileSync(join(MIGRATIONS, file), "utf8"));
  }
  await client.end();
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Empties every table between tests (ids start again at 1). */
export async function emptyTables(sql: Sql): Promise<void> {
  await sql.run(
    "TRUNCATE workspaces, inbound_events, platform_references, installations, health_probe RESTART IDENTITY CASCADE",
  );
}
