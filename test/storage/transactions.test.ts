import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";

const T0 = new Date("2026-12-01T09:00:00Z");

describeEachStore(
  "asynchronous transactions",
  (each) => {
    const names = async () => (await each.store.workspaces.list()).map((w) => w.externalId).sort();

    // SQLite has one connection, so the call from elsewhere waits; PostgreSQL runs it on another connection.
    it("never lets a call from elsewhere join an open transaction or see its writes", async () => {
      const { store } = each;
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

    it("lets batched work started inside a transaction join it instead of waiting for it", async () => {
      const { store } = each;
      await store.transaction(async () => {
        await store.batched(async () => {
          await store.workspaces.ensure("console", "joined", "joined", T0);
        });
      });
      expect(await names()).toEqual(["joined"]);
    });

    it("commits batched work queued together, and a failing piece alone rolls back", async () => {
      const { store } = each;
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
  },
  { now: T0 },
);
