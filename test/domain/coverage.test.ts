import { describe, expect, it } from "vitest";
import { CONCENTRATION_LIMIT, concentration, coverage } from "../../src/domain/coverage.js";
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
