/**
 * The contract suite's shape: the same tests on every store. `describeEachStore` runs a block once per
 * engine; `sameOnEachStore` runs one scenario on both and requires the very same answer.
 */
import { beforeEach, describe, expect } from "vitest";
import { openTestStore, STORE_KINDS, type StoreKind, type TestStore } from "./test-store.js";

export interface EachStore {
  readonly kind: StoreKind;
  /** This test's store: fresh and migrated, closed after the test. */
  readonly store: TestStore;
}

/**
 * Runs `body` once per store ("name (sqlite)", then "name (postgres)"). Each test gets a fresh migrated
 * store, SQLite in a temporary file and PostgreSQL in a fresh database, opened before the block's own
 * beforeEach hooks run.
 */
export function describeEachStore(
  name: string,
  body: (each: EachStore) => void,
  options: { now?: Date } = {},
): void {
  describe.each(STORE_KINDS)(`${name} (%s)`, (kind) => {
    let current: TestStore | undefined;
    beforeEach(async () => {
      current = await openTestStore(kind, { sqlite: "file", ...(options.now ? { now: options.now } : {}) });
    });
    body({
      kind,
      get store() {
        if (!current) throw new Error("the store opens before each test: read it inside a test or hook");
        return current;
      },
    });
  });
}

/**
 * Runs the scenario on a fresh SQLite store, then on a fresh PostgreSQL one, and expects the same answer
 * from both, down to absent fields (undefined, not null), types, order and key order (exports are JSON).
 * Returns it, for the test's own expectations.
 */
export async function sameOnEachStore<T>(
  scenario: (store: TestStore) => Promise<T>,
  options: { now?: Date } = {},
): Promise<T> {
  const open = (kind: StoreKind) =>
    openTestStore(kind, { sqlite: "file", ...(options.now ? { now: options.now } : {}) });
  const fromSqlite = await scenario(await open("sqlite"));
  const fromPostgres = await scenario(await open("postgres"));
  expect(fromPostgres).toStrictEqual(fromSqlite);
  expect(JSON.stringify(fromPostgres)).toBe(JSON.stringify(fromSqlite));
  return fromPostgres;
}
