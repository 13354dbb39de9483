import type { AgreementTerms } from "./agreement-terms.js";
import { daysBetween } from "./local-date.js";
import type { Exchange, Introduction } from "./records.js";
import type { LocalDate, Person } from "./types.js";

export interface Coverage {
  /** Colleagues met (a held introduction, or a logged meeting with a listed colleague), in the order met. */
  met: Person[];
  departments: string[];
  target: number;
  departmentsTarget: number;
  withinWeeks: number;
  /** The plan is reached: enough people from enough departments. */
  reached: boolean;
}

/** A logged live meeting (`met @person`), already limited to listed colleagues by the caller. */
export interface PlanMeeting {
  personId: number;
  at: Date;
}

/** Who the intern has met and from which departments, against the agreement's introduction plan. */
export function coverage(
  introductions: readonly Introduction[],
  peopleById: ReadonlyMap<number, Person>,
  plan: AgreementTerms["introductions"],
  meetings: readonly PlanMeeting[] = [],
): Coverage {
  const held = introductions
    .filter((i) => i.status === "held")
    .map((i) => ({ personId: i.colleagueId, at: i.metAnswerAt ?? i.respondedAt ?? i.proposedAt }));
  const first = new Map<number, number>();
  for (const m of [...held, ...meetings]) {
    const at = m.at.getTime();
    if (!first.has(m.personId) || at < first.get(m.personId)!) first.set(m.personId, at);
  }
  const met = [...first.entries()]
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .map(([id]) => peopleById.get(id))
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

export type PlanState = "reached" | "behind" | "on the way";

/**
 * Where the plan stands on `asOf`: behind as soon as the pace so far cannot reach it, that is when
 * fewer people (or departments) are met than an even pace over the planned weeks has by now, with one
 * week's grace while the weeks run (an introduction takes about a week to arrange): a plan of 6 in
 * 6 weeks wants 1 after the second week, 3 after the fourth, and all 6 once the weeks are over.
 */
export function planState(
  c: Coverage,
  start: LocalDate,
  asOf: LocalDate,
): { state: PlanState; expected: number } {
  const passed = Math.max(0, Math.floor(daysBetween(start, asOf) / 7));
  const weeks = passed >= c.withinWeeks ? c.withinWeeks : Math.max(0, passed - 1);
  const expected = Math.floor((c.target * weeks) / c.withinWeeks);
  const expectedDepartments = Math.floor((c.departmentsTarget * weeks) / c.withinWeeks);
  if (c.reached) return { state: "reached", expected };
  const behind = c.met.length < expected || c.departments.length < expectedDepartments;
  return { state: behind ? "behind" : "on the way", expected };
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
