import { afterEach, describe, expect, it } from "vitest";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";
import { tempDatabasePath } from "../helpers/seeded-database.js";

const T0 = new Date("2026-12-01T09:00:00Z");
let store: SqliteStore;
afterEach(async () => {
  await store.close();
});

const names = async () => (await store.workspaces.list()).map((w) => w.externalId).sort();

describe("asynchronous transactions on the one SQLite connection", () => {
  it("makes a call from elsewhere wait until an open transaction ends, so it never joins it", async () => {
    store = openStore(tempDatabasePath("tx"), { now: T0 });
    let seenInside: string[] | undefined;
    const failing = store.transaction(async () => {
      await store.workspaces.ensure("console", "inside", "inside", T0);
      await Promise.resolve();
      await store.workspaces.ensure("console", "inside-2", "inside-2", T0);
      throw new Error("rolled back");
    });
    // Started while the transaction is open, from another asynchronous context.
    const outside = (async () => {
      await store.workspaces.ensure("console", "outside", "outside", T0);
      seenInside = await names();
    })();
    await expect(failing).rejects.toThrow("rolled back");
    await outside;
    expect(seenInside).toEqual(["outside"]);
    expect(await names()).toEqual(["outside"]);
  });

  it("rolls a nested transaction back to its savepoint and keeps the outer work", async () => {
    store = openStore(tempDatabasePath("tx"), { now: T0 });
    await store.transaction(async () => {
      await store.workspaces.ensure("console", "outer", "outer", T0);
      await expect(
        store.transaction(async () => {
          await store.workspaces.ensure("console", "inner", "inner", T0);
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
    });
    expect(await names()).toEqual(["outer"]);
  });

  it("lets batched work started inside a transaction join it instead of waiting for it", async () => {
    store = openStore(tempDatabasePath("tx"), { now: T0 });
    await store.transaction(async () => {
      await store.batched(async () => {
        await store.workspaces.ensure("console", "joined", "joined", T0);
      });
    });
    expect(await names()).toEqual(["joined"]);
  });

  it("commits batched work queued together once, and a failing piece alone rolls back", async () => {
    store = openStore(tempDatabasePath("tx"), { now: T0 });
    const results = await Promise.allSettled([
      store.batched(async () => store.workspaces.ensure("console", "a", "a", T0)),
      store.batched(async () => {
        await store.workspaces.ensure("console", "b", "b", T0);
        throw new Error("b fails");
      }),
      store.batched(async () => store.workspaces.ensure("console", "c", "c", T0)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await names()).toEqual(["a", "c"]);
  });
});
