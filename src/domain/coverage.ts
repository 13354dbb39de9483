import type { AgreementTerms } from "./agreement-terms.js";
import type { Exchange, Introduction } from "./records.js";
import type { Person } from "./types.js";

export interface Coverage {
  /** Colleagues met through held introductions, in the order they were met. */
  met: Person[];
  departments: string[];
  target: number;
  departmentsTarget: number;
  withinWeeks: number;
  /** The plan is reached: enough people from enough departments. */
  reached: boolean;
}

/** Who the intern has met and from which departments, against the agreement's introduction plan. */
export function coverage(
  introductions: readonly Introduction[],
  peopleById: ReadonlyMap<number, Person>,
  plan: AgreementTerms["introductions"],
): Coverage {
  const met = introductions
    .filter((i) => i.status === "held")
    .map((i) => peopleById.get(i.colleagueId))
    .filter((p): p is Person => p !== undefined);
  const departments = [
    ...new Set(met.map((p) => p.department).filter((d): d is string => Boolean(d))),
  ].sort();
  return {
    met,
    departments,
    target: plan.target,
    departmentsTarget: plan.departments,
    withinWeeks: plan.withinWeeks,
    reached: met.length >= plan.target && departments.length >= plan.departments,
  };
}

export interface Concentration {
  /** The most-contacted person, and their share of all the intern's exchanges (0..1). */
  personId: number;
  share: number;
  total: number;
}

/** How much of the intern's exchanges go to one person; undefined when there were none (unknown, not zero). */
export function concentration(exchanges: readonly Exchange[]): Concentration | undefined {
  if (exchanges.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const e of exchanges) counts.set(e.personId, (counts.get(e.personId) ?? 0) + 1);
  let top: [number, number] = [0, 0];
  for (const entry of counts)
    if (entry[1] > top[1] || (entry[1] === top[1] && entry[0] < top[0])) top = entry;
  return { personId: top[0], share: top[1] / exchanges.length, total: exchanges.length };
}

/** Over this share after week 3, the supervisor's digest flags that one person shapes the internship. */
export const CONCENTRATION_LIMIT = 0.6;
