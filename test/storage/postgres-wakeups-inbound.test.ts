/** Wake-ups and inbound dedupe on PostgreSQL, shared by replicas: claims and races between processes. */
import { beforeEach, describe, expect, it } from "vitest";
import type { WakeupRepo } from "../../src/ports/coordination-repos.js";
import type { PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { WAKEUP_CLAIM_MS } from "../../src/storage/postgres/wakeup-repo.js";
import { openPostgresReplicas } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Two replicas: each its own pool on the same database. */
let one: PostgresStore;
let two: PostgresStore;
let ws: number;
let ships: number[];

/** Internships for wake-ups to point at (the table's foreign key), written in one statement. */
async function internships(count: number): Promise<number[]> {
  const person = await one.sql.one<{ id: number }>(
    `INSERT INTO people (workspace_id, key, name, timezone, country, contact_hours, created_at, updated_at)
     VALUES ($1, 'ana', 'Ana', 'UTC', 'BE', 'Mon-Fri 09:00-17:00', 0, 0) RETURNING id`,
    [ws],
  );
  const rows = await one.sql.rows<{ id: number }>(
    `INSERT INTO internships (workspace_id, key, intern_id, supervisor_id, start_date, end_date, created_at, updated_at)
     SELECT $1, 'ship' || n, $2, $2, '2026-11-01', '2027-03-31', 0, 0 FROM generate_series(1, $3) AS n
     RETURNING id`,
    [ws, person!.id, count],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

beforeEach(async () => {
  [one, two] = (await openPostgresReplicas(2, T0)) as [PostgresStore, PostgresStore];
  ws = (await one.workspaces.ensure("console", "test", "Test", T0)).id;
  ships = await internships(200);
});

describe("wake-ups on PostgreSQL, shared by replicas", () => {
  it("never hands the same wake-up to two replicas planning at the same moment", async () => {
    for (const id of ships) await one.wakeups.set(ws, id, "checkin", at(id % 7));
    const seen: number[] = [];
    const planner = async (repo: WakeupRepo) => {
      for (;;) {
        const batch = await repo.due("checkin", at(10), 9);
        if (batch.length === 0) return;
        seen.push(...batch.map((w) => w.internshipId));
      }
    };
    const [a, b] = [one.wakeups, two.wakeups];
    await Promise.all([planner(a), planner(b), planner(a), planner(b), planner(a), planner(b)]);
    expect(seen).toHaveLength(ships.length);
    expect(new Set(seen).size).toBe(ships.length);
  });

  it("hands a wake-up out again when the replica that took it did not move it in time", async () => {
    const [a, b] = ships as [number, number];
    await one.wakeups.set(ws, a, "checkin", T0);
    await one.wakeups.set(ws, b, "checkin", T0);
    expect(await one.wakeups.due("checkin", T0, 10)).toHaveLength(2);
    // The rule moved one (evaluated); the other replica died before moving its own.
    await one.wakeups.set(ws, a, "checkin", at(3_600_000));
    expect(await two.wakeups.due("checkin", at(WAKEUP_CLAIM_MS - 1), 10)).toEqual([]);
    expect(await two.wakeups.due("checkin", at(WAKEUP_CLAIM_MS), 10)).toEqual([
      { workspaceId: ws, internshipId: b },
    ]);
  });
});

describe("inbound dedupe on PostgreSQL, shared by replicas", () => {
  it("records a delivery first once however many replicas receive it at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? one : two).inbound.firstSeen("slack", "T1", "Ev1", at(i)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await one.inbound.firstSeen("slack", "T2", "Ev1", T0)).toBe(true);
  });
});
