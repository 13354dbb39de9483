/**
 * PostgreSQL for the tests: the run's server (postgres-global-setup.ts) and databases of each test file's
 * own, so that files running in parallel never see each other's rows. The databases a file created are
 * dropped after its last test.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { defaultPostgresMigrationsDir, migrate } from "../../src/storage/postgres/migrate.js";
import { createPool } from "../../src/storage/postgres/sql.js";

/** The URL of the run's server, on its maintenance database (`postgres`). */
export function postgresUrl(): string {
  return inject("postgresUrl");
}

/** The same server with another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onDatabase(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const created: string[] = [];
let icu = true;

/**
 * Creates an empty database on the run's server and returns its URL; it is dropped when the file ends. Its
 * collation is natural-language (en-US), as on many servers, so that the tests show ordering follows the
 * schema's COLLATE "C" (SQLite's byte order) and not the server's locale; the server's default without ICU.
 */
export async function freshDatabase(): Promise<string> {
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  if (icu) {
    await onDatabase(
      postgresUrl(),
      `CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`,
    ).catch(() => {
      icu = false;
    });
  }
  if (!icu) await onDatabase(postgresUrl(), `CREATE DATABASE ${name}`);
  created.push(name);
  return databaseUrl(postgresUrl(), name);
}

/** Migrated databases of this file that a test gave back: emptied and handed out again. */
const spare: string[] = [];
let emptying: string | undefined;

/**
 * Deletes every row (children before parents: the foreign keys stay on) and restarts the ids at 1, so an
 * emptied database is as good as a freshly migrated one; ten times faster than creating one. Worked out
 * once from the schema, which every migrated database shares.
 */
async function emptyingScript(client: pg.Client): Promise<string> {
  if (emptying) return emptying;
  const { rows } = await client.query<{ name: string; parents: string[] }>(
    `SELECT c.relname AS name,
            coalesce(array_agg(DISTINCT p.relname) FILTER (WHERE p.relname <> c.relname), '{}') AS parents
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
     LEFT JOIN pg_class p ON p.oid = k.confrelid
     WHERE c.relkind = 'r' AND c.relname <> 'schema_migrations'
     GROUP BY c.relname`,
  );
  const order: string[] = [];
  let left = rows;
  while (left.length > 0) {
    // A table goes once no table still to empty refers to it.
    const free = left.filter((t) => !left.some((other) => other.parents.includes(t.name)));
    if (free.length === 0)
      throw new Error("the schema's foreign keys form a cycle: cannot empty it in order");
    order.push(...free.map((t) => t.name).sort());
    left = left.filter((t) => !free.includes(t));
  }
  emptying = `${order.map((name) => `DELETE FROM ${name};`).join("\n")}
DO $$ DECLARE s record; BEGIN
  FOR s IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL
  LOOP EXECUTE format('ALTER SEQUENCE %I RESTART', s.sequencename); END LOOP;
END $$;`;
  return emptying;
}

/**
 * A database of this file's with every migration applied and no rows: a spare one emptied, else a new one.
 * Give it back with `release()` once nothing uses it any more (its pools ended).
 */
export async function migratedDatabase(now = new Date(0)): Promise<{ url: string; release(): void }> {
  let url = spare.pop();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(await emptyingScript(client));
    } finally {
      await client.end();
    }
  } else {
    url = await freshDatabase();
    const pool = createPool(url, { max: 1 });
    try {
      await migrate(pool, defaultPostgresMigrationsDir(), now.getTime());
    } finally {
      await pool.end();
    }
  }
  const given = url;
  return { url: given, release: () => void spare.push(given) };
}

afterAll(async () => {
  spare.length = 0;
  // FORCE: a pool the test forgot to end must not keep the database (and the server) busy.
  for (const name of created.splice(0)) {
    await onDatabase(postgresUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});
