/**
 * Workspaces, people, internships and days off: the same answers on both stores for a mixed import, and
 * on PostgreSQL, replicas importing at once.
 */

import { describe, expect, it } from "vitest";
import type { PersonInput } from "../../src/ports/store.js";
import { sameOnEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";
import { openPostgresReplicas, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const person = (key: string, overrides: Partial<PersonInput> = {}) =>
  personInput(key, { name: `${key} Tester`, ...overrides });

/** Everything a caller can see after a mixed import, to compare both stores on. */
async function scenario(repos: TestStore) {
  const ws = (await repos.workspaces.ensure("slack", "T1", "", T0)).id;
  const renamed = await repos.workspaces.ensure("slack", "T1", "Acme", later(1));
  await repos.workspaces.ensure("teams", "tenant", "Beta", T0);
  // Keys whose order differs between byte order and a natural-language collation.
  const keys = ["ana", "Zoe", "émile", "bob_2", "bob-1", "Bob", "a b"];
  const ids: Record<string, number> = {};
  for (const key of keys) {
    ids[key] = (
      await repos.people.upsert(ws, person(key, { ids: { slack: `U-${key}`, console: key } }), T0)
    ).id;
  }
  await repos.people.upsert(
    ws,
    person("ana", { region: "BRU", department: "R&D", languages: ["pt", "en"] }),
    T0,
  );
  await repos.people.setColleague(ids.Zoe!, true);
  await repos.people.setColleague(ids.ana!, true);
  await repos.people.addLeave(ws, ids.ana!, { from: "2027-01-10", to: "2027-01-12" }, T0);
  await repos.people.replaceLeave(
    ws,
    ids.ana!,
    "programme",
    [
      { from: "2027-01-02", to: "2027-01-03" },
      { from: "2027-01-02", to: "2027-01-02" },
    ],
    T0,
  );
  const ship = async (key: string, intern: string, start: string, end: string, extra = {}) =>
    (
      await repos.internships.upsert(
        ws,
        { key, internId: ids[intern]!, supervisorId: ids.Bob!, start, end, ...extra },
        T0,
      )
    ).id;
  const s1 = await ship("s1", "ana", "2026-11-01", "2027-03-31", {
    homeChannel: "C1",
    coordinatorId: ids.Zoe,
  });
  const s2 = await ship("S0", "émile", "2026-12-01", "2027-03-31", { backupSupervisorId: ids.ana });
  const s3 = await ship("s-2", "Zoe", "2027-04-01", "2027-06-30", { homeChannel: "C2" });
  await repos.internships.replaceConversations(ws, s3, ["C1", "D9", "C1", "A0"]);
  await repos.internships.replaceConversations(ws, s2, ["C1"]);
  await repos.internships.pauseNudges(s1, later(60));
  const changes = [
    await repos.internships.replaceConversations(ws, s3, ["A0", "D9", "C1"]),
    await repos.internships.replaceConversations(ws, s3, ["A0"]),
    await repos.people.replaceLeave(ws, ids.ana!, "programme", [], later(2)),
  ];
  await repos.daysOff.replace(ws, {
    holidays: [
      { country: "BE", date: "2026-12-26", name: "Boxing day" },
      { country: "BR", region: "SP", date: "2026-12-24", name: "Véspera" },
    ],
    closures: [
      { from: "2026-12-24", to: "2027-01-01", name: "Winter" },
      { from: "2026-12-24", to: "2026-12-24", name: "Party", people: ["ana", "Zoe"] },
    ],
  });
  return {
    renamed,
    workspaces: await repos.workspaces.list(),
    people: await repos.people.list(ws),
    colleagues: (await repos.people.colleagues(ws)).map((p) => p.key),
    byHandle: (await repos.people.byHandle(ws, "ÉMILETESTER"))?.key,
    byPlatform: (await repos.people.byPlatformId(ws, "slack", "U-Zoe"))?.key,
    leave: await repos.people.leaveOf(ids.ana!),
    internships: await repos.internships.list(ws),
    forBob: (await repos.internships.forPerson(ws, ids.Bob!)).map((i) => i.key),
    forAna: (await repos.internships.forPerson(ws, ids.ana!)).map((i) => i.key),
    active: (await repos.internships.activeOn("2027-03-31")).map((i) => i.key),
    byConversationC1: (await repos.internships.byConversation(ws, "C1")).map((i) => i.key),
    conversations: await repos.internships.conversations(s3),
    paused: await repos.internships.nudgesPausedUntil(s1),
    notPaused: await repos.internships.nudgesPausedUntil(s2),
    changes,
    daysOff: await repos.daysOff.of(ws),
    sameDaysOff: await repos.daysOff.replace(ws, {
      holidays: [...(await repos.daysOff.of(ws)).holidays].reverse(),
      closures: [
        { from: "2026-12-24", to: "2026-12-24", name: "Party", people: ["Zoe", "ana"] },
        { from: "2026-12-24", to: "2027-01-01", name: "Winter" },
      ],
    }),
  };
}

it("workspaces, people, internships and days off answer alike on both stores: order, absent fields, change flags", async () => {
  const answer = await sameOnEachStore(scenario, { now: T0 });
  // Byte order (COLLATE "C" on PostgreSQL), whatever the server's locale.
  expect(answer.people.map((p) => p.key)).toEqual(["Bob", "Zoe", "a b", "ana", "bob-1", "bob_2", "émile"]);
  expect(answer.changes).toEqual([false, true, true]);
});

describe("workspaces, people, internships and days off on PostgreSQL, shared by replicas", () => {
  it("give every replica ensuring one workspace at once the same row", async () => {
    const replicas = await openPostgresReplicas(2, T0);
    const ensured = await Promise.all(
      Array.from({ length: 8 }, (_, i) => replicas[i % 2]!.workspaces.ensure("slack", "T9", "Nine", T0)),
    );
    expect(new Set(ensured.map((w) => w.id)).size).toBe(1);
    expect(await replicas[0]!.workspaces.list()).toHaveLength(1);
    expect(await replicas[1]!.workspaces.isEmpty()).toBe(false);
  });

  it("upsert one person and one internship once when replicas import the same file at once", async () => {
    const replicas = await openPostgresReplicas(2, T0);
    const ws = (await replicas[0]!.workspaces.ensure("console", "test", "Test", T0)).id;
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        replicas[i % 2]!.people.upsert(ws, person("ana", { ids: { console: "ana", slack: "U1" } }), T0),
      ),
    );
    expect(new Set(people.map((p) => p.id)).size).toBe(1);
    expect(people.filter((p) => p.changed)).toHaveLength(1);
    const ana = people[0]!.id;
    const ships = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        replicas[i % 2]!.internships.upsert(
          ws,
          { key: "ana", internId: ana, supervisorId: ana, start: "2026-11-01", end: "2027-03-31" },
          T0,
        ),
      ),
    );
    expect(new Set(ships.map((s) => s.id)).size).toBe(1);
    expect(ships.filter((s) => s.changed)).toHaveLength(1);
    expect(await replicas[1]!.people.byPlatformId(ws, "slack", "U1")).toMatchObject({ key: "ana" });
  });

  it("replace days off, leave and conversations once when replicas do it at once", async () => {
    const replicas = await openPostgresReplicas(2, T0);
    const ws = (await replicas[0]!.workspaces.ensure("console", "test", "Test", T0)).id;
    const ana = (await replicas[0]!.people.upsert(ws, person("ana"), T0)).id;
    const ship = (
      await replicas[0]!.internships.upsert(
        ws,
        { key: "ana", internId: ana, supervisorId: ana, start: "2026-11-01", end: "2027-03-31" },
        T0,
      )
    ).id;
    const days = { holidays: [{ country: "BE", date: "2026-12-26", name: "Boxing day" }], closures: [] };
    const leave = [{ from: "2027-01-02", to: "2027-01-03" }];
    const results = await Promise.all(
      replicas.flatMap((r) => [
        r.daysOff.replace(ws, days),
        r.people.replaceLeave(ws, ana, "programme", leave, T0),
        r.internships.replaceConversations(ws, ship, ["C1", "C2"]),
      ]),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await replicas[0]!.daysOff.of(ws)).holidays).toHaveLength(1);
    expect(await replicas[0]!.people.leaveOf(ana)).toHaveLength(1);
    expect(await replicas[0]!.internships.conversations(ship)).toEqual(["C1", "C2"]);
  });
});
