/** Platform references and retention on PostgreSQL, shared by replicas: what one sees of another's rows. */
import type pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import type { PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { openPostgresReplicas } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Two replicas: each its own pool on the same database. */
let one: PostgresStore;
let two: PostgresStore;

beforeEach(async () => {
  [one, two] = (await openPostgresReplicas(2, T0)) as [PostgresStore, PostgresStore];
});

/** Runs `check` while the other replica holds `lockedRow` (SELECT ... FOR UPDATE) in an open transaction. */
async function whileHeld(lockedRow: string, check: () => Promise<void>): Promise<void> {
  const holder: pg.PoolClient = await two.sql.pool.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(lockedRow);
    await check();
    await holder.query("COMMIT");
  } finally {
    holder.release(true); // closed: a failed check leaves no open transaction in the pool
  }
}

const stillWaiting = () =>
  new Promise((resolve) => setTimeout(() => resolve("still waiting after 3 s"), 3000));

describe("platform references and retention on PostgreSQL, shared by replicas", () => {
  it("sees a reference another replica wrote, and writes its own again", async () => {
    await one.platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(0));
    await two.platformRefs.save("teams", "tenant", "user", "u1", "ref-b", at(1));
    expect(await one.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-b");
    await one.platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(2));
    expect(await two.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-a");
  });

  it("saves an unchanged reference without waiting for a replica that holds its row", async () => {
    await one.platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(0));
    await whileHeld("SELECT * FROM platform_references WHERE key = 'u1' FOR UPDATE", async () => {
      const saved = one.platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(1));
      expect(await Promise.race([saved.then(() => "saved"), stillWaiting()])).toBe("saved");
    });
  });

  it("purges past rows another replica holds, without waiting for them", async () => {
    for (const id of ["e1", "e2", "e3"]) {
      await one.sql.run(
        "INSERT INTO inbound_events (platform, workspace, event_id, received_at) VALUES ('slack', 'T1', $1, 0)",
        [id],
      );
    }
    await whileHeld("SELECT * FROM inbound_events WHERE event_id = 'e2' FOR UPDATE", async () => {
      const purged = one.retention.purgeInbound(T0, 10);
      expect(await Promise.race([purged, stillWaiting()])).toBe(2);
    });
    expect(await one.retention.purgeInbound(T0, 10)).toBe(1);
  });
});
