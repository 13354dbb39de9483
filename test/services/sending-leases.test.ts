import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userAddress } from "../../src/domain/addresses.js";
import { createSettableClock } from "../../src/ports/clock.js";
import {
  createSendingLeases,
  preferredReplica,
  type SendingLeases,
} from "../../src/services/sending-leases.js";
import { openTestStore, type TestStore } from "../helpers/test-store.js";

const NOW = new Date("2026-12-01T09:00:00Z");
const TTL = 90_000;
const NAMES = ["replica-1", "replica-2", "replica-3"];
const WORKSPACES = 12;

let store: TestStore;
let workspaceIds: number[];
const clock = createSettableClock(NOW);
const later = (ms: number) => new Date(clock.now().getTime() + ms);

beforeEach(async () => {
  clock.set(NOW);
  store = await openTestStore(undefined, { now: NOW });
  workspaceIds = [];
  for (let w = 1; w <= WORKSPACES; w++) {
    const { id } = await store.workspaces.ensure("console", `w${w}`, "", NOW);
    workspaceIds.push(id);
    await store.outbox.enqueue(
      {
        workspaceId: id,
        key: "m",
        address: userAddress("console", `w${w}`, "ana"),
        payload: { text: "hi" },
        notBefore: NOW,
      },
      NOW,
    );
  }
});
afterEach(async () => {
  await store.close();
});

const replica = (name: string): SendingLeases => createSendingLeases(store, name, TTL, clock);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe("sending leases spread over the live replicas", () => {
  it("gives each of three replicas the workspaces rendezvous hashing prefers for it, all of them and none twice", async () => {
    const replicas = NAMES.map(replica);
    // Each announces itself first (its first tick), then each takes.
    for (const r of replicas) await r.take(NOW);
    const taken = [];
    for (const r of replicas) taken.push(sorted(await r.take(NOW)));
    for (const [i, mine] of taken.entries()) {
      expect(mine.length, `${NAMES[i]} sends for some workspaces`).toBeGreaterThan(0);
      expect(mine).toEqual(workspaceIds.filter((id) => preferredReplica(id, NAMES) === NAMES[i]));
    }
    expect(sorted(taken.flat())).toEqual(workspaceIds);
  });

  it("hands a joining replica its share at the next take, and takes a dead replica's share once its beat is a lease old", async () => {
    const [one, two, three] = NAMES.map(replica);
    // Alone, the first replica sends for everything.
    expect(sorted(await one!.take(NOW))).toEqual(workspaceIds);
    // Two more join: the first hands theirs back, and they take them.
    await two!.take(NOW);
    await three!.take(NOW);
    const first = sorted(await one!.take(NOW));
    expect(first).toEqual(workspaceIds.filter((id) => preferredReplica(id, NAMES) === "replica-1"));
    const third = sorted(await three!.take(NOW));
    expect(third).toEqual(workspaceIds.filter((id) => preferredReplica(id, NAMES) === "replica-3"));
    expect(third.some((id) => one!.holds(id))).toBe(false);

    // The third dies: nothing changes while its beat and leases last, then the other two share its workspaces.
    clock.set(later(TTL / 2));
    expect(sorted(await one!.take(clock.now()))).toEqual(first);
    await two!.take(clock.now());
    clock.set(later(TTL / 2 + 1));
    const survivors = ["replica-1", "replica-2"];
    const afterOne = sorted(await one!.take(clock.now()));
    const afterTwo = sorted(await two!.take(clock.now()));
    expect(afterOne).toEqual(workspaceIds.filter((id) => preferredReplica(id, survivors) === "replica-1"));
    expect(afterTwo).toEqual(workspaceIds.filter((id) => preferredReplica(id, survivors) === "replica-2"));
    expect(sorted([...afterOne, ...afterTwo])).toEqual(workspaceIds);
    // Rendezvous hashing moves only the dead replica's workspaces.
    expect(first.every((id) => afterOne.includes(id))).toBe(true);
  });

  it("hands everything back when a replica leaves, so another takes over without waiting for the lease", async () => {
    const [one, two] = NAMES.map(replica);
    await one!.take(NOW);
    await two!.take(NOW);
    const mine = await one!.take(NOW);
    await one!.leave();
    expect(await store.replicas.live(new Date(NOW.getTime() - TTL))).toEqual(["replica-2"]);
    expect(sorted(await two!.take(NOW))).toEqual(workspaceIds);
    expect(mine.length).toBeGreaterThan(0);
  });
});
