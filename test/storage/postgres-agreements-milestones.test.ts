import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import type {
  AgreementRepo,
  InternshipRepo,
  MilestoneRepo,
  PeopleRepo,
  PersonInput,
  WorkspaceRepo,
} from "../../src/ports/store.js";
import { createAgreementRepo } from "../../src/storage/postgres/agreement-repo.js";
import { createInternshipRepo } from "../../src/storage/postgres/internship-repo.js";
import { createMilestoneRepo } from "../../src/storage/postgres/milestone-repo.js";
import { createPeopleRepo } from "../../src/storage/postgres/people-repo.js";
import { createWorkspaceRepo } from "../../src/storage/postgres/workspace-repo.js";
import { emptyTables, openScratchSql, type ScratchSql, scratchDatabase } from "../helpers/pg-scratch.js";
import { createTestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

interface Repos {
  workspaces: WorkspaceRepo;
  people: PeopleRepo;
  internships: InternshipRepo;
  agreements: AgreementRepo;
  milestones: MilestoneRepo;
}

let db: Awaited<ReturnType<typeof scratchDatabase>>;
/** Two replicas: each its own pool on the same database. */
let one: ScratchSql;
let two: ScratchSql;
const repos = (sql: ScratchSql): Repos => ({
  workspaces: createWorkspaceRepo(sql),
  people: createPeopleRepo(sql),
  internships: createInternshipRepo(sql),
  agreements: createAgreementRepo(sql),
  milestones: createMilestoneRepo(sql),
});

const person = (key: string): PersonInput => ({
  key,
  name: key,
  timezone: "Europe/Brussels",
  country: "BE",
  contactHours: "Mon-Fri 09:00-17:00",
  ids: { console: key },
  isColleague: false,
  dailyBudget: 6,
});

async function internship(r: Repos) {
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
async function scenario(r: Repos) {
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

beforeAll(async () => {
  db = await scratchDatabase();
  one = openScratchSql(db.url, 6);
  two = openScratchSql(db.url, 6);
});
afterAll(async () => {
  await one?.end();
  await two?.end();
  await db?.drop();
});
beforeEach(() => emptyTables(one));

describe("PostgreSQL agreements and milestones", () => {
  it("answer exactly as the SQLite store does: versions, states, acknowledgements, history", async () => {
    const sqlite = createTestStore(T0);
    const expected = await scenario(sqlite);
    await sqlite.close();
    const actual = await scenario(repos(one));
    expect(actual).toEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    expect(actual.current?.version).toBe(5);
    expect(actual.current?.acknowledgedBy).toEqual([]);
    expect(actual.v1.acknowledgedBy).toEqual([]);
    expect(actual.v1Acknowledged?.acknowledgedBy).toHaveLength(3);
  });

  it("give proposals from two replicas at once distinct versions, one left open", async () => {
    const a = repos(one);
    const b = repos(two);
    const { ws, ana, ship } = await internship(a);
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).agreements.propose(ws, ship, DEFAULT_TERMS, ana, later(i), later(99)),
      ),
    );
    expect(written.map((w) => w.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const open = await one.rows<{ version: number }>(
      "SELECT version FROM agreements WHERE internship_id = $1 AND state = 'proposed'",
      [ship],
    );
    expect(open).toEqual([{ version: 8 }]);
    expect((await a.agreements.proposal(ship))?.version).toBe(8);
  });

  it("refuse a milestone for an internship that does not exist, writing no history", async () => {
    const r = repos(one);
    const { ws, ana } = await internship(r);
    await expect(
      r.milestones.add(ws, { internshipId: 999_999, title: "Ghost", due: "2026-12-11", createdBy: ana }, T0),
    ).rejects.toThrow(/foreign key/i);
    const count = await one.one<{ n: number }>(
      "SELECT (SELECT count(*) FROM milestones) + (SELECT count(*) FROM milestone_history) AS n",
    );
    expect(count?.n).toBe(0);
  });
});
