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

/** Stores opened outside a test (beforeAll): closed when the file ends, before its databases are dropped. */
const closeWithFile: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closeWithFile.splice(0).map((close) => close()));
});

function closeAfterwards(close: () => Promise<void>): void {
  try {
    // In a test or its beforeEach: closed when that test ends, so pools never pile up over a file.
    onTestFinished(close);
  } catch {
    closeWithFile.push(close);
  }
}

/**
 * A fresh, migrated store of that kind, closed after the test (or the file, when opened in beforeAll):
 * SQLite in memory or in a temporary file; PostgreSQL in a database of its own on the run's server.
 */
export async function openTestStore(
  kind: StoreKind = testStoreKind(),
  options: { now?: Date; sqlite?: "memory" | "file" } = {},
): Promise<TestStore> {
  const now = options.now ?? DEFAULT_NOW;
  if (kind === "postgres") {
    const [store] = await openPostgresReplicas(1, now);
    return store!;
  }
  if (options.sqlite !== "file") {
    const store = createTestStore(now);
    closeAfterwards(() => store.close());
    return store;
  }
  const path = join(mkdtempSync(join(tmpdir(), "tandem-store-")), "tandem.db");
  const store = openStore(path, { now });
  closeAfterwards(async () => {
    await store.close();
    rmSync(dirname(path), { recursive: true, force: true });
  });
  return store;
}

/**
 * Replicas sharing one PostgreSQL database, each a store on a pool of its own, closed after the test. As
 * openPostgresStore opens them, on a database migrated once for the file and emptied between tests.
 */
export async function openPostgresReplicas(count: number, now = DEFAULT_NOW): Promise<PostgresStore[]> {
  const database = await migratedDatabase(now);
  const stores = Array.from({ length: count }, () =>
    createPostgresStore(createSql(createPool(database.url, { max: 6 }))),
  );
  closeAfterwards(async () => {
    await Promise.all(stores.map((store) => store.close()));
    database.release();
  });
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
