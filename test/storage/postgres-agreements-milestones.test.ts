/**
 * Working agreements and milestones: the same answers on both stores through a whole life, and on
 * PostgreSQL, proposals from replicas at once.
 */

import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import type { Repositories } from "../../src/ports/store.js";
import type { PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { sameOnEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";
import { openPostgresReplicas } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const person = (key: string) => personInput(key);

async function internship(r: Repositories) {
  const ws = (await r.workspaces.ensure("console", "test", "Test", T0)).id;
  const ana = (await r.people.upsert(ws, person("ana"), T0)).id;
  const bram = (await r.people.upsert(ws, person("bram"), T0)).id;
  const lena = (await r.people.upsert(ws, person("lena"), T0)).id;
  const ship = (
    await r.internships.upsert(
      ws,
      { key: "ana", internId: ana, supervisorId: bram, start: "2026-11-01", end: "2027-03-31" },
      T0,
    )
  ).id;
  return { ws, ana, bram, lena, ship };
}

/** A working agreement's life and a milestone's, as callers see them. */
async function scenario(r: Repositories) {
  const { ws, ana, bram, lena, ship } = await internship(r);
  const none = await r.agreements.current(ship);
  const v1 = await r.agreements.addVersion(ws, ship, DEFAULT_TERMS, undefined, T0);
  // Acknowledged in an order that is neither id nor key order, two at the same instant.
  const acks = [
    await r.agreements.acknowledge(ws, v1.id, lena, later(1)),
    await r.agreements.acknowledge(ws, v1.id, bram, later(1)),
    await r.agreements.acknowledge(ws, v1.id, ana, later(2)),
    await r.agreements.acknowledge(ws, v1.id, ana, later(3)),
  ];
  const v1Acknowledged = await r.agreements.current(ship);
  const p1 = await r.agreements.propose(
    ws,
    ship,
    { ...DEFAULT_TERMS, syncMeeting: "daily" },
    ana,
    later(4),
    later(99),
  );
  const p2 = await r.agreements.propose(
    ws,
    ship,
    { ...DEFAULT_TERMS, syncMeeting: "none" },
    bram,
    later(5),
    later(99),
  );
  const replaced = await r.agreements.decide(p1.id, "agreed", bram, later(6));
  await r.agreements.acknowledge(ws, p2.id, bram, later(6));
  const agreed = await r.agreements.decide(p2.id, "agreed", ana, later(7));
  const p3 = await r.agreements.propose(ws, ship, DEFAULT_TERMS, ana, later(8), later(99));
  const declined = await r.agreements.decide(p3.id, "declined", bram, later(9), "not now");
  const v5 = await r.agreements.addVersion(ws, ship, DEFAULT_TERMS, bram, later(10));

  const m = await r.milestones.add(
    ws,
    { internshipId: ship, title: "Prototype", due: "2026-12-11", createdBy: ana },
    T0,
  );
  const early = await r.milestones.add(
    ws,
    { internshipId: ship, title: "Plan", due: "2026-12-01", createdBy: bram },
    T0,
  );
  const moved = await r.milestones.change(
    ws,
    m,
    { due: "2026-12-18", moved: true },
    { action: "move", actorId: ana, note: "data" },
    later(1),
  );
  const blocked = await r.milestones.change(
    ws,
    moved,
    { status: "blocked", blockReason: "no access" },
    { action: "block", actorId: ana },
    later(1),
  );
  const unblocked = await r.milestones.change(
    ws,
    blocked,
    { status: "planned", blockReason: null },
    { action: "unblock", actorId: bram },
    later(2),
  );
  return {
    none,
    v1,
    acks,
    v1Acknowledged,
    p1,
    p2,
    replaced,
    agreed,
    declined,
    v5,
    current: await r.agreements.current(ship),
    currentTerms: await r.agreements.currentTerms(ship),
    proposal: await r.agreements.proposal(ship),
    milestones: [m, early, moved, blocked, unblocked],
    list: await r.milestones.listFor(ship),
    history: await r.milestones.history(m.id),
    otherWorkspace: await r.milestones.get(ws + 1, m.id),
  };
}

it("agreements and milestones answer alike on both stores: versions, states, acknowledgements, history", async () => {
  const answer = await sameOnEachStore(scenario, { now: T0 });
  expect(answer.current?.version).toBe(5);
  expect(answer.current?.acknowledgedBy).toEqual([]);
  expect(answer.v1.acknowledgedBy).toEqual([]);
  expect(answer.v1Acknowledged?.acknowledgedBy).toHaveLength(3);
});

describe("agreements on PostgreSQL, shared by replicas", () => {
  it("give proposals from two replicas at once distinct versions, one left open", async () => {
    const [a, b] = (await openPostgresReplicas(2, T0)) as [PostgresStore, PostgresStore];
    const { ws, ana, ship } = await internship(a);
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).agreements.propose(ws, ship, DEFAULT_TERMS, ana, later(i), later(99)),
      ),
    );
    expect(written.map((w) => w.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const open = await a.sql.rows<{ version: number }>(
      "SELECT version FROM agreements WHERE internship_id = $1 AND state = 'proposed'",
      [ship],
    );
    expect(open).toEqual([{ version: 8 }]);
    expect((await a.agreements.proposal(ship))?.version).toBe(8);
  });
});
