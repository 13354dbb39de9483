import { beforeEach, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import { describeEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";
import type { TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");

let store: TestStore;
let ws: number;

const person = personInput;

const version = async () => (await store.workspaces.findVersioned("console", "test"))?.directoryVersion;

/** Runs `write` and answers whether the workspace's directory version changed. */
async function changes(write: () => Promise<unknown>): Promise<boolean> {
  const before = await version();
  await write();
  return (await version()) !== before;
}

describeEachStore("directory versions", (each) => {
  let ana: number;
  let bram: number;
  let internship: number;
  beforeEach(async () => {
    store = each.store;
    ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
    ana = (await store.people.upsert(ws, person("ana"), T0)).id;
    bram = (await store.people.upsert(ws, person("bram"), T0)).id;
    internship = (
      await store.internships.upsert(
        ws,
        { key: "ana-2026", internId: ana, supervisorId: bram, start: "2026-11-01", end: "2027-03-31" },
        T0,
      )
    ).id;
  });

  it("changes with every write to people, their ids and leave, internships, conversations, agreements and days off", async () => {
    expect(await changes(() => store.people.upsert(ws, person("ana", { name: "Ana S" }), T0))).toBe(true);
    expect(
      await changes(() => store.people.upsert(ws, person("ana", { ids: { console: "ana2" } }), T0)),
    ).toBe(true);
    expect(
      await changes(() => store.people.addLeave(ws, bram, { from: "2026-12-08", to: "2026-12-09" }, T0)),
    ).toBe(true);
    expect(await changes(() => store.people.setColleague(bram, true))).toBe(true);
    expect(
      await changes(() =>
        store.internships.upsert(
          ws,
          { key: "ana-2026", internId: ana, supervisorId: ana, start: "2026-11-01", end: "2027-03-31" },
          T0,
        ),
      ),
    ).toBe(true);
    expect(await changes(() => store.internships.replaceConversations(ws, internship, ["C2"]))).toBe(true);
    expect(
      await changes(() => store.agreements.addVersion(ws, internship, DEFAULT_TERMS, undefined, T0)),
    ).toBe(true);
    expect(
      await changes(() =>
        store.daysOff.replace(ws, {
          holidays: [{ country: "BE", date: "2026-12-28", name: "Extra" }],
          closures: [],
        }),
      ),
    ).toBe(true);
  });

  it("stays the same through what the inbound path writes, and for unchanged upserts", async () => {
    expect(await changes(() => store.people.upsert(ws, person("ana"), T0))).toBe(false);
    expect(await changes(() => store.inbound.firstSeen("console", "test", "ev1", T0))).toBe(false);
    expect(await changes(() => store.activity.record(ws, internship, ana, "home", "m1", T0))).toBe(false);
    expect(
      await changes(() =>
        store.outbox.enqueue(
          {
            workspaceId: ws,
            key: "k1",
            recipientId: ana,
            address: "console:test:user:ana",
            payload: { text: "hi" },
            notBefore: T0,
          },
          T0,
        ),
      ),
    ).toBe(false);
  });

  it("never comes back to a version that a rolled-back write gave", async () => {
    const before = await version();
    let inside: number | undefined;
    await expect(
      store.transaction(async () => {
        await store.people.upsert(ws, person("ana", { name: "Rolled back" }), T0);
        inside = await version();
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(inside).not.toBe(before);
    expect(await version()).toBe(before);
    await store.people.upsert(ws, person("ana", { name: "Committed" }), T0);
    const after = await version();
    expect(after).not.toBe(before);
    expect(after).not.toBe(inside);
  });
});
