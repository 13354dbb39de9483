import { beforeEach, describe, expect, it } from "vitest";
import type { AppError } from "../../src/domain/errors.js";
import { DEFAULT_CRITERIA } from "../../src/domain/learning-agreement.js";
import { exportProgramme } from "../../src/services/programme/export-programme.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../helpers/programme.js";
import { countRows, openTestStore, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-10-15T08:00:00Z");
const T1 = new Date("2026-10-16T08:00:00Z");

let store: TestStore;
beforeEach(async () => {
  store = await openTestStore(undefined, { now: T0 });
});

type InternshipEntry = NonNullable<ProgrammeInput["internships"]>[number];

/** The sample programme with Ana's internship (2026-11-01 to 2027-03-31) given these fields. */
function withAna(change: Partial<InternshipEntry>): ProgrammeInput {
  const p = sampleProgramme();
  p.internships![0] = { ...p.internships![0]!, ...change };
  return p;
}

const LEARNING = {
  title: "Market research assistant",
  hoursPerWeek: 30,
  outcomes: [
    { key: "market-research", description: "Plan and run a small market study" },
    { key: "presenting", description: "Present findings to a client" },
  ],
  evaluations: { midterm: "2027-01-15" },
  language: { code: "en", level: "B2" as const },
};
const MILESTONES = [
  { title: "Survey of 20 customers", due: "2026-12-15", outcomes: ["market-research"] },
  { title: "Findings deck", due: "2027-02-15", outcomes: ["market-research", "presenting"] },
];

async function ana() {
  const ws = (await store.workspaces.find("console", "test"))!.id;
  return (await store.internships.byKey(ws, "ana-2026"))!;
}

async function refusal(raw: unknown): Promise<string> {
  const before = await countRows(store, "learning_agreements");
  const caught = await importProgramme(store, raw, T1).catch((error: unknown) => error);
  expect(caught).toMatchObject({ name: "AppError", code: "BAD_INPUT" });
  expect(await countRows(store, "learning_agreements")).toBe(before);
  return (caught as AppError).message;
}

describe("the learning agreement in the programme file", () => {
  it("imports outcomes, the default criteria, dates and language, and plans milestones that serve outcomes", async () => {
    const summary = await importProgramme(store, withAna({ learning: LEARNING, milestones: MILESTONES }), T0);
    expect(summary.learning).toEqual({ updated: 1, milestonesAdded: 2 });
    const internship = await ana();
    expect(await store.learning.get(internship.id)).toEqual({
      title: "Market research assistant",
      hoursPerWeek: 30,
      outcomes: LEARNING.outcomes,
      criteria: DEFAULT_CRITERIA,
      midterm: "2027-01-15",
      language: { code: "en", level: "B2" },
    });
    const milestones = await store.milestones.listFor(internship.id);
    expect(milestones.map((m) => [m.title, m.due, m.status])).toEqual([
      ["Survey of 20 customers", "2026-12-15", "planned"],
      ["Findings deck", "2027-02-15", "planned"],
    ]);
    const served = await store.learning.outcomesOfMilestones(internship.id);
    expect(milestones.map((m) => served.get(m.id))).toEqual([
      ["market-research"],
      ["market-research", "presenting"],
    ]);
  });

  it("changes nothing when the same file is imported again, and round-trips through export", async () => {
    await importProgramme(store, withAna({ learning: LEARNING, milestones: MILESTONES }), T0);
    const again = await importProgramme(store, withAna({ learning: LEARNING, milestones: MILESTONES }), T1);
    expect(again.learning).toEqual({ updated: 0, milestonesAdded: 0 });

    const exported = await exportProgramme(store, "console", "test");
    const entry = exported.internships!.find((s) => s.key === "ana-2026")!;
    // The default criteria are left out, as the author left them out.
    expect(entry.learning).toEqual({ ...LEARNING });
    expect(entry.milestones).toEqual(MILESTONES);
    const roundTrip = await importProgramme(store, exported, T1);
    expect(roundTrip.learning).toEqual({ updated: 0, milestonesAdded: 0 });
    expect(roundTrip.agreements.versioned).toBe(0);
  });

  it("keeps criteria the file names, in its order, and exports them", async () => {
    const criteria = ["Teamwork", "Customer focus", "ICT skills"];
    await importProgramme(store, withAna({ learning: { ...LEARNING, criteria } }), T0);
    expect((await store.learning.get((await ana()).id))?.criteria).toEqual([
      { key: "teamwork", name: "Teamwork" },
      { key: "customer-focus", name: "Customer focus" },
      { key: "ict-skills", name: "ICT skills" },
    ]);
    const exported = await exportProgramme(store, "console", "test");
    expect(exported.internships!.find((s) => s.key === "ana-2026")!.learning?.criteria).toEqual(criteria);
  });

  it("never moves a planned milestone back after it was moved in chat, and says when an outcome no milestone serves any more was dropped", async () => {
    await importProgramme(store, withAna({ learning: LEARNING, milestones: MILESTONES }), T0);
    const internship = await ana();
    const [survey] = await store.milestones.listFor(internship.id);
    await store.milestones.change(
      internship.workspaceId,
      survey!,
      { due: "2027-01-10", moved: true },
      { action: "move", actorId: internship.internId },
      T1,
    );
    const fewer = { ...LEARNING, outcomes: [LEARNING.outcomes[1]!] };
    const second = await importProgramme(
      store,
      withAna({ learning: fewer, milestones: [{ ...MILESTONES[1]!, outcomes: ["presenting"] }] }),
      T1,
    );
    expect((await store.milestones.get(internship.workspaceId, survey!.id))?.due).toBe("2027-01-10");
    expect(second.report.notes).toContain(
      'internship ana-2026: outcome "market-research" is no longer in learning.outcomes, so no milestone serves it any more',
    );
    expect([...(await store.learning.outcomesOfMilestones(internship.id)).values()]).toEqual([
      ["presenting"],
    ]);
  });

  it("refuses a milestone serving an outcome the agreement does not define, naming the field and the outcomes there are", async () => {
    const message = await refusal(
      withAna({
        learning: LEARNING,
        milestones: [{ title: "Pitch", due: "2027-01-10", outcomes: ["pitching"] }],
      }),
    );
    expect(message).toContain(
      'internships[0] (ana-2026).milestones[0].outcomes[0]: "pitching" is not an outcome of this internship; its learning.outcomes are market-research, presenting',
    );
    const none = await refusal(
      withAna({ milestones: [{ title: "Pitch", due: "2027-01-10", outcomes: ["pitching"] }] }),
    );
    expect(none).toContain("list it under learning.outcomes first");
  });

  it("refuses a bad criterion list, a bad outcome key and evaluation dates outside the internship, each by its field", async () => {
    expect(await refusal(withAna({ learning: { ...LEARNING, criteria: [] } }))).toContain(
      "internships[0] (ana-2026).learning.criteria: lists at least one criterion; leave criteria out for the default list",
    );
    expect(
      await refusal(withAna({ learning: { ...LEARNING, criteria: ["ICT skills", "ict  skills"] } })),
    ).toContain(
      'internships[0] (ana-2026).learning.criteria[1]: "ict  skills" is the same criterion as "ICT skills"',
    );
    expect(await refusal(withAna({ learning: { ...LEARNING, criteria: ["!!!"] } }))).toContain(
      "internships[0] (ana-2026).learning.criteria[0]: must contain letters or digits",
    );
    const badKey = { ...LEARNING, outcomes: [{ key: "Market Research", description: "x" }] };
    expect(await refusal(withAna({ learning: badKey }))).toContain(
      "internships[0] (ana-2026).learning.outcomes[0] (Market Research).key: must be lower-case words joined by dashes",
    );
    const late = { ...LEARNING, evaluations: { midterm: "2027-01-15", final: "2027-04-30" } };
    expect(await refusal(withAna({ learning: late }))).toContain(
      "internships[0] (ana-2026).learning.evaluations.final: 2027-04-30 is outside the internship (2026-11-01 to 2027-03-31)",
    );
    const reversed = { ...LEARNING, evaluations: { midterm: "2027-03-30", final: "2027-03-01" } };
    expect(await refusal(withAna({ learning: reversed }))).toContain(
      "the mid-term evaluation (2027-03-30) must come before the final one (2027-03-01)",
    );
  });
});
