import { describe, expect, it } from "vitest";
import { CONCENTRATION_LIMIT, concentration, coverage, planState } from "../../src/domain/coverage.js";
import type { Exchange, Introduction } from "../../src/domain/records.js";
import type { Person } from "../../src/domain/types.js";

const at = new Date("2026-12-01T12:00:00Z");

function person(id: number, department?: string): Person {
  return {
    id,
    workspaceId: 1,
    key: `p${id}`,
    name: `Person ${id}`,
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    ...(department ? { department } : {}),
    leave: [],
    dailyBudget: 6,
    languages: [],
    introCapacity: 2,
    ids: {},
  };
}

function intro(colleagueId: number, status: Introduction["status"]): Introduction {
  return {
    id: colleagueId,
    workspaceId: 1,
    internshipId: 1,
    colleagueId,
    status,
    proposedAt: at,
    rescheduled: false,
  };
}

const exchange = (personId: number): Exchange => ({ internshipId: 1, personId, source: "mention", at });

describe("coverage of the introduction plan", () => {
  const people = new Map(
    [1, 2, 3, 4].map((id) => [id, person(id, id <= 2 ? "Sales" : id === 3 ? "Ops" : undefined)]),
  );
  const plan = { target: 3, departments: 2, withinWeeks: 6 };

  it("counts only held introductions, and each department once", () => {
    const result = coverage(
      [intro(1, "held"), intro(2, "held"), intro(3, "accepted"), intro(4, "not_held")],
      people,
      plan,
    );
    expect(result.met.map((p) => p.id)).toEqual([1, 2]);
    expect(result.departments).toEqual(["Sales"]);
    expect(result.reached).toBe(false);
  });

  it("is reached with enough people from enough departments", () => {
    const result = coverage([intro(1, "held"), intro(2, "held"), intro(3, "held")], people, plan);
    expect(result.departments).toEqual(["Ops", "Sales"]);
    expect(result.reached).toBe(true);
  });

  it("is not reached with enough people from too few departments", () => {
    const sales = new Map([1, 2, 5].map((id) => [id, person(id, "Sales")]));
    expect(coverage([intro(1, "held"), intro(2, "held"), intro(5, "held")], sales, plan).reached).toBe(false);
  });
});

describe("concentration of the intern's exchanges", () => {
  it("is unknown, not zero, when there were no exchanges", () => {
    expect(concentration([])).toBeUndefined();
  });

  it("gives the most-contacted person and their share", () => {
    const result = concentration([exchange(7), exchange(7), exchange(7), exchange(8), exchange(9)]);
    expect(result).toEqual({ personId: 7, share: 0.6, total: 5 });
    expect(result!.share > CONCENTRATION_LIMIT).toBe(false);
  });

  it("flags one person with more than 60% of the exchanges", () => {
    const result = concentration([exchange(7), exchange(7), exchange(7), exchange(7), exchange(8)]);
    expect(result!.share).toBe(0.8);
    expect(result!.share > CONCENTRATION_LIMIT).toBe(true);
  });

  it("breaks a tie by the lower person id, so the figure is stable", () => {
    expect(concentration([exchange(9), exchange(8)])?.personId).toBe(8);
  });
});

describe("the introduction plan's pace", () => {
  const plan = { target: 6, departments: 3, withinWeeks: 6 };
  const met = (n: number) =>
    coverage(
      [],
      new Map(Array.from({ length: n }, (_, i) => [i + 1, person(i + 1, `D${i + 1}`)])),
      plan,
      Array.from({ length: n }, (_, i) => ({ personId: i + 1, at })),
    );
  it.each([
    // [met, days since the start, state]
    [0, 13, "on the way"], // a week's grace: nobody is behind before the end of week 2
    [0, 14, "behind"],
    [1, 20, "on the way"],
    [1, 21, "behind"],
    [1, 28, "behind"], // 1 of 6 with 2 of 6 weeks left
    [3, 28, "on the way"],
    [5, 42, "behind"], // the weeks are over
    [6, 20, "reached"],
  ] as const)("%i met after %i days is %s", (n, days, state) => {
    const asOf = new Date(Date.UTC(2026, 10, 1 + days)).toISOString().slice(0, 10);
    expect(planState(met(n), "2026-11-01", asOf).state).toBe(state);
  });
});
