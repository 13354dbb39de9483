import { beforeEach, describe, expect, it } from "vitest";
import type { OutboxDraft } from "../../src/ports/store.js";
import { describeEachStore } from "../helpers/each-store.js";
import type { TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const LEASE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let store: TestStore;
let ws: number;
let other: number;

function draft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return {
    workspaceId: ws,
    key: "checkin:1:2026-11-30",
    address: "dm:ana",
    payload: { text: "How is it going?" },
    notBefore: T0,
    ...overrides,
  };
}

describeEachStore(
  "the outbox",
  (each) => {
    beforeEach(async () => {
      store = each.store;
      ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
      other = (await store.workspaces.ensure("console", "other", "Other", T0)).id;
    });

    describe("outbox enqueue", () => {
      it("writes a row once per key: the second enqueue is refused and the first payload kept", async () => {
        expect(await store.outbox.enqueue(draft(), T0)).toBe(true);
        expect(await store.outbox.enqueue(draft({ payload: { text: "second" } }), at(5))).toBe(false);
        const rows = await store.outbox.list();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          key: "checkin:1:2026-11-30",
          status: "pending",
          attempts: 0,
          payload: { text: "How is it going?" },
        });
      });

      it("keeps the same key apart in two workspaces", async () => {
        expect(await store.outbox.enqueue(draft(), T0)).toBe(true);
        expect(await store.outbox.enqueue(draft({ workspaceId: other, address: "dm:zoe" }), T0)).toBe(true);
        expect(await store.outbox.list()).toHaveLength(2);
        expect((await store.outbox.get(ws, "checkin:1:2026-11-30"))?.address).toBe("dm:ana");
        expect((await store.outbox.get(other, "checkin:1:2026-11-30"))?.address).toBe("dm:zoe");
      });

      it("round-trips optional fields and leaves them out when absent", async () => {
        await store.outbox.enqueue(draft({ key: "a", expiresAt: at(3_600_000) }), T0);
        await store.outbox.enqueue(draft({ key: "b" }), T0);
        expect((await store.outbox.get(ws, "a"))?.expiresAt).toEqual(at(3_600_000));
        const b = (await store.outbox.get(ws, "b"))!;
        expect(b.notBefore).toEqual(T0);
        expect("expiresAt" in b).toBe(false);
        expect("recipientId" in b).toBe(false);
        expect(await store.outbox.get(ws, "missing")).toBeUndefined();
        // Absent, not null; ids as numbers; the payload as an object.
        const a = (await store.outbox.get(ws, "a"))!;
        expect(a).toStrictEqual({
          id: 1,
          workspaceId: ws,
          key: "a",
          address: "dm:ana",
          payload: { text: "How is it going?" },
          status: "pending",
          notBefore: T0,
          expiresAt: at(3_600_000),
          attempts: 0,
        });
      });

      it("uses up no id on a refused enqueue: the next row is the second", async () => {
        expect(await store.outbox.enqueue(draft(), T0)).toBe(true);
        expect(await store.outbox.enqueue(draft(), T0)).toBe(false);
        expect(await store.outbox.enqueue(draft(), T0)).toBe(false);
        await store.outbox.enqueue(draft({ key: "next" }), T0);
        expect((await store.outbox.list()).map((item) => item.id)).toEqual([1, 2]);
      });
    });

    describe("outbox claim", () => {
      it("leases due rows so a second claim within the lease gets nothing", async () => {
        await store.outbox.enqueue(draft(), T0);
        const first = await store.outbox.claim(T0, LEASE, 10);
        expect(first).toHaveLength(1);
        expect(first[0]).toMatchObject({ status: "sending", attempts: 1 });
        expect(await store.outbox.claim(at(1), LEASE, 10)).toEqual([]);
        expect(await store.outbox.claim(at(LEASE - 1), LEASE, 10)).toEqual([]);
        expect(await store.outbox.get(ws, draft().key)).toMatchObject({ status: "sending", attempts: 1 });
      });

      it("does not claim a row before its not_before", async () => {
        await store.outbox.enqueue(draft({ notBefore: at(10_000) }), T0);
        expect(await store.outbox.claim(at(9_999), LEASE, 10)).toEqual([]);
        expect(await store.outbox.claim(at(10_000), LEASE, 10)).toHaveLength(1);
      });

      it("claims a row again when its lease runs out, counting the attempt", async () => {
        await store.outbox.enqueue(draft(), T0);
        await store.outbox.claim(T0, LEASE, 10);
        const again = await store.outbox.claim(at(LEASE + 1), LEASE, 10);
        expect(again).toHaveLength(1);
        expect(again[0]?.attempts).toBe(2);
        expect((await store.outbox.get(ws, draft().key))?.attempts).toBe(2);
        expect(await store.outbox.claim(at(LEASE + 2), LEASE, 10)).toEqual([]);
      });

      it("claims at most `limit` rows, oldest not_before first", async () => {
        await store.outbox.enqueue(draft({ key: "late", notBefore: at(2) }), T0);
        await store.outbox.enqueue(draft({ key: "early", notBefore: at(1) }), T0);
        await store.outbox.enqueue(draft({ key: "earliest", notBefore: T0 }), T0);
        const claimed = await store.outbox.claim(at(10), LEASE, 2);
        expect(claimed.map((c) => c.key)).toEqual(["earliest", "early"]);
        expect((await store.outbox.claim(at(10), LEASE, 2)).map((c) => c.key)).toEqual(["late"]);
      });

      it("lets workspaces take turns, keeping each workspace's rows in order", async () => {
        for (const key of ["a1", "a2", "a3"]) await store.outbox.enqueue(draft({ key }), T0);
        await store.outbox.enqueue(draft({ key: "b1", workspaceId: other, notBefore: at(1) }), T0);
        await store.outbox.enqueue(draft({ key: "b2", workspaceId: other, notBefore: at(2) }), T0);
        expect((await store.outbox.claim(at(10), LEASE, 4)).map((c) => c.key)).toEqual([
          "a1",
          "b1",
          "a2",
          "b2",
        ]);
        expect((await store.outbox.claim(at(10), LEASE, 4)).map((c) => c.key)).toEqual(["a3"]);
      });

      it("claims one ready row by key, and neither a leased, a later, a sent nor another workspace's row", async () => {
        await store.outbox.enqueue(draft({ key: "reply" }), T0);
        await store.outbox.enqueue(draft({ key: "later", notBefore: at(10_000) }), T0);
        await store.outbox.enqueue(draft({ key: "other" }), T0);
        expect(await store.outbox.claimKey(other, "reply", T0, LEASE)).toBeUndefined();
        expect(await store.outbox.claimKey(ws, "later", T0, LEASE)).toBeUndefined();
        const claimed = await store.outbox.claimKey(ws, "reply", T0, LEASE);
        expect(claimed).toMatchObject({ key: "reply", status: "sending", attempts: 1 });
        expect(await store.outbox.claimKey(ws, "reply", at(1), LEASE)).toBeUndefined();
        // A pass claims everything else but the leased row.
        expect((await store.outbox.claim(at(1), LEASE, 10)).map((c) => c.key)).toEqual(["other"]);
        // A lease that ran out (a crash during the send) is claimed again; a sent row never.
        expect(await store.outbox.claimKey(ws, "reply", at(LEASE + 1), LEASE)).toMatchObject({ attempts: 2 });
        await store.outbox.markSent(claimed!.id, at(LEASE + 2), "ts");
        expect(await store.outbox.claimKey(ws, "reply", at(3 * LEASE), LEASE)).toBeUndefined();
      });
    });

    describe("outbox outcomes", () => {
      it("markRetry puts the row back as pending, not claimable before the given instant", async () => {
        await store.outbox.enqueue(draft(), T0);
        const [item] = await store.outbox.claim(T0, LEASE, 10);
        await store.outbox.markRetry(item!.id, "rate limited", at(30_000));
        expect(await store.outbox.get(ws, draft().key)).toMatchObject({
          status: "pending",
          lastError: "rate limited",
          notBefore: at(30_000),
        });
        expect(await store.outbox.claim(at(29_999), LEASE, 10)).toEqual([]);
        const [retried] = await store.outbox.claim(at(30_000), LEASE, 10);
        expect(retried?.attempts).toBe(2);
      });

      it("markSent records the instant and reference, clears the error and is never claimed again", async () => {
        await store.outbox.enqueue(draft(), T0);
        const [item] = await store.outbox.claim(T0, LEASE, 10);
        await store.outbox.markRetry(item!.id, "timeout", T0);
        await store.outbox.claim(T0, LEASE, 10);
        await store.outbox.markSent(item!.id, at(5), "ts-123");
        const sent = (await store.outbox.get(ws, draft().key))!;
        expect(sent).toMatchObject({ status: "sent", sentAt: at(5), platformRef: "ts-123" });
        expect(sent.lastError).toBeUndefined();
        expect(await store.outbox.claim(at(LEASE * 10), LEASE, 10)).toEqual([]);
      });

      it("markSent without a platform reference stores none", async () => {
        await store.outbox.enqueue(draft(), T0);
        const [item] = await store.outbox.claim(T0, LEASE, 10);
        await store.outbox.markSent(item!.id, at(5), undefined);
        expect((await store.outbox.get(ws, draft().key))?.platformRef).toBeUndefined();
      });

      it("markDead and markExpired are final and say why", async () => {
        await store.outbox.enqueue(draft({ key: "dead" }), T0);
        await store.outbox.enqueue(draft({ key: "expired" }), T0);
        const items = await store.outbox.claim(T0, LEASE, 10);
        const id = (key: string) => items.find((i) => i.key === key)!.id;
        await store.outbox.markDead(id("dead"), "channel_not_found");
        await store.outbox.markExpired(id("expired"));
        expect(await store.outbox.get(ws, "dead")).toMatchObject({
          status: "dead",
          lastError: "channel_not_found",
        });
        const expired = (await store.outbox.get(ws, "expired"))!;
        expect(expired.status).toBe("expired");
        expect(expired.lastError).toMatch(/window closed/);
        expect(await store.outbox.claim(at(LEASE * 10), LEASE, 10)).toEqual([]);
      });
    });

    describe("outbox list", () => {
      it("filters by status, by workspace, and by both", async () => {
        await store.outbox.enqueue(draft({ key: "a" }), T0);
        await store.outbox.enqueue(draft({ key: "b" }), T0);
        await store.outbox.enqueue(draft({ key: "a", workspaceId: other }), T0);
        const [first] = await store.outbox.claim(T0, LEASE, 1);
        await store.outbox.markSent(first!.id, T0, "r");

        expect((await store.outbox.list()).map((i) => i.key)).toEqual(["a", "b", "a"]);
        expect((await store.outbox.list({ status: "sent" })).map((i) => [i.workspaceId, i.key])).toEqual([
          [ws, "a"],
        ]);
        expect(await store.outbox.list({ status: "pending" })).toHaveLength(2);
        expect((await store.outbox.list({ workspaceId: other })).map((i) => i.key)).toEqual(["a"]);
        expect(await store.outbox.list({ workspaceId: other, status: "sent" })).toEqual([]);
        expect((await store.outbox.list({ workspaceId: ws, status: "pending" })).map((i) => i.key)).toEqual([
          "b",
        ]);
      });
    });

    describe("outbox group progress", () => {
      it("remembers each member of a group address once, across a retry", async () => {
        await store.outbox.enqueue(draft({ address: "teams:t:group:a,b,c" }), T0);
        const [row] = await store.outbox.claim(T0, LEASE, 10);
        expect(row?.deliveredTo).toBeUndefined();
        await store.outbox.markDelivered(row!.id, "a");
        await store.outbox.markDelivered(row!.id, "a");
        await store.outbox.markRetry(row!.id, "429", at(1));
        await store.outbox.markDelivered(row!.id, "b");
        const [again] = await store.outbox.claim(at(1), LEASE, 10);
        expect(again?.deliveredTo).toEqual(["a", "b"]);
      });
    });

    describe("outbox deferrals, budgets and families", () => {
      it("puts a deferred row back without counting the attempt, and readies it earlier on demand", async () => {
        await store.outbox.enqueue(draft(), T0);
        const [item] = await store.outbox.claim(T0, LEASE, 10);
        await store.outbox.defer(item!.id, at(500));
        expect(await store.outbox.get(ws, draft().key)).toMatchObject({
          status: "pending",
          attempts: 0,
          notBefore: at(500),
        });
        expect(await store.outbox.claim(at(499), LEASE, 10)).toEqual([]);
        await store.outbox.readyAt(item!.id, at(100));
        expect(await store.outbox.claim(at(100), LEASE, 10)).toHaveLength(1);
      });

      it("counts a merged delivery once and each unreferenced one apart", async () => {
        const person = { timezone: "UTC", country: "BE", contactHours: "Mon-Fri 09:00-17:00", ids: {} };
        const ana = (
          await store.people.upsert(
            ws,
            { key: "ana", name: "Ana", ...person, isColleague: false, dailyBudget: 6 },
            T0,
          )
        ).id;
        const send = async (key: string, ref: string | undefined, sentAt: Date) => {
          await store.outbox.enqueue(draft({ key, recipientId: ana }), T0);
          await store.outbox.markSent((await store.outbox.get(ws, key))!.id, sentAt, ref);
        };
        await send("d1", "ts-1", at(10));
        await send("d2", "ts-1", at(10));
        await send("n1", undefined, at(20));
        await send("n2", undefined, at(30));
        await send("old", "ts-0", at(-10));
        await store.outbox.enqueue(draft({ key: "waiting", recipientId: ana }), T0);
        expect(await store.outbox.sentTo(ana, T0)).toBe(3);
        expect(await store.outbox.sentTo(ana, at(-100))).toBe(4);
        expect(await store.outbox.sentTo(ana + 1, T0)).toBe(0);
        // Several people at once, each from their own instant: the same counts.
        const each = [
          { recipientId: ana, since: T0 },
          { recipientId: ana + 1, since: T0 },
        ];
        expect(await store.outbox.sentToEach(each)).toEqual(
          new Map([
            [ana, 3],
            [ana + 1, 0],
          ]),
        );
        expect(await store.outbox.sentToEach([{ recipientId: ana, since: at(-100) }])).toEqual(
          new Map([[ana, 4]]),
        );
        expect(await store.outbox.sentToEach([])).toEqual(new Map());
      });

      it("withdraws and lists a key family by prefix, keys with % and _ taken literally", async () => {
        await store.outbox.enqueue(draft({ key: "nudge:1:a", notBefore: at(2) }), T0);
        await store.outbox.enqueue(draft({ key: "nudge:1:b", notBefore: at(1) }), T0);
        await store.outbox.enqueue(draft({ key: "nudge:10:a" }), T0);
        await store.outbox.enqueue(draft({ key: "nudge%1:a" }), T0);
        await store.outbox.enqueue(draft({ key: "nudge_1:a" }), T0);
        await store.outbox.enqueue(draft({ key: "nudgex1:a" }), T0);
        await store.outbox.enqueue(draft({ key: "nudge:1:c", workspaceId: other }), T0);
        const keys = async (prefix: string) => (await store.outbox.withPrefix(ws, prefix)).map((i) => i.key);
        expect(await keys("nudge_1:")).toEqual(["nudge_1:a"]);
        expect(await keys("nudge%")).toEqual(["nudge%1:a"]);
        expect((await store.outbox.withPrefix(ws, "nudge:1:")).map((i) => i.key)).toEqual([
          "nudge:1:b",
          "nudge:1:a",
        ]);
        expect(await store.outbox.cancelPending(ws, "nudge:1:")).toBe(2);
        expect(await store.outbox.get(ws, "nudge:1:a")).toMatchObject({
          status: "expired",
          lastError: "withdrawn: no longer needed",
        });
        expect((await store.outbox.list({ status: "pending" })).map((i) => i.key)).toEqual([
          "nudge:10:a",
          "nudge%1:a",
          "nudge_1:a",
          "nudgex1:a",
          "nudge:1:c",
        ]);
        // Several prefixes at once: each one's keys, taken literally, in this workspace only.
        expect(await store.outbox.cancelPending(ws, ["nudge_1:", "nudge%", "nudge:9:", "nudge:1:"])).toBe(2);
        expect(await store.outbox.cancelPending(ws, [])).toBe(0);
        expect((await store.outbox.list({ status: "pending" })).map((i) => i.key)).toEqual([
          "nudge:10:a",
          "nudgex1:a",
          "nudge:1:c",
        ]);
      });
    });
  },
  { now: T0 },
);
