import { describe, expect, it } from "vitest";
import { buildInternshipPage } from "../../../src/services/portal/internship-page.js";
import { seedCohort } from "../../helpers/portal-data.js";
import { openTestStore } from "../../helpers/test-store.js";

const NOW = new Date("2026-12-03T15:00:00Z");

async function page(roles: Parameters<typeof buildInternshipPage>[3]) {
  const store = await openTestStore(undefined, { now: NOW });
  const seeded = await seedCohort(store, {
    companies: 1,
    internsPerCompany: 2,
    days: 70,
    today: "2026-12-03",
  });
  const ref = seeded.internships[1]!;
  return (await buildInternshipPage(store, ref.workspaceId, ref.internshipId, roles, NOW))!;
}

describe("internship page", () => {
  it("lists each milestone with its history: added, moved, done, accepted with feedback", async () => {
    const p = await page(["coordinator"]);
    const moved = p.milestones.find((m) => m.moves > 0 && m.status === "accepted")!;
    expect(moved.events.map((e) => e.action)).toEqual([
      "add",
      ...Array(moved.moves).fill("move"),
      "done",
      "accept",
    ]);
    const move = moved.events[1]!;
    expect(move).toMatchObject({ by: "Intern 0-1", note: "waiting for data" });
    expect(move.toDue! > move.fromDue!).toBe(true);
    expect(moved.feedback).toBe("used for the client pitch");
    expect(moved.events.at(-1)).toMatchObject({ by: "Sam Supervisor 0", note: "used for the client pitch" });
  });

  it("has reply times per week in both directions and the agreed times in force", async () => {
    const p = await page(["coordinator"]);
    expect(p.replyWeeks.length).toBeGreaterThanOrEqual(9);
    expect(p.replyWeeks.map((w) => w.week)).toEqual([...p.replyWeeks.map((w) => w.week)].sort());
    expect(p.replyWeeks.some((w) => w.figures.to_company.answered > 0)).toBe(true);
    expect(p.replyWeeks.some((w) => w.figures.to_intern.answered > 0)).toBe(true);
    // Version 2 (after four weeks) set 6h and 8h.
    expect(p.agreed).toEqual({ company: { hours: 6, text: "6h" }, intern: { hours: 8, text: "8h" } });
  });

  it("marks the days the signal changed, with the reasons", async () => {
    const p = await page(["coordinator"]);
    expect(p.signals.length).toBeGreaterThan(40);
    const changes = p.signals.filter((s) => s.changed);
    expect(changes[0]).toBe(p.signals[0]);
    for (const [i, s] of p.signals.entries()) {
      if (i > 0 && s.level !== p.signals[i - 1]!.level) expect(s.changed).toBe(true);
      if (s.level !== "ok") expect(s.reasons.length).toBeGreaterThan(0);
    }
  });

  it("lists introductions with department and country, and agreement versions with acknowledgements", async () => {
    const p = await page(["supervisor"]);
    expect(p.introductions[0]).toMatchObject({
      colleague: "Colleague 0-0",
      department: "Sales",
      country: "BE",
      status: "held",
    });
    expect(p.introductions[1]).toMatchObject({ department: "Research", status: "accepted" });
    expect(p.agreements.map((a) => [a.version, a.state, a.acknowledgedBy])).toEqual([
      [1, "agreed", ["Intern 0-1", "Sam Supervisor 0"]],
      [2, "agreed", ["Intern 0-1"]],
    ]);
    expect(p.agreements[1]!.createdBy).toBe("Sam Supervisor 0");
    expect(p.agreements[1]!.terms[0]).toMatch(/^Reply within: supervisor 6h, intern 8h/);
  });

  it("shows shared reflections to the coordinator and the intern, none to a supervisor", async () => {
    const coordinator = await page(["coordinator"]);
    expect(coordinator.reflections!.length).toBeGreaterThan(0);
    expect(coordinator.summary.reflections).toEqual(coordinator.reflections);
    expect((await page(["intern"])).reflections).toEqual(coordinator.reflections);
    const supervisor = await page(["supervisor", "backupSupervisor"]);
    expect(supervisor.reflections).toBeUndefined();
    expect(supervisor.summary.reflections).toEqual([]);
  });
});
