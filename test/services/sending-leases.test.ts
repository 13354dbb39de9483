import { afterEach, describe, expect, it } from "vitest";
import { createSendingLeases } from "../../src/services/sending-leases.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";
import { tempDatabasePath } from "../helpers/seeded-database.js";

const T0 = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let store: SqliteStore;

afterEach(async () => {
  await store.close();
});

async function withReadyRows(workspaces: string[]) {
  store = openStore(tempDatabasePath("leases"), { now: T0 });
  const ids: number[] = [];
  for (const name of workspaces) {
    const ws = await store.workspaces.ensure("console", name, name, T0);
    ids.push(ws.id);
    await store.outbox.enqueue(
      {
        workspaceId: ws.id,
        key: `k-${name}`,
        address: `console:${name}:user:ana`,
        payload: { text: "hi" },
        notBefore: T0,
      },
      T0,
    );
  }
  return ids;
}

describe("sending leases across replicas", () => {
  it("lets one replica at a time send for a workspace, and the other claims nothing of it", async () => {
    const [one] = await withReadyRows(["one"]);
    const a = createSendingLeases(store, "replica-a", 90_000);
    const b = createSendingLeases(store, "replica-b", 90_000);
    expect(await a.take(at(0))).toEqual([one]);
    expect(await b.take(at(1))).toEqual([]);
    expect(await store.outbox.claim(at(1), 60_000, 10, [])).toEqual([]);
    expect((await store.outbox.claim(at(1), 60_000, 10, await a.take(at(1)))).map((r) => r.key)).toEqual([
      "k-one",
    ]);
  });

  it("hands a workspace over when its holder dies and the lease runs out, not before", async () => {
    const [one] = await withReadyRows(["one"]);
    const a = createSendingLeases(store, "replica-a", 90_000);
    const b = createSendingLeases(store, "replica-b", 90_000);
    await a.take(at(0));
    expect(await b.take(at(89))).toEqual([]);
    expect(await b.take(at(90))).toEqual([one]);
    expect(await a.take(at(91))).toEqual([]);
  });

  it("hands back the leases of workspaces with nothing left to send, so another replica sends at once", async () => {
    const [one, two] = await withReadyRows(["one", "two"]);
    const a = createSendingLeases(store, "replica-a", 90_000);
    const b = createSendingLeases(store, "replica-b", 90_000);
    expect((await a.take(at(0))).sort()).toEqual([one, two]);
    const [row] = await store.outbox.claim(at(0), 60_000, 10, [one!]);
    await store.outbox.markSent(row!.id, at(1), undefined);
    await a.settle(at(1));
    await store.outbox.enqueue(
      {
        workspaceId: one!,
        key: "k-later",
        address: "console:one:user:ana",
        payload: { text: "hi" },
        notBefore: at(2),
      },
      at(2),
    );
    expect(await b.take(at(2))).toEqual([one]);
  });
});
