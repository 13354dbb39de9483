import { beforeEach, expect, it } from "vitest";
import { describeEachStore, sameOnEachStore } from "../helpers/each-store.js";
import type { TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A workspace with `count` internships for wake-ups to point at (the table's foreign key); their ids. */
async function internships(store: TestStore, count: number): Promise<{ ws: number; ships: number[] }> {
  const ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
  const ana = (
    await store.people.upsert(
      ws,
      {
        key: "ana",
        name: "Ana",
        timezone: "UTC",
        country: "BE",
        contactHours: "Mon-Fri 09:00-17:00",
        ids: {},
        isColleague: false,
        dailyBudget: 6,
      },
      T0,
    )
  ).id;
  const ships: number[] = [];
  for (let n = 0; n < count; n++) {
    const input = {
      key: `ship${n}`,
      internId: ana,
      supervisorId: ana,
      start: "2026-11-01",
      end: "2027-03-31",
    };
    ships.push((await store.internships.upsert(ws, input, T0)).id);
  }
  return { ws, ships };
}

describeEachStore(
  "wake-ups",
  (each) => {
    let store: TestStore;
    let ws: number;
    let ships: number[];
    beforeEach(async () => {
      store = each.store;
      ({ ws, ships } = await internships(store, 4));
    });

    it("hands out due wake-ups earliest first, up to the limit, of the asked kind only", async () => {
      const { wakeups } = store;
      const [a, b, c, d] = ships as [number, number, number, number];
      await wakeups.set(ws, a, "checkin", at(30));
      await wakeups.set(ws, b, "checkin", at(10));
      await wakeups.set(ws, d, "checkin", at(10));
      await wakeups.set(ws, c, "checkin", at(20));
      await wakeups.set(ws, a, "digest", at(0));
      await wakeups.set(ws, c, "checkin-later", at(99_999));
      expect(await wakeups.due("checkin", at(25), 2)).toEqual([
        { workspaceId: ws, internshipId: b },
        { workspaceId: ws, internshipId: d },
      ]);
      // The rule moves each wake-up it evaluated: the next pass hands out the rest.
      await wakeups.set(ws, b, "checkin", at(1_000));
      await wakeups.clear(d, "checkin");
      expect(await wakeups.due("checkin", at(25), 10)).toEqual([{ workspaceId: ws, internshipId: c }]);
      await wakeups.set(ws, c, "checkin", at(1_000));
      expect(await wakeups.due("checkin", at(25), 10)).toEqual([]);
    });

    it("touch brings wake-ups forward, never later, and plans missing kinds", async () => {
      const { wakeups } = store;
      const [a] = ships as [number];
      await wakeups.set(ws, a, "checkin", at(100));
      await wakeups.set(ws, a, "digest", at(10));
      await wakeups.touch(ws, a, ["checkin", "digest", "patterns", "checkin"], at(50));
      expect(await wakeups.get(a, "checkin")).toEqual(at(50));
      expect(await wakeups.get(a, "digest")).toEqual(at(10));
      expect(await wakeups.get(a, "patterns")).toEqual(at(50));
      await wakeups.touch(ws, a, [], at(0));
      expect(await wakeups.get(a, "digest")).toEqual(at(10));
    });

    it("touchEach does the same for several internships at once, an internship named twice once", async () => {
      const { wakeups } = store;
      const [a, b] = ships as [number, number];
      await wakeups.set(ws, a, "checkin", at(100));
      await wakeups.set(ws, b, "checkin", at(10));
      const both = [
        { workspaceId: ws, internshipId: b },
        { workspaceId: ws, internshipId: a },
        { workspaceId: ws, internshipId: b },
      ];
      await wakeups.touchEach(both, ["checkin", "patterns", "checkin"], at(50));
      expect(await wakeups.get(a, "checkin")).toEqual(at(50));
      expect(await wakeups.get(b, "checkin")).toEqual(at(10));
      expect(await wakeups.get(a, "patterns")).toEqual(at(50));
      expect(await wakeups.get(b, "patterns")).toEqual(at(50));
      await wakeups.touchEach([], ["checkin"], at(0));
      await wakeups.touchEach(both, [], at(0));
      expect(await wakeups.get(b, "checkin")).toEqual(at(10));
    });

    it("set moves a wake-up either way; clear and clearAll remove them", async () => {
      const { wakeups } = store;
      const [a, b] = ships as [number, number];
      await wakeups.set(ws, a, "checkin", at(100));
      await wakeups.set(ws, a, "checkin", at(500));
      expect(await wakeups.get(a, "checkin")).toEqual(at(500));
      await wakeups.set(ws, a, "digest", at(1));
      await wakeups.set(ws, b, "digest", at(1));
      await wakeups.clear(a, "checkin");
      expect(await wakeups.get(a, "checkin")).toBeUndefined();
      await wakeups.clearAll(a);
      expect(await wakeups.get(a, "digest")).toBeUndefined();
      expect(await wakeups.get(b, "digest")).toEqual(at(1));
    });
  },
  { now: T0 },
);

it("hands out wake-ups due at the same instant in the same order on both stores", async () => {
  const order = await sameOnEachStore(async (store) => {
    const { ws, ships } = await internships(store, 10);
    const plan = [5, 3, 9, 1, 7, 2, 8, 4, 6];
    for (const [i, n] of plan.entries()) await store.wakeups.set(ws, ships[n]!, "checkin", at(i % 3));
    return (await store.wakeups.due("checkin", at(10), 100)).map((w) => ships.indexOf(w.internshipId));
  });
  // Earliest first; ties by internship.
  expect(order).toEqual([1, 5, 8, 3, 4, 7, 2, 6, 9]);
});
