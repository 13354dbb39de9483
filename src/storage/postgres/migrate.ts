/**
 * The PostgreSQL migrations (migrations/postgres/*.sql): the same file names, forward-only rule and checksums
 * as SQLite's (../migrate.ts). Several replicas may start, or run `tandem migrate`, at the same moment: one
 * session-level advisory lock makes them take turns, so each file is applied once and the others find it
 * done. The lock dies with its connection, so a replica killed half-way blocks nobody.
 */
import { join } from "node:path";
import type pg from "pg";
import { AppError } from "../../domain/errors.js";
import {
  type AppliedRow,
  defaultMigrationsDir,
  type MigrationStatus,
  readMigrations,
  verifyApplied,
} from "../migrate.js";

/** The advisory lock's key: any constant that nothing else in the database uses ("tandem" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x74616e64656d;

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  checksum   TEXT    NOT NULL,
  applied_at BIGINT  NOT NULL
)`;

/** migrations/postgres, next to the SQLite files. */
export function defaultPostgresMigrationsDir(): string {
  return join(defaultMigrationsDir(), "postgres");
}

/** Runs `fn` on one connection holding the migration lock; waits while another replica holds it. */
async function locked<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await fn(client);
    } finally {
      try {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      } catch (error) {
        // Closing the connection releases the lock too.
        broken = error as Error;
      }
    }
  } finally {
    client.release(broken);
  }
}

async function appliedRows(client: pg.PoolClient): Promise<AppliedRow[]> {
  return (
    await client.query<AppliedRow>("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
  ).rows;
}

/** Applies every pending migration, each in its own transaction. Returns the versions this call applied. */
export async function migrate(
  pool: pg.Pool,
  dir = defaultPostgresMigrationsDir(),
  nowMs = 0,
): Promise<number[]> {
  // Read before waiting for the lock: a misnamed file fails at once.
  const files = readMigrations(dir);
  return locked(pool, async (client) => {
    await client.query(TABLE);
    // Read under the lock: another replica may have applied some while this one waited.
    const applied = await appliedRows(client);
    verifyApplied(applied, files);
    const done = new Set(applied.map((row) => row.version));
    const ran: number[] = [];
    for (const file of files) {
      if (done.has(file.version)) continue;
      const fileName = `${String(file.version).padStart(4, "0")}_${file.name}.sql`;
      try {
        await client.query("BEGIN");
        await client.query(file.sql);
        await client.query(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
          [file.version, file.name, file.checksum, nowMs],
        );
        await client.query("COMMIT");
      } catch (cause) {
        await client.query("ROLLBACK").catch(() => undefined);
        // The message alone: PostgreSQL's detail may quote the rows the migration tripped on.
        throw new AppError(
          "MIGRATION",
          `migration ${fileName} failed and was rolled back: ${(cause as Error).message}`,
        );
      }
      ran.push(file.version);
    }
    return ran;
  });
}

/** What /healthz reports: applied versions and whether the code's migrations are all applied. */
export async function migrationStatus(
  pool: pg.Pool,
  dir = defaultPostgresMigrationsDir(),
): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const exists = await pool.query<{ found: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS found",
  );
  const applied = exists.rows[0]?.found
    ? (
        await pool.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")
      ).rows.map((row) => row.version)
    : [];
  const appliedSet = new Set(applied);
  const pending = files.map((f) => f.version).filter((v) => !appliedSet.has(v));
  const newestKnown = files.at(-1)?.version ?? 0;
  return { applied, pending, current: pending.length === 0 && (applied.at(-1) ?? 0) <= newestKnown };
}
