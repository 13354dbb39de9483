import { beforeEach, expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";
import { countRows, rawRows, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-12-01T09:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachStore(
  "transactions, batched work and closing",
  (each) => {
    let store: TestStore;
    let ws: number;
    beforeEach(async () => {
      store = each.store;
      ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
    });
    const names = async () =>
      (await store.workspaces.list())
        .map((w) => w.externalId)
        .filter((name) => name !== "test")
        .sort();
    const count = (table: string) => countRows(store, table);
    const add = async (key: string) => (await store.people.upsert(ws, personInput(key), T0)).id;

    it("rolls back every write when the transaction throws", async () => {
      await expect(
        store.transaction(async () => {
          await add("ana");
          await store.outbox.enqueue(
            { workspaceId: ws, key: "k", address: "dm:ana", payload: { text: "hi" }, notBefore: T0 },
            T0,
          );
          await store.audit.record({ workspaceId: ws, actorLabel: "cli", action: "a", entity: "e" }, T0);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      for (const table of ["people", "person_identities", "outbox", "audit_log"]) {
        expect(await count(table)).toBe(0);
      }
    });

    it("undoes only a nested transaction whose throw the outer one catches", async () => {
      const result = await store.transaction(async () => {
        await add("ana");
        try {
          await store.transaction(async () => {
            await add("ben");
            throw new Error("inner");
          });
        } catch {
          // the outer transaction goes on
        }
        return (await store.people.list(ws)).map((p) => p.key);
      });
      expect(result).toEqual(["ana"]);
      expect((await store.people.list(ws)).map((p) => p.key)).toEqual(["ana"]);
    });

    // SQLite has one connection, so the call from elsewhere waits; PostgreSQL runs it on another connection.
    it("never lets a call from elsewhere join an open transaction or see its writes", async () => {
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
      await store.transaction(async () => {
        await store.batched(async () => {
          await store.workspaces.ensure("console", "joined", "joined", T0);
        });
      });
      expect(await names()).toEqual(["joined"]);
    });

    it("commits batched work queued together, and a failing piece alone rolls back", async () => {
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

    it("answers a ping and proves it can write by rewriting the one health-probe row", async () => {
      expect(await store.ping()).toBe(true);
      await store.probeWrite(later(-1));
      await store.probeWrite(T0);
      expect(await rawRows(store, "SELECT id, probed_at FROM health_probe")).toEqual([
        { id: 1, probed_at: T0.getTime() },
      ]);
    });

    it("finishes batched work queued before it closes", async () => {
      const queued = store.batched(async () => await store.inbound.firstSeen("slack", "T1", "Ev1", T0));
      await store.close();
      await expect(queued).resolves.toBe(true);
    });

    it("closes once, however often it is asked to, and answers nothing after", async () => {
      await Promise.all([store.close(), store.close()]);
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  },
  { now: T0 },
);
