import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.js";
import { migrate, migrationStatus } from "../../src/storage/postgres/migrate.js";
import { createPool } from "../../src/storage/postgres/sql.js";
import { freshDatabase } from "../helpers/postgres.js";

let dir: string;
let url: string;
const pools: pg.Pool[] = [];

/** A pool of its own, as each replica has. */
function replica(): pg.Pool {
  const pool = createPool(url, { max: 2 });
  pools.push(pool);
  return pool;
}

function write(file: string, sql: string): void {
  writeFileSync(join(dir, file), sql);
}

/** Stub migrations: each one logs that it ran, which a second run would log again. */
function writeStubs(): void {
  write(
    "0001_first.sql",
    "CREATE TABLE ran (file TEXT NOT NULL); CREATE TABLE notes (id BIGINT PRIMARY KEY); INSERT INTO ran VALUES ('0001');",
  );
  // Slow, so that concurrent runs overlap.
  write("0002_second.sql", "SELECT pg_sleep(0.1); INSERT INTO ran VALUES ('0002');");
  write("0003_third.sql", "ALTER TABLE notes ADD COLUMN body TEXT; INSERT INTO ran VALUES ('0003');");
}

async function ran(pool: pg.Pool): Promise<string[]> {
  return (await pool.query<{ file: string }>("SELECT file FROM ran ORDER BY file")).rows.map((r) => r.file);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tandem-pg-migrations-"));
  writeStubs();
  url = await freshDatabase();
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  rmSync(dir, { recursive: true, force: true });
});

describe("PostgreSQL migrations", () => {
  it("applies every file once, in order, and nothing on the next run", async () => {
    const pool = replica();
    expect(await migrate(pool, dir, 1_700_000_000_000)).toEqual([1, 2, 3]);
    expect(await migrate(pool, dir)).toEqual([]);
    expect(await ran(pool)).toEqual(["0001", "0002", "0003"]);
    const rows = await pool.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
    expect(rows.rows).toEqual([
      { version: 1, name: "first", applied_at: 1_700_000_000_000 },
      { version: 2, name: "second", applied_at: 1_700_000_000_000 },
      { version: 3, name: "third", applied_at: 1_700_000_000_000 },
    ]);
  });

  it("applies each file exactly once when three replicas migrate at the same moment", async () => {
    const results = await Promise.all([
      migrate(replica(), dir),
      migrate(replica(), dir),
      migrate(replica(), dir),
    ]);
    expect(results.flat().sort()).toEqual([1, 2, 3]);
    expect(await ran(replica())).toEqual(["0001", "0002", "0003"]);
  });

  it("applies only the new file when one is added", async () => {
    const pool = replica();
    await migrate(pool, dir);
    write("0004_fourth.sql", "INSERT INTO ran VALUES ('0004');");
    expect(await migrationStatus(pool, dir)).toEqual({ applied: [1, 2, 3], pending: [4], current: false });
    expect(await migrate(pool, dir)).toEqual([4]);
    expect(await ran(pool)).toEqual(["0001", "0002", "0003", "0004"]);
    expect(await migrationStatus(pool, dir)).toEqual({ applied: [1, 2, 3, 4], pending: [], current: true });
  });

  it("refuses to run when an applied file changed, saying which and what to do", async () => {
    const pool = replica();
    await migrate(pool, dir);
    write("0002_second.sql", "SELECT pg_sleep(0.1); INSERT INTO ran VALUES ('0002 edited');");
    write("0004_fourth.sql", "INSERT INTO ran VALUES ('0004');");
    const error = await rejection(migrate(pool, dir));
    expect(error.code).toBe("MIGRATION");
    expect(error.message).toMatch(/0002_second\.sql changed after it was applied/);
    expect(error.message).toMatch(/new migration/);
    expect(await ran(pool)).toEqual(["0001", "0002", "0003"]);
  });

  it("refuses a database newer than the code", async () => {
    const pool = replica();
    write("0004_fourth.sql", "INSERT INTO ran VALUES ('0004');");
    await migrate(pool, dir);
    rmSync(join(dir, "0004_fourth.sql"));
    const error = await rejection(migrate(pool, dir));
    expect(error.message).toMatch(/at migration 4 .*knows only up to 3/);
  });

  it("rolls a failing file back entirely, names it, and applies it once it is fixed", async () => {
    const pool = replica();
    write("0004_broken.sql", "INSERT INTO ran VALUES ('0004'); INSERT INTO no_such_table VALUES (1);");
    const error = await rejection(migrate(pool, dir));
    expect(error.message).toMatch(/0004_broken\.sql failed and was rolled back: .*no_such_table/);
    expect(await ran(pool)).toEqual(["0001", "0002", "0003"]);
    expect((await migrationStatus(pool, dir)).pending).toEqual([4]);

    write("0004_broken.sql", "INSERT INTO ran VALUES ('0004');");
    expect(await migrate(pool, dir)).toEqual([4]);
  });

  it("refuses a misnamed file before touching the database", async () => {
    const pool = replica();
    write("5_bad.sql", "SELECT 1;");
    const error = await rejection(migrate(pool, dir));
    expect(error.message).toMatch(/must be named like 0002_add_table\.sql/);
    const table = await pool.query("SELECT to_regclass('schema_migrations') AS found");
    expect(table.rows).toEqual([{ found: null }]);
  });

  it("reports a database never migrated as all pending", async () => {
    expect(await migrationStatus(replica(), dir)).toEqual({
      applied: [],
      pending: [1, 2, 3],
      current: false,
    });
  });
});
