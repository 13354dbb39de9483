import { beforeEach, expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";
import type { TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let store: TestStore;
let ws: number;

describeEachStore(
  "inbound dedupe and the audit log",
  (each) => {
    beforeEach(async () => {
      store = each.store;
      ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
    });

    it("sees an inbound event id first once, then as a redelivery", async () => {
      expect(await store.inbound.firstSeen("slack", "T1", "Ev1", T0)).toBe(true);
      expect(await store.inbound.firstSeen("slack", "T1", "Ev1", later(1))).toBe(false);
      expect(await store.inbound.firstSeen("teams", "T1", "Ev1", later(1))).toBe(true);
      await store.inbound.forget("slack", "T1", "Ev1");
      expect(await store.inbound.firstSeen("slack", "T1", "Ev1", later(2))).toBe(true);
      expect(await store.inbound.prune(later(2))).toBe(1);
      expect(await store.inbound.prune(later(2))).toBe(0);
    });

    it("sees a delivery first again when the transaction that recorded it rolled back", async () => {
      await expect(
        store.transaction(async () => {
          expect(await store.inbound.firstSeen("slack", "T1", "Ev2", T0)).toBe(true);
          throw new Error("the effect failed");
        }),
      ).rejects.toThrow("the effect failed");
      expect(await store.inbound.firstSeen("slack", "T1", "Ev2", T0)).toBe(true);
    });

    it("keeps the same event id apart in two workspaces", async () => {
      expect(await store.inbound.firstSeen("slack", "T1", "Ev9", T0)).toBe(true);
      expect(await store.inbound.firstSeen("slack", "T2", "Ev9", T0)).toBe(true);
    });

    it("records audit entries and lists them newest first for their workspace only", async () => {
      const other = (await store.workspaces.ensure("console", "other", "", T0)).id;
      const entry = { workspaceId: ws, actorLabel: "import", action: "person.create", entity: "person" };
      await store.audit.record({ ...entry, entityId: 1, detail: { key: "ana" } }, T0);
      await store.audit.record({ ...entry, action: "person.update" }, later(1));
      await store.audit.record({ ...entry, action: "person.leave" }, later(1));
      await store.audit.record({ ...entry, workspaceId: other, action: "x" }, later(2));
      const entries = await store.audit.list(ws);
      // Ties in time: the last written first.
      expect(entries.map((e) => e.action)).toEqual(["person.leave", "person.update", "person.create"]);
      expect(entries[2]).toStrictEqual({ ...entry, entityId: 1, detail: { key: "ana" }, at: T0 });
      expect(entries[0]).toStrictEqual({ ...entry, action: "person.leave", at: later(1) });
      expect(await store.audit.list(ws, 2)).toHaveLength(2);
    });
  },
  { now: T0 },
);
