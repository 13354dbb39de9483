/**
 * A throwaway PostgreSQL for the repository tests: TANDEM_TEST_POSTGRES_URL when set, else a server of
 * its own (initdb + pg_ctl, as the postgres user when running as root) that `stop()` removes. Each test
 * gets a fresh database with migrations/postgres/*.sql applied.
 *
 * Test-only stand-ins until pg-infra's pieces land: the migrations are applied with plain queries and
 * `testSql` is a minimal Sql (AsyncLocalStorage transaction, like the real runner) over a pg Pool.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Sql } from "../../src/storage/postgres/sql.js";

export interface ThrowawayPostgres {
  /** A connection string for the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/** Whether a server can be had: a given URL, or initdb on the PATH. */
export function postgresAvailable(): boolean {
  if (process.env.TANDEM_TEST_POSTGRES_URL) return true;
  try {
    execFileSync("initdb", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const given = process.env.TANDEM_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), "tandem-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args, {
      stdio: "ignore",
    });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "tandem", "--auth=trust", "--no-sync"]);
  const port = await freePort();
  // fsync off: a throwaway server need not survive a crash, and the tests run faster.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  return {
    url: `postgres://tandem@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** BIGINT (instants, ids, counts) read as JS numbers, as the real pool does. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

let databases = 0;

/** A new database with the PostgreSQL migrations applied, and a pool on it (end it after the test). */
export async function freshDatabase(server: ThrowawayPostgres): Promise<pg.Pool> {
  const name = `t${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), types, max: 8 });
  const dir = "migrations/postgres";
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    await pool.query(readFileSync(join(dir, file), "utf8"));
  }
  return pool;
}

/** A minimal Sql over the pool: store calls inside `atomic` share its transaction's client. */
export function testSql(pool: pg.Pool): Sql {
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const query = async (text: string, values?: readonly unknown[]) =>
    (current.getStore() ?? pool).query(text, values as unknown[] | undefined);
  return {
    rows: async <T>(text: string, values?: readonly unknown[]) => (await query(text, values)).rows as T[],
    one: async <T>(text: string, values?: readonly unknown[]) =>
      (await query(text, values)).rows[0] as T | undefined,
    run: async (text, values) => (await query(text, values)).rowCount ?? 0,
    atomic: async (fn) => {
      if (current.getStore()) return fn();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await current.run(client, fn);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
