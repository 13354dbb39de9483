import { afterEach, describe, expect, it } from "vitest";
import { createSettableClock } from "../../src/ports/clock.js";
import { createSendingLeases } from "../../src/services/sending-leases.js";
import { openTestStore, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let store: TestStore;
/** The time of day; each test's passes run at `at(...)`, at or after it. */
const clock = createSettableClock(T0);

afterEach(() => {
  clock.set(T0);
});

async function withReadyRows(workspaces: string[]) {
  store = await openTestStore(undefined, { now: T0, sqlite: "file" });
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
    const a = createSendingLeases(store, "replica-a", 90_000, clock);
    const b = createSendingLeases(store, "replica-b", 90_000, clock);
    expect(await a.take(at(0))).toEqual([one]);
    expect(await b.take(at(1))).toEqual([]);
    expect(await store.outbox.claim(at(1), 60_000, 10, [])).toEqual([]);
    expect((await store.outbox.claim(at(1), 60_000, 10, await a.take(at(1)))).map((r) => r.key)).toEqual([
      "k-one",
    ]);
  });

  it("hands a workspace over when its holder dies and the lease runs out, not before", async () => {
    const [one] = await withReadyRows(["one"]);
    const a = createSendingLeases(store, "replica-a", 90_000, clock);
    const b = createSendingLeases(store, "replica-b", 90_000, clock);
    await a.take(at(0));
    expect(await b.take(at(89))).toEqual([]);
    expect(await b.take(at(90))).toEqual([one]);
    expect(await a.take(at(91))).toEqual([]);
  });

  it("hands back the leases of workspaces with nothing left to send, so another replica sends at once", async () => {
    const [one, two] = await withReadyRows(["one", "two"]);
    const a = createSendingLeases(store, "replica-a", 90_000, clock);
    const b = createSendingLeases(store, "replica-b", 90_000, clock);
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

  it("runs a lease from the time it is taken, not from a pass that started earlier", async () => {
    const [one] = await withReadyRows(["one"]);
    const a = createSendingLeases(store, "replica-a", 90_000, clock);
    const b = createSendingLeases(store, "replica-b", 90_000, clock);
    // A's pass was planned at 0 but reaches its sends at 100 s (planning took that long).
    clock.set(at(100));
    expect(await a.take(at(0))).toEqual([one]);
    expect(await b.take(at(101))).toEqual([]);
    expect(await b.take(at(190))).toEqual([one]);
  });

  it("keeps the leases of a pass that sends longer than a lease, and says which it lost", async () => {
    const [one, two] = await withReadyRows(["one", "two"]);
    const a = createSendingLeases(store, "replica-a", 90_000, clock);
    const b = createSendingLeases(store, "replica-b", 90_000, clock);
    expect((await a.take(at(0))).sort()).toEqual([one, two]);
    // Every row claimed and still being sent: none is ready, yet the workspaces stay A's.
    await store.outbox.claim(at(0), 300_000, 10, [one!, two!]);
    clock.set(at(60));
    expect(await a.renew()).toEqual([]);
    await store.outbox.enqueue(
      {
        workspaceId: two!,
        key: "k-more",
        address: "console:two:user:ana",
        payload: { text: "hi" },
        notBefore: at(100),
      },
      at(100),
    );
    expect(await b.take(at(120))).toEqual([]);
    // A stalls past its lease: B takes the workspace with ready rows, and A's next renewal lets it go.
    expect(await b.take(at(151))).toEqual([two]);
    clock.set(at(152));
    expect(await a.renew()).toEqual([two]);
    expect([a.holds(one!), a.holds(two!)]).toEqual([true, false]);
  });
});
