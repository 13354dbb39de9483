import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../../src/domain/agreement.js";
import { cohortRows } from "../../../src/services/portal/cohort-board.js";
import { cohortCsv, readCohortQuery, selectCohortRows } from "../../../src/services/portal/cohort-query.js";
import { seedCohort } from "../../helpers/portal-data.js";
import { openTestStore } from "../../helpers/test-store.js";

const NOW = new Date("2026-12-03T15:00:00Z");

async function board() {
  const store = await openTestStore(undefined, { now: NOW });
  const seeded = await seedCohort(store, {
    companies: 3,
    internsPerCompany: 2,
    days: 45,
    today: "2026-12-03",
  });
  const rows = await cohortRows(store, seeded.internships, NOW);
  return { store, seeded, rows };
}

describe("cohort board", () => {
  it("has one row per intern with company, week, level, trend and figures both ways", async () => {
    const { rows } = await board();
    expect(rows).toHaveLength(6);
    const row = rows.find((r) => r.intern === "Intern 1-0")!;
    expect(row.company).toBe("Company B");
    // Started 45 days before 3 December: day 46 is in week 7.
    expect(row.week).toBe(7);
    expect(row.level).toBeDefined();
    expect(row.connectedness.length).toBeGreaterThan(10);
    expect(row.connectedness.map((s) => s.date)).toEqual([...row.connectedness.map((s) => s.date)].sort());
    expect(row.lastCheckin!.date <= "2026-12-03").toBe(true);
    expect(row.replies.to_company.answered).toBeGreaterThan(0);
    expect(row.replies.to_intern.answered).toBeGreaterThan(0);
    expect(row.introductions).toMatchObject({ met: 1, target: DEFAULT_TERMS.introductions.target });
  });

  it("states the reasons of a signal that is not ok", async () => {
    const { rows } = await board();
    const flagged = rows.filter((r) => r.level === "watch" || r.level === "at_risk");
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) expect(row.reasons[0]).toMatch(/working days have passed without a message/);
    for (const row of rows.filter((r) => r.level === "ok")) expect(row.reasons).toEqual([]);
  });

  it("shows an internship past its last day as ended, without a level's reasons, and no level filter matches it", async () => {
    const { store, seeded, rows } = await board();
    expect(rows.every((r) => !r.ended)).toBe(true);
    const lastEnd = rows
      .map((r) => r.end)
      .sort()
      .at(-1)!;
    const after = new Date(`${lastEnd}T12:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 5);
    const later = await cohortRows(store, seeded.internships, after);
    expect(later.every((r) => r.ended && r.reasons.length === 0)).toBe(true);
    // Their last level was at risk or watch before the end: ended, they are neither.
    for (const level of ["at_risk", "watch", "ok", "none"])
      expect(selectCohortRows(later, readCohortQuery({ level }))).toEqual([]);
    expect(selectCohortRows(later, readCohortQuery({}))).toHaveLength(rows.length);
  });

  it("filters by level, company and week and sorts either way", async () => {
    const { rows } = await board();
    const byCompany = selectCohortRows(rows, readCohortQuery({ company: "Company C", sort: "intern" }));
    expect(byCompany.map((r) => r.intern)).toEqual(["Intern 2-0", "Intern 2-1"]);
    const down = selectCohortRows(rows, readCohortQuery({ sort: "intern", order: "desc" }));
    expect(down.map((r) => r.intern)).toEqual([
      "Intern 2-1",
      "Intern 2-0",
      "Intern 1-1",
      "Intern 1-0",
      "Intern 0-1",
      "Intern 0-0",
    ]);
    expect(selectCohortRows(rows, readCohortQuery({ week: "7" }))).toHaveLength(6);
    expect(selectCohortRows(rows, readCohortQuery({ week: "3" }))).toHaveLength(0);
    const level = rows[0]!.level!;
    const same = selectCohortRows(rows, readCohortQuery({ level }));
    expect(same.length).toBe(rows.filter((r) => r.level === level).length);
    const pressing = selectCohortRows(rows, readCohortQuery({ sort: "level" }));
    const rank = { at_risk: 0, watch: 1, ok: 3 } as const;
    expect(pressing.map((r) => rank[r.level!])).toEqual(pressing.map((r) => rank[r.level!]).sort());
  });

  it("ignores query values that are not among the choices", () => {
    expect(
      readCohortQuery({ level: "<script>", week: "seven", sort: "drop table", order: "sideways" }),
    ).toEqual({
      sort: "level",
      descending: false,
    });
  });

  it("exports the table as CSV, one line per intern, formulas defused", async () => {
    const { rows } = await board();
    const evil = { ...rows[0]!, intern: '=HYPERLINK("x")' };
    const csv = cohortCsv([evil, ...rows.slice(1)]);
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^intern,internship,company,week,level/);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
  });
});
