import { beforeEach, describe, expect, it } from "vitest";
import type { AppError } from "../../src/domain/errors.js";
import type { Store } from "../../src/ports/store.js";
import { exportProgramme, programmeToYaml } from "../../src/services/programme/export-programme.js";
import { importProgramme, parseProgrammeText } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../helpers/programme.js";
import { countRows, openTestStore, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-10-15T08:00:00Z");
const T1 = new Date("2026-10-16T08:00:00Z");
const TABLES = "workspaces people person_identities leave_periods internships agreements audit_log".split(
  " ",
);

let store: TestStore;

beforeEach(async () => {
  store = await openTestStore(undefined, { now: T0 });
});

async function counts(): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(store, t)])));
}

async function workspaceId(): Promise<number> {
  return (await store.workspaces.find("console", "test"))!.id;
}

function appError(code: string, message: RegExp) {
  return expect.objectContaining({ name: "AppError", code, message: expect.stringMatching(message) });
}

/** Imports `raw`, expecting a refusal that writes nothing; returns the listed problems. */
async function problems(raw: unknown): Promise<string[]> {
  const before = await counts();
  let caught: unknown;
  try {
    await importProgramme(store, raw, T1);
  } catch (error) {
    caught = error;
  }
  expect(caught).toEqual(appError("BAD_INPUT", /nothing was imported/));
  expect(await counts()).toEqual(before);
  return (caught as AppError).message
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/^\s+- /, ""));
}

type PersonEntry = ProgrammeInput["people"][number];
type InternshipEntry = NonNullable<ProgrammeInput["internships"]>[number];

/** A sample programme with one person changed. */
function withPerson(index: number, change: Record<string, unknown>): ProgrammeInput {
  const p = sampleProgramme();
  p.people[index] = { ...p.people[index]!, ...change } as PersonEntry;
  return p;
}

function withInternship(index: number, change: Record<string, unknown>): ProgrammeInput {
  const p = sampleProgramme();
  p.internships![index] = { ...p.internships![index]!, ...change } as InternshipEntry;
  return p;
}

describe("importing a programme", () => {
  it("creates the workspace, people, internships and version 1 of each agreement", async () => {
    const summary = await importProgramme(store, sampleProgramme(), T0);
    expect(summary).toEqual({
      workspace: "console:test",
      people: { created: 7, updated: 0, unchanged: 0 },
      internships: { created: 3, updated: 0, unchanged: 0 },
      agreements: { versioned: 3, unchanged: 0 },
      learning: { updated: 0, milestonesAdded: 0 },
      daysOff: { holidays: 0, closures: 0, changed: false },
      admins: { listed: 0, added: 0 },
      pruning: { internships: [], roles: [], applied: false },
      report: { notes: [], warnings: [], pending: [] },
    });
    const ws = await workspaceId();
    const ana = (await store.people.byKey(ws, "ana"))!;
    expect(ana).toMatchObject({ timezone: "America/Sao_Paulo", country: "BR", department: "Engineering" });
    expect(ana.ids).toEqual({ console: "ana" });
    expect((await store.people.byKey(ws, "lena"))?.region).toBe("BE");
    expect(await store.people.isColleague((await store.people.byKey(ws, "olga"))!.id)).toBe(true);
    expect(await store.people.isColleague(ana.id)).toBe(false);

    const ship = (await store.internships.byKey(ws, "ana-2026"))!;
    expect(ship).toMatchObject({
      internId: ana.id,
      supervisorId: (await store.people.byKey(ws, "bram"))!.id,
      backupSupervisorId: (await store.people.byKey(ws, "chloe"))!.id,
      coordinatorId: (await store.people.byKey(ws, "lena"))!.id,
      start: "2026-11-01",
      end: "2027-03-31",
      homeChannel: "home",
    });
    const agreement = (await store.agreements.current(ship.id))!;
    expect(agreement.version).toBe(1);
    expect(agreement.terms.tools).toEqual(["Slack"]);
    expect(agreement.terms.checkIn).toEqual({
      at: "09:30",
      days: "Mon-Fri",
      reminderAfter: "3h",
      summary: "daily",
    });
    expect(
      (await store.agreements.current((await store.internships.byKey(ws, "ben-2026"))!.id))?.version,
    ).toBe(1);
  });

  it("changes nothing when the same programme is imported again", async () => {
    await importProgramme(store, sampleProgramme(), T0);
    const before = await counts();
    const summary = await importProgramme(store, sampleProgramme(), T1);
    expect(summary.people).toEqual({ created: 0, updated: 0, unchanged: 7 });
    expect(summary.internships).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(summary.agreements).toEqual({ versioned: 0, unchanged: 3 });
    expect(await counts()).toEqual(before);
    const ship = (await store.internships.byKey(await workspaceId(), "ana-2026"))!;
    expect((await store.agreements.current(ship.id))?.version).toBe(1);
  });

  it("updates only the person whose time zone changed", async () => {
    await importProgramme(store, sampleProgramme(), T0);
    const summary = await importProgramme(store, withPerson(1, { timezone: "Europe/Lisbon" }), T1);
    expect(summary.people).toEqual({ created: 0, updated: 1, unchanged: 6 });
    expect(summary.internships.updated).toBe(0);
    const ws = await workspaceId();
    expect((await store.people.byKey(ws, "bram"))?.timezone).toBe("Europe/Lisbon");
    expect((await store.people.byKey(ws, "chloe"))?.timezone).toBe("Europe/Brussels");
    const newAudit = (await store.audit.list(ws)).filter((e) => e.at.getTime() === T1.getTime());
    expect(newAudit).toHaveLength(1);
    expect(newAudit[0]).toMatchObject({ action: "person.update", detail: { key: "bram" }, at: T1 });
  });

  it("writes version 2 of an agreement that changed, and leaves the others alone", async () => {
    await importProgramme(store, sampleProgramme(), T0);
    const summary = await importProgramme(
      store,
      withInternship(0, { agreement: { replyWithin: { supervisor: "6h", intern: "4h" }, tools: ["Slack"] } }),
      T1,
    );
    expect(summary.agreements).toEqual({ versioned: 1, unchanged: 2 });
    const ws = await workspaceId();
    const current = (await store.agreements.current((await store.internships.byKey(ws, "ana-2026"))!.id))!;
    expect(current.version).toBe(2);
    expect(current.terms.replyWithin.supervisor).toBe("6h");
    expect(
      (await store.agreements.current((await store.internships.byKey(ws, "ben-2026"))!.id))?.version,
    ).toBe(1);
  });

  it("moves platform ids between people: swapped ids and a renamed key", async () => {
    const p = sampleProgramme();
    const ids = (a: string, b: string) => {
      p.people[0] = { ...p.people[0]!, ids: { console: a } };
      p.people[1] = { ...p.people[1]!, ids: { console: b } };
    };
    ids("x1", "x2");
    await importProgramme(store, p, T0);
    ids("x2", "x1");
    expect((await importProgramme(store, p, T1)).people.updated).toBe(2);
    const ws = await workspaceId();
    expect((await store.people.byPlatformId(ws, "console", "x1"))?.key).toBe("bram");
    expect((await store.people.byPlatformId(ws, "console", "x2"))?.key).toBe("ana");

    // olga becomes olga.berg and keeps her console id "olga" (her old key).
    p.people[5] = { ...p.people[5]!, key: "olga.berg", ids: { console: "olga" } };
    p.colleagues = ["olga.berg"];
    p.internships![2] = { ...p.internships![2]!, supervisor: "olga.berg" };
    expect((await importProgramme(store, p, T1)).people.created).toBe(1);
    expect((await store.people.byPlatformId(ws, "console", "olga"))?.key).toBe("olga.berg");
    expect((await store.people.byKey(ws, "olga"))?.ids).toEqual({});
  });

  it("rolls back everything when a write fails halfway", async () => {
    const fail = async () => {
      throw new Error("disk full");
    };
    const failing: Store = { ...store, agreements: { ...store.agreements, addVersion: fail } };
    await expect(importProgramme(failing, sampleProgramme(), T0)).rejects.toThrow("disk full");
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  });
});

describe("parseProgrammeText", () => {
  it("reads YAML and JSON alike, unquoted YAML dates included", async () => {
    const yaml = programmeToYaml(sampleProgramme()).replaceAll('"2026-11-01"', "2026-11-01");
    expect(yaml).toMatch(/start: 2026-11-01/);
    const fromYaml = parseProgrammeText(yaml, "programme.yaml");
    const fromJson = parseProgrammeText(JSON.stringify(sampleProgramme()), "programme.json");
    expect(fromJson).toEqual(sampleProgramme());
    await importProgramme(store, fromYaml, T0);
    expect((await importProgramme(store, fromJson, T1)).people.unchanged).toBe(7);
    expect((await store.internships.byKey(await workspaceId(), "ana-2026"))?.start).toBe("2026-11-01");
  });

  it("accepts a date that arrives as a Date object (YAML 1.1 timestamps)", async () => {
    await importProgramme(store, withInternship(1, { start: new Date("2026-12-01T00:00:00Z") }), T0);
    expect((await store.internships.byKey(await workspaceId(), "ben-2026"))?.start).toBe("2026-12-01");
  });

  it("names the source of a YAML syntax error", () => {
    expect(() => parseProgrammeText("people: [\n  - key: ana\n workspace: {", "interns.yaml")).toThrow(
      appError("BAD_INPUT", /^interns\.yaml is not valid YAML or JSON: /),
    );
  });
});

describe("validation", () => {
  const [P, I] = [withPerson, withInternship];
  const [ana, bram, ben] = ["people[0] (ana)", "people[1] (bram)", "internships[1] (ben-2026)"];
  const agreement = "internships[0] (ana-2026).agreement";
  const cases: [string, unknown, string][] = [
    ["an unknown time zone", P(1, { timezone: "Europe/Atlantis" }), `${bram}.timezone: "Europe/Atlantis"`],
    ["a bad country", P(1, { country: "XX" }), `${bram}.country: country "XX"`],
    ["a bad region", P(3, { region: "ZZ" }), 'people[3] (lena).region: region "ZZ"'],
    ["bad contact hours", P(1, { contactHours: "whenever" }), `${bram}.contactHours: `],
    [
      "leave ending first",
      P(0, { leave: [{ from: "2026-12-20", to: "2026-12-10" }] }),
      `${ana}.leave[0]: ends`,
    ],
    ["a key used twice", P(2, { key: "bram" }), 'people[2] (bram).key: "bram" is used twice'],
    [
      "a platform id used twice",
      P(2, { ids: { console: "bram" } }),
      'people[2] (chloe).ids.console: "bram" is',
    ],
    ["a console id equal to a later key", P(0, { ids: { console: "bram" } }), `${bram}.ids.console: "bram"`],
    [
      "no slack id in a slack workspace",
      { ...sampleProgramme(), workspace: { platform: "slack", id: "T1" } },
      `${ana}.ids.slack: is required`,
    ],
    ["an unknown intern", I(1, { intern: "x" }), `${ben}.intern: "x" is not a key in people`],
    ["an unknown supervisor", I(1, { supervisor: "x" }), `${ben}.supervisor: "x" is not a key in people`],
    ["an intern supervising themselves", I(1, { supervisor: "ben" }), `${ben}.supervisor: the intern cannot`],
    ["an end before the start", I(1, { end: "2026-10-01" }), `${ben}.end: 2026-10-01 is before the start`],
    [
      "a reply time of soon",
      I(0, { agreement: { replyWithin: { supervisor: "soon" } } }),
      `${agreement} (reply.supervisor): duration "soon"`,
    ],
    [
      "a check-in at 9.30",
      I(0, { agreement: { checkIn: { at: "9.30" } } }),
      `${agreement} (checkin.at): "9.30" is not a time`,
    ],
    ["an impossible date", I(1, { start: "2026-02-30" }), `${ben}.start: "2026-02-30" is not a date`],
    [
      "an unknown top-level field",
      { ...sampleProgramme(), interns: [] },
      'file: Unrecognized key: "interns"',
    ],
    ["an unknown field in a person", P(1, { timeZone: "UTC" }), `${bram}: Unrecognized key: "timeZone"`],
    [
      "no people",
      { ...sampleProgramme(), people: [], internships: [] },
      "people: must list at least one person",
    ],
  ];

  it.each(cases)(
    "refuses %s, naming the entry and field, and writes nothing",
    async (_what, programme, expected) => {
      const found = await problems(programme);
      expect(
        found.some((line) => line.startsWith(expected)),
        found.join("\n"),
      ).toBe(true);
      expect(await store.workspaces.isEmpty()).toBe(true);
    },
  );

  it("reports every mistake at once", async () => {
    const p = sampleProgramme();
    p.people[1] = { ...p.people[1]!, timezone: "Mars/Olympus" };
    p.people[2] = { ...p.people[2]!, contactHours: "always" };
    p.internships![2] = { ...p.internships![2]!, end: "2026-01-01" };
    const found = await problems(p);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^people\[1\] \(bram\)\.timezone/);
    expect(found[1]).toMatch(/^people\[2\] \(chloe\)\.contactHours/);
    expect(found[2]).toMatch(/^internships\[2\] \(piet-2026\)\.end/);
  });

  it("leaves an earlier import untouched when a later one is refused", async () => {
    await importProgramme(store, sampleProgramme(), T0);
    const before = await counts();
    const bad = withPerson(1, { timezone: "Europe/Lisbon" });
    bad.people.push({
      key: "zoe",
      name: "Zoe",
      timezone: "Nowhere/Land",
      country: "BE",
      contactHours: "Mon 09:00-10:00",
    });
    expect(await problems(bad)).toHaveLength(1);
    expect(await counts()).toEqual(before);
    expect((await store.people.byKey(await workspaceId(), "bram"))?.timezone).toBe("Europe/Brussels");
  });
});

describe("exportProgramme", () => {
  it("gives back a programme that imports as a no-op, also through YAML", async () => {
    const p = withPerson(0, { leave: [{ from: "2026-12-24", to: "2027-01-02" }] });
    await importProgramme(store, p, T0);
    const ws = await workspaceId();
    await store.people.addLeave(
      ws,
      (await store.people.byKey(ws, "ana"))!.id,
      { from: "2027-02-01", to: "2027-02-01" },
      T0,
    );
    const before = await counts();
    const exported = await exportProgramme(store, "console", "test");
    expect(exported.people.find((x) => x.key === "ana")?.leave).toEqual([
      { from: "2026-12-24", to: "2027-01-02" },
    ]);
    const again = await importProgramme(
      store,
      parseProgrammeText(programmeToYaml(exported), "export.yaml"),
      T1,
    );
    expect(again.people).toEqual({ created: 0, updated: 0, unchanged: 7 });
    expect(again.internships).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(again.agreements).toEqual({ versioned: 0, unchanged: 3 });
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown workspace with NOT_FOUND, listing the known ones", async () => {
    await importProgramme(store, sampleProgramme(), T0);
    await expect(exportProgramme(store, "slack", "T999")).rejects.toThrow(
      appError("NOT_FOUND", /slack:T999.*known: console:test/),
    );
  });
});
