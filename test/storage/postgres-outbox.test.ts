import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboxDraft, OutboxRepo } from "../../src/ports/store.js";
import { createOutboxRepo } from "../../src/storage/postgres/outbox-repo.js";
import { createWorkspaceRepo } from "../../src/storage/postgres/workspace-repo.js";
import { emptyTables, openScratchSql, type ScratchSql, scratchDatabase } from "../helpers/pg-scratch.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const LEASE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: Awaited<ReturnType<typeof scratchDatabase>>;
/** Two replicas: each its own pool on the same database. */
let one: ScratchSql;
let two: ScratchSql;
let outbox: OutboxRepo;
let ws: number;
let other: number;

const draft = (overrides: Partial<OutboxDraft> = {}): OutboxDraft => ({
  workspaceId: ws,
  key: "checkin:1:2026-11-30",
  address: "dm:ana",
  payload: { text: "How is it going?" },
  notBefore: T0,
  ...overrides,
});

beforeAll(async () => {
  db = await scratchDatabase();
  one = openScratchSql(db.url, 6);
  two = openScratchSql(db.url, 6);
  outbox = createOutboxRepo(one);
});
afterAll(async () => {
  await one?.end();
  await two?.end();
  await db?.drop();
});
beforeEach(async () => {
  await emptyTables(one);
  const workspaces = createWorkspaceRepo(one);
  ws = (await workspaces.ensure("console", "test", "Test", T0)).id;
  other = (await workspaces.ensure("console", "other", "Other", T0)).id;
});

describe("PostgreSQL outbox: dedupe", () => {
  it("writes one row per key however many replicas enqueue it at once", async () => {
    const replicas = [createOutboxRepo(one), createOutboxRepo(two)];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        replicas[i % 2]!.enqueue(draft({ payload: { text: `copy ${i}` } }), at(i)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await outbox.list()).toHaveLength(1);
  });

  it("uses up no id on a refused enqueue: the next row is the second, as on SQLite", async () => {
    // One after another: replicas racing on one key may still use up an id each, as any insert race does.
    expect(await outbox.enqueue(draft(), T0)).toBe(true);
    expect(await outbox.enqueue(draft(), T0)).toBe(false);
    expect(await outbox.enqueue(draft(), T0)).toBe(false);
    await outbox.enqueue(draft({ key: "next" }), T0);
    expect((await outbox.list()).map((item) => item.id)).toEqual([1, 2]);
  });

  it("reads back optional fields as absent, not null, and payloads as objects", async () => {
    await outbox.enqueue(draft({ key: "a", expiresAt: at(3_600_000), recipientId: undefined }), T0);
    const row = (await outbox.get(ws, "a"))!;
    expect(row).toEqual({
      id: row.id,
      workspaceId: ws,
      key: "a",
      address: "dm:ana",
      payload: { text: "How is it going?" },
      status: "pending",
      notBefore: T0,
      expiresAt: at(3_600_000),
      attempts: 0,
    });
    expect(typeof row.id).toBe("number");
  });
});

describe("PostgreSQL outbox: claims", () => {
  it("never hands the same row to two replicas claiming at the same moment", async () => {
    for (let i = 0; i < 240; i++) {
      await outbox.enqueue(
        draft({ key: `k${i}`, workspaceId: i % 3 === 0 ? other : ws, notBefore: at(i) }),
        T0,
      );
    }
    const claimed: number[] = [];
    const claimer = async (repo: OutboxRepo) => {
      for (;;) {
        const batch = await repo.claim(at(1_000), LEASE, 7);
        if (batch.length === 0) return;
        claimed.push(...batch.map((item) => item.id));
      }
    };
    const a = createOutboxRepo(one);
    const b = createOutboxRepo(two);
    await Promise.all([claimer(a), claimer(b), claimer(a), claimer(b), claimer(a), claimer(b)]);
    expect(claimed).toHaveLength(240);
    expect(new Set(claimed).size).toBe(240);
    expect((await outbox.list({ status: "sending" })).every((item) => item.attempts === 1)).toBe(true);
  });

  it("lets one replica take over rows whose lease ran out, once", async () => {
    for (let i = 0; i < 30; i++) await outbox.enqueue(draft({ key: `k${i}` }), T0);
    expect(await createOutboxRepo(one).claim(T0, LEASE, 30)).toHaveLength(30);
    const a = createOutboxRepo(one);
    const b = createOutboxRepo(two);
    const batches = await Promise.all([a, b, a, b].map((repo) => repo.claim(at(LEASE), LEASE, 30)));
    const ids = batches.flat().map((item) => item.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(batches.flat().every((item) => item.attempts === 2 && item.status === "sending")).toBe(true);
  });

  it("returns a claim in the order SQLite gives: workspaces take turns, each in its own order", async () => {
    for (const key of ["a1", "a2", "a3"]) await outbox.enqueue(draft({ key }), T0);
    await outbox.enqueue(draft({ key: "b1", workspaceId: other, notBefore: at(1) }), T0);
    await outbox.enqueue(draft({ key: "b2", workspaceId: other, notBefore: at(2) }), T0);
    expect((await outbox.claim(at(10), LEASE, 4)).map((c) => c.key)).toEqual(["a1", "b1", "a2", "b2"]);
    expect((await outbox.claim(at(10), LEASE, 4)).map((c) => c.key)).toEqual(["a3"]);
  });

  it("puts a deferred row back without counting the attempt", async () => {
    await outbox.enqueue(draft(), T0);
    const [item] = await outbox.claim(T0, LEASE, 10);
    await outbox.defer(item!.id, at(500));
    expect(await outbox.get(ws, draft().key)).toMatchObject({
      status: "pending",
      attempts: 0,
      notBefore: at(500),
    });
    expect(await outbox.claim(at(499), LEASE, 10)).toEqual([]);
    await outbox.readyAt(item!.id, at(100));
    expect(await outbox.claim(at(100), LEASE, 10)).toHaveLength(1);
  });
});

describe("PostgreSQL outbox: group progress, budgets and families", () => {
  it("keeps every member two senders record on one row at once, each once", async () => {
    await outbox.enqueue(draft({ address: "teams:t:group:a,b,c,d" }), T0);
    const [row] = await outbox.claim(T0, LEASE, 10);
    const a = createOutboxRepo(one);
    const b = createOutboxRepo(two);
    await Promise.all(
      ["a", "b", "c", "d", "a", "c"].map((m, i) => (i % 2 ? a : b).markDelivered(row!.id, m)),
    );
    expect([...((await outbox.get(ws, draft().key))?.deliveredTo ?? [])].sort()).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("counts a merged delivery once and each unreferenced one apart", async () => {
    const ana = (await one.one<{ id: number }>(
      `INSERT INTO people (workspace_id, key, name, timezone, country, contact_hours, created_at, updated_at)
       VALUES ($1, 'ana', 'Ana', 'UTC', 'BE', 'Mon-Fri 09:00-17:00', 0, 0) RETURNING id`,
      [ws],
    ))!.id;
    const send = async (key: string, ref: string | undefined, sentAt: Date) => {
      await outbox.enqueue(draft({ key, recipientId: ana }), T0);
      await outbox.markSent((await outbox.get(ws, key))!.id, sentAt, ref);
    };
    await send("d1", "ts-1", at(10));
    await send("d2", "ts-1", at(10));
    await send("n1", undefined, at(20));
    await send("n2", undefined, at(30));
    await send("old", "ts-0", at(-10));
    await outbox.enqueue(draft({ key: "waiting", recipientId: ana }), T0);
    expect(await outbox.sentTo(ana, T0)).toBe(3);
    expect(await outbox.sentTo(ana, at(-100))).toBe(4);
    expect(await outbox.sentTo(ana + 1, T0)).toBe(0);
  });

  it("withdraws and lists a key family by prefix, keys with % and _ taken literally", async () => {
    await outbox.enqueue(draft({ key: "nudge:1:a", notBefore: at(2) }), T0);
    await outbox.enqueue(draft({ key: "nudge:1:b", notBefore: at(1) }), T0);
    await outbox.enqueue(draft({ key: "nudge:10:a" }), T0);
    await outbox.enqueue(draft({ key: "nudge%1:a" }), T0);
    await outbox.enqueue(draft({ key: "nudge:1:c", workspaceId: other }), T0);
    expect((await outbox.withPrefix(ws, "nudge:1:")).map((i) => i.key)).toEqual(["nudge:1:b", "nudge:1:a"]);
    expect(await outbox.cancelPending(ws, "nudge:1:")).toBe(2);
    expect(await outbox.get(ws, "nudge:1:a")).toMatchObject({
      status: "expired",
      lastError: "withdrawn: no longer needed",
    });
    expect((await outbox.list({ status: "pending" })).map((i) => i.key)).toEqual([
      "nudge:10:a",
      "nudge%1:a",
      "nudge:1:c",
    ]);
  });
});
