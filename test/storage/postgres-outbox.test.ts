/** The outbox on PostgreSQL, shared by replicas: what only several processes on one database can show. */
import { beforeEach, describe, expect, it } from "vitest";
import type { OutboxDraft, OutboxRepo } from "../../src/ports/store.js";
import type { PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { openPostgresReplicas } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const LEASE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Two replicas: each its own pool on the same database. */
let one: PostgresStore;
let two: PostgresStore;
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

beforeEach(async () => {
  [one, two] = (await openPostgresReplicas(2, T0)) as [PostgresStore, PostgresStore];
  ws = (await one.workspaces.ensure("console", "test", "Test", T0)).id;
  other = (await one.workspaces.ensure("console", "other", "Other", T0)).id;
});

describe("the outbox on PostgreSQL, shared by replicas", () => {
  it("writes one row per key however many replicas enqueue it at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? one : two).outbox.enqueue(draft({ payload: { text: `copy ${i}` } }), at(i)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await one.outbox.list()).toHaveLength(1);
  });

  it("never hands the same row to two replicas claiming at the same moment", async () => {
    for (let i = 0; i < 240; i++) {
      await one.outbox.enqueue(
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
    const [a, b] = [one.outbox, two.outbox];
    await Promise.all([claimer(a), claimer(b), claimer(a), claimer(b), claimer(a), claimer(b)]);
    expect(claimed).toHaveLength(240);
    expect(new Set(claimed).size).toBe(240);
    expect((await one.outbox.list({ status: "sending" })).every((item) => item.attempts === 1)).toBe(true);
  });

  it("lets one replica take over rows whose lease ran out, once", async () => {
    for (let i = 0; i < 30; i++) await one.outbox.enqueue(draft({ key: `k${i}` }), T0);
    expect(await one.outbox.claim(T0, LEASE, 30)).toHaveLength(30);
    const [a, b] = [one.outbox, two.outbox];
    const batches = await Promise.all([a, b, a, b].map((repo) => repo.claim(at(LEASE), LEASE, 30)));
    const ids = batches.flat().map((item) => item.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(batches.flat().every((item) => item.attempts === 2 && item.status === "sending")).toBe(true);
  });

  it("keeps every member two senders record on one row at once, each once", async () => {
    await one.outbox.enqueue(draft({ address: "teams:t:group:a,b,c,d" }), T0);
    const [row] = await one.outbox.claim(T0, LEASE, 10);
    await Promise.all(
      ["a", "b", "c", "d", "a", "c"].map((m, i) => (i % 2 ? one : two).outbox.markDelivered(row!.id, m)),
    );
    expect([...((await one.outbox.get(ws, draft().key))?.deliveredTo ?? [])].sort()).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });
});
