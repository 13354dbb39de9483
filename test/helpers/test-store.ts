/**
 * Stores for the tests: real migrations on a real engine. SQLite by default; PostgreSQL when a test asks for
 * it (the contract suite, each-store.ts) or when TANDEM_TEST_STORE=postgres (the service tests' second run).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, onTestFinished } from "vitest";
import { createPostgresStore, type PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { createPool, createSql } from "../../src/storage/postgres/sql.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";
import { migratedDatabase } from "./postgres.js";

export type StoreKind = "sqlite" | "postgres";
export type TestStore = SqliteStore | PostgresStore;
export const STORE_KINDS: readonly StoreKind[] = ["sqlite", "postgres"];

const DEFAULT_NOW = new Date("2026-11-30T12:00:00Z");

/** A real in-memory SQLite with the real migrations. */
export function createTestStore(now = DEFAULT_NOW): SqliteStore {
  return openStore(":memory:", { now });
}

/** The store the service tests run on: TANDEM_TEST_STORE (sqlite or postgres), SQLite when unset. */
export function testStoreKind(): StoreKind {
  const kind = process.env.TANDEM_TEST_STORE?.trim() || "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") {
    throw new Error(`TANDEM_TEST_STORE must be sqlite or postgres, not "${kind}"`);
  }
  return kind;
}

/** True on the PostgreSQL run: skips what only SQLite has (a file the CLI opens, foreign keys switched off). */
export function onPostgresRun(): boolean {
  return testStoreKind() === "postgres";
}

/** Stores opened outside a test (beforeAll): closed when the file ends, before its databases are dropped. */
const closeWithFile: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closeWithFile.splice(0).map((close) => close()));
});

function closeAfterwards(close: () => Promise<void>, after: "test" | "file" = "test"): void {
  if (after === "file") {
    closeWithFile.push(close);
    return;
  }
  try {
    // In a test or its beforeEach: closed when that test ends, so pools never pile up over a file.
    onTestFinished(close);
  } catch {
    closeWithFile.push(close);
  }
}

/**
 * A fresh, migrated store of that kind, closed after the test (or the file: `closeAfter`, or opened in beforeAll):
 * SQLite in memory or in a temporary file; PostgreSQL in a database of its own on the run's server.
 */
export async function openTestStore(
  kind: StoreKind = testStoreKind(),
  options: { now?: Date; sqlite?: "memory" | "file"; closeAfter?: "test" | "file" } = {},
): Promise<TestStore> {
  const now = options.now ?? DEFAULT_NOW;
  if (kind === "postgres") {
    const [store] = await openPostgresReplicas(1, now, options.closeAfter);
    return store!;
  }
  if (options.sqlite !== "file") {
    const store = createTestStore(now);
    closeAfterwards(() => store.close(), options.closeAfter);
    return store;
  }
  const path = join(mkdtempSync(join(tmpdir(), "tandem-store-")), "tandem.db");
  const store = openStore(path, { now });
  closeAfterwards(async () => {
    await store.close();
    rmSync(dirname(path), { recursive: true, force: true });
  }, options.closeAfter);
  return store;
}

/** A database a test opens more than once (a restart): each store it opens is closed after the test. */
export interface TestDatabase {
  open(): Promise<TestStore>;
}

/** A fresh, migrated database of that kind: a temporary SQLite file, or a PostgreSQL database of its own. */
export async function testDatabase(
  kind: StoreKind = testStoreKind(),
  now = DEFAULT_NOW,
): Promise<TestDatabase> {
  if (kind === "postgres") {
    const database = await migratedDatabase(now);
    const opened: PostgresStore[] = [];
    closeAfterwards(async () => {
      await Promise.all(opened.map((store) => store.close()));
      database.release();
    });
    return {
      open: async () => {
        const store = createPostgresStore(createSql(createPool(database.url, { max: 4 })));
        opened.push(store);
        return store;
      },
    };
  }
  const path = join(mkdtempSync(join(tmpdir(), "tandem-store-")), "tandem.db");
  const opened: SqliteStore[] = [];
  closeAfterwards(async () => {
    await Promise.all(opened.map((store) => store.close()));
    rmSync(dirname(path), { recursive: true, force: true });
  });
  return {
    open: async () => {
      const store = openStore(path, { now });
      opened.push(store);
      return store;
    },
  };
}

/**
 * Replicas sharing one PostgreSQL database, each a store on a pool of its own, closed after the test. As
 * openPostgresStore opens them, on a database migrated once for the file and emptied between tests.
 */
export async function openPostgresReplicas(
  count: number,
  now = DEFAULT_NOW,
  closeAfter: "test" | "file" = "test",
): Promise<PostgresStore[]> {
  const database = await migratedDatabase(now);
  const stores = Array.from({ length: count }, () =>
    createPostgresStore(createSql(createPool(database.url, { max: 6 }))),
  );
  closeAfterwards(async () => {
    await Promise.all(stores.map((store) => store.close()));
    database.release();
  }, closeAfter);
  return stores;
}

/**
 * Runs a statement written in SQL both engines accept, with literal values only (fixtures, or a look at what
 * was stored), in the caller's transaction if any; returns its rows. PostgreSQL reads BIGINT as numbers,
 * but BOOLEAN as true/false and JSON columns as objects where SQLite has 0/1 and text.
 */
export async function rawRows(store: TestStore, text: string): Promise<Record<string, unknown>[]> {
  if (!("db" in store)) return store.sql.rows<Record<string, unknown>>(text);
  const statement = store.db.prepare(text);
  if (statement.reader) return statement.all() as Record<string, unknown>[];
  statement.run();
  return [];
}

/** How many rows a table holds. */
export async function countRows(store: TestStore, table: string): Promise<number> {
  const [row] = await rawRows(store, `SELECT count(*) AS n FROM ${table}`);
  return Number(row?.n);
}

/** Runs several statements both engines accept (fixtures with literal values): SQLite's exec, one query on PostgreSQL. */
export async function rawScript(store: TestStore, text: string): Promise<void> {
  if ("db" in store) store.db.exec(text);
  else await store.sql.run(text);
}

/** Every table of the store's schema (migration bookkeeping included). */
export async function tableNames(store: TestStore): Promise<string[]> {
  const rows = await rawRows(
    store,
    "db" in store
      ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
  );
  return rows.map((row) => String(row.name));
}
