import { describe, expect, it } from "vitest";
import { createSettableClock } from "../../../src/ports/clock.js";
import { erasePerson } from "../../../src/services/person-data.js";
import {
  colleagueIntroductions,
  identitiesOf,
  mayReadReflection,
  visibleInternship,
  visibleInternships,
} from "../../../src/services/portal/access.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { openTestStore } from "../../helpers/test-store.js";

const LENA = "lena@uni.example";

/** The sample programme in workspace "test", and a second company ("other") where Lena coordinates Ivo. */
async function twoCompanies() {
  const clock = createSettableClock(new Date("2026-12-01T14:00:00Z"));
  const store = await openTestStore(undefined, { now: clock.now() });
  const first = sampleProgramme();
  first.people = first.people.map((p) => (p.key === "lena" ? { ...p, email: LENA } : p));
  await importProgramme(store, first, clock.now());
  const second: ProgrammeInput = {
    workspace: { platform: "console", id: "other" },
    people: [
      {
        key: "ivo",
        name: "Ivo Horvat",
        timezone: "Europe/Zagreb",
        country: "HR",
        contactHours: "Mon-Fri 09:00-17:00",
      },
      {
        key: "mara",
        name: "Mara Kos",
        timezone: "Europe/Zagreb",
        country: "HR",
        contactHours: "Mon-Fri 09:00-17:00",
      },
      {
        key: "lena",
        name: "Lena Vogel",
        timezone: "Europe/Berlin",
        country: "DE",
        contactHours: "Mon-Fri 09:00-17:00",
        email: LENA,
      },
    ],
    internships: [
      {
        key: "ivo-2026",
        intern: "ivo",
        supervisor: "mara",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-01-31",
      },
    ],
  };
  await importProgramme(store, second, clock.now());
  const ws = (await store.workspaces.find("console", "test"))!;
  const other = (await store.workspaces.find("console", "other"))!;
  const person = async (key: string, w = ws.id) => (await store.people.byKey(w, key))!;
  const internship = async (key: string, w = ws.id) => (await store.internships.byKey(w, key))!;
  return { store, clock, ws, other, person, internship };
}

const keysOf = (visible: { internship: { key: string } }[]) => visible.map((v) => v.internship.key).sort();

describe("who sees what in the portal", () => {
  it("joins a coordinator's identities across workspaces by the address she signed in with", async () => {
    const t = await twoCompanies();
    const identities = await identitiesOf(t.store, { kind: "email", email: LENA });
    expect(identities.map((p) => p.workspaceId).sort()).toEqual([t.ws.id, t.other.id].sort());
    const visible = await visibleInternships(t.store, identities);
    expect(keysOf(visible)).toEqual(["ana-2026", "ivo-2026"]);
    expect(visible.every((v) => v.roles.includes("coordinator"))).toBe(true);
  });

  it("signs in from chat as that one person only: no join by an address another workspace typed", async () => {
    const t = await twoCompanies();
    const lena = await t.person("lena");
    const identities = await identitiesOf(t.store, {
      kind: "person",
      workspaceId: t.ws.id,
      personId: lena.id,
    });
    expect(keysOf(await visibleInternships(t.store, identities))).toEqual(["ana-2026"]);
    const ivo = await t.internship("ivo-2026", t.other.id);
    expect(await visibleInternship(t.store, identities, ivo.id)).toBeUndefined();
  });

  it("shows a supervisor their interns, a backup theirs, an intern their own", async () => {
    const t = await twoCompanies();
    const as = async (key: string) =>
      await identitiesOf(t.store, {
        kind: "person",
        workspaceId: t.ws.id,
        personId: (await t.person(key)).id,
      });
    expect(keysOf(await visibleInternships(t.store, await as("bram")))).toEqual(["ana-2026", "ben-2026"]);
    expect(keysOf(await visibleInternships(t.store, await as("chloe")))).toEqual(["ana-2026"]);
    expect(keysOf(await visibleInternships(t.store, await as("ana")))).toEqual(["ana-2026"]);
    const ana = await visibleInternship(t.store, await as("ana"), (await t.internship("ana-2026")).id);
    expect(ana?.roles).toEqual(["intern"]);
    expect(ana?.intern.key).toBe("ana");
    const ben = await t.internship("ben-2026");
    expect(await visibleInternship(t.store, await as("ana"), ben.id)).toBeUndefined();
  });

  it("shows a colleague their introductions and no intern's internship", async () => {
    const t = await twoCompanies();
    const ana = await t.internship("ana-2026");
    const olga = await t.person("olga");
    await t.store.introductions.propose(t.ws.id, ana.id, olga.id, t.clock.now());
    const identities = await identitiesOf(t.store, {
      kind: "person",
      workspaceId: t.ws.id,
      personId: olga.id,
    });
    expect(await visibleInternship(t.store, identities, ana.id)).toBeUndefined();
    const intros = await colleagueIntroductions(t.store, identities);
    expect(intros.map((i) => i.intern?.key)).toEqual(["ana"]);
  });

  it("sees nobody once the person was erased, whichever way they signed in", async () => {
    const t = await twoCompanies();
    const lena = await t.person("lena");
    await erasePerson(t.store, t.ws, "lena", t.clock.now());
    expect(await identitiesOf(t.store, { kind: "person", workspaceId: t.ws.id, personId: lena.id })).toEqual(
      [],
    );
    const byMail = await identitiesOf(t.store, { kind: "email", email: LENA });
    expect(byMail.map((p) => p.workspaceId)).toEqual([t.other.id]);
  });

  it("sees nobody for a person who is gone or an address nobody has", async () => {
    const t = await twoCompanies();
    expect(await identitiesOf(t.store, { kind: "person", workspaceId: t.ws.id, personId: 9999 })).toEqual([]);
    expect(await identitiesOf(t.store, { kind: "email", email: "nobody@uni.example" })).toEqual([]);
  });

  it("keeps private reflections to the intern and shows shared ones to the coordinator only", () => {
    const reflection = (shared: boolean) => ({
      internshipId: 1,
      week: "2026-W48",
      text: "…",
      shared,
      createdAt: new Date(0),
    });
    expect(mayReadReflection(["intern"], reflection(false))).toBe(true);
    expect(mayReadReflection(["coordinator"], reflection(false))).toBe(false);
    expect(mayReadReflection(["coordinator"], reflection(true))).toBe(true);
    expect(mayReadReflection(["supervisor"], reflection(true))).toBe(false);
    expect(mayReadReflection(["backupSupervisor"], reflection(true))).toBe(false);
  });
});
