import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WakeupRepo } from "../../src/ports/store.js";
import { createAuditRepo } from "../../src/storage/postgres/audit-repo.js";
import { createInboundRepo } from "../../src/storage/postgres/inbound-repo.js";
import { createWakeupRepo, WAKEUP_CLAIM_MS } from "../../src/storage/postgres/wakeup-repo.js";
import { createWorkspaceRepo } from "../../src/storage/postgres/workspace-repo.js";
import { emptyTables, openScratchSql, type ScratchSql, scratchDatabase } from "../helpers/pg-scratch.js";
import { createTestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: Awaited<ReturnType<typeof scratchDatabase>>;
/** Two replicas: each its own pool on the same database. */
let one: ScratchSql;
let two: ScratchSql;
let wakeups: WakeupRepo;
let ws: number;
let ships: number[];

/** Internships for wake-ups to point at (the table's foreign key), without the other repositories. */
async function internships(count: number): Promise<number[]> {
  const person = await one.one<{ id: number }>(
    `INSERT INTO people (workspace_id, key, name, timezone, country, contact_hours, created_at, updated_at)
     VALUES ($1, 'ana', 'Ana', 'UTC', 'BE', 'Mon-Fri 09:00-17:00', 0, 0) RETURNING id`,
    [ws],
  );
  const rows = await one.rows<{ id: number }>(
    `INSERT INTO internships (workspace_id, key, intern_id, supervisor_id, start_date, end_date, created_at, updated_at)
     SELECT $1, 'ship' || n, $2, $2, '2026-11-01', '2027-03-31', 0, 0 FROM generate_series(1, $3) AS n
     RETURNING id`,
    [ws, person!.id, count],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

beforeAll(async () => {
  db = await scratchDatabase();
  one = openScratchSql(db.url, 6);
  two = openScratchSql(db.url, 6);
  wakeups = createWakeupRepo(one);
});
afterAll(async () => {
  await one?.end();
  await two?.end();
  await db?.drop();
});
beforeEach(async () => {
  await emptyTables(one);
  ws = (await createWorkspaceRepo(one).ensure("console", "test", "Test", T0)).id;
  ships = await internships(200);
});

describe("PostgreSQL wake-ups", () => {
  it("hands out due wake-ups earliest first, up to the limit, of the asked kind only", async () => {
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
    expect(await wakeups.due("checkin", at(25), 10)).toEqual([{ workspaceId: ws, internshipId: c }]);
    expect(await wakeups.due("checkin", at(25), 10)).toEqual([]);
  });

  it("hands out ties in the order SQLite does", async () => {
    const sqlite = createTestStore(T0);
    const sqliteWs = (await sqlite.workspaces.ensure("console", "test", "Test", T0)).id;
    await sqlite.people.upsert(
      sqliteWs,
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
    );
    const plan = [5, 3, 9, 1, 7, 2, 8, 4, 6];
    const order = async (repo: WakeupRepo, workspaceId: number, ids: number[]) => {
      for (const [i, n] of plan.entries()) await repo.set(workspaceId, ids[n]!, "checkin", at(i % 3));
      return (await repo.due("checkin", at(10), 100)).map((w) => ids.indexOf(w.internshipId));
    };
    const sqliteIds: number[] = [];
    for (let n = 0; n < 10; n++) {
      sqliteIds.push(
        (
          await sqlite.internships.upsert(
            sqliteWs,
            { key: `ship${n}`, internId: 1, supervisorId: 1, start: "2026-11-01", end: "2027-03-31" },
            T0,
          )
        ).id,
      );
    }
    const expected = await order(sqlite.wakeups, sqliteWs, sqliteIds);
    await sqlite.close();
    expect(await order(wakeups, ws, ships)).toEqual(expected);
  });

  it("never hands the same wake-up to two replicas planning at the same moment", async () => {
    for (const id of ships) await wakeups.set(ws, id, "checkin", at(id % 7));
    const seen: number[] = [];
    const planner = async (repo: WakeupRepo) => {
      for (;;) {
        const batch = await repo.due("checkin", at(10), 9);
        if (batch.length === 0) return;
        seen.push(...batch.map((w) => w.internshipId));
      }
    };
    const a = createWakeupRepo(one);
    const b = createWakeupRepo(two);
    await Promise.all([planner(a), planner(b), planner(a), planner(b), planner(a), planner(b)]);
    expect(seen).toHaveLength(ships.length);
    expect(new Set(seen).size).toBe(ships.length);
  });

  it("hands a wake-up out again when the replica that took it did not move it in time", async () => {
    const [a, b] = ships as [number, number];
    await wakeups.set(ws, a, "checkin", T0);
    await wakeups.set(ws, b, "checkin", T0);
    expect(await wakeups.due("checkin", T0, 10)).toHaveLength(2);
    // The rule moved one (evaluated); the other replica died before moving its own.
    await wakeups.set(ws, a, "checkin", at(3_600_000));
    expect(await createWakeupRepo(two).due("checkin", at(WAKEUP_CLAIM_MS - 1), 10)).toEqual([]);
    expect(await createWakeupRepo(two).due("checkin", at(WAKEUP_CLAIM_MS), 10)).toEqual([
      { workspaceId: ws, internshipId: b },
    ]);
  });

  it("touch brings wake-ups forward, never later, and plans missing kinds", async () => {
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

  it("set moves a wake-up either way; clear and clearAll remove them", async () => {
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
});

describe("PostgreSQL inbound dedupe and audit", () => {
  it("records a delivery first once however many replicas receive it at once", async () => {
    const replicas = [createInboundRepo(one), createInboundRepo(two)];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => replicas[i % 2]!.firstSeen("slack", "T1", "Ev1", at(i))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await replicas[0]!.firstSeen("slack", "T2", "Ev1", T0)).toBe(true);
  });

  it("sees a delivery first again when the transaction that recorded it rolled back", async () => {
    const inbound = createInboundRepo(one);
    await expect(
      one.atomic(async () => {
        expect(await inbound.firstSeen("slack", "T1", "Ev2", T0)).toBe(true);
        throw new Error("the effect failed");
      }),
    ).rejects.toThrow("the effect failed");
    expect(await inbound.firstSeen("slack", "T1", "Ev2", T0)).toBe(true);
  });

  it("forgets and prunes, returning how many rows went", async () => {
    const inbound = createInboundRepo(one);
    await inbound.firstSeen("slack", "T1", "old1", at(-10));
    await inbound.firstSeen("slack", "T1", "old2", at(-5));
    await inbound.firstSeen("slack", "T1", "new", T0);
    await inbound.forget("slack", "T1", "new");
    expect(await inbound.firstSeen("slack", "T1", "new", T0)).toBe(true);
    expect(await inbound.prune(T0)).toBe(2);
    expect(await inbound.prune(T0)).toBe(0);
  });

  it("lists audit entries newest first (ties: last written first), optional fields absent", async () => {
    const audit = createAuditRepo(one);
    const entry = { workspaceId: ws, actorLabel: "import", action: "a", entity: "person" };
    await audit.record({ ...entry, entityId: 7, detail: { key: "ana" } }, T0);
    await audit.record({ ...entry, action: "b" }, at(1));
    await audit.record({ ...entry, action: "c" }, at(1));
    const entries = await audit.list(ws);
    expect(entries.map((e) => e.action)).toEqual(["c", "b", "a"]);
    expect(entries[2]).toEqual({ ...entry, entityId: 7, detail: { key: "ana" }, at: T0 });
    expect(entries[0]).toEqual({ ...entry, action: "c", at: at(1) });
    expect(await audit.list(ws, 2)).toHaveLength(2);
  });
});
