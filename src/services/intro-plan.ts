/**
 * The introduction plan as one computation for `intro status`, the digests and the report: held
 * introductions and logged meetings (`met @person`) with listed colleagues both count.
 */
import { type Coverage, coverage, type PlanMeeting, type PlanState, planState } from "../domain/coverage.js";
import type { Introduction } from "../domain/records.js";
import type { LocalDate, Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";

export interface PlanStatus {
  coverage: Coverage;
  state: PlanState;
  /** How many colleagues met by `asOf` keep the plan within reach. */
  expected: number;
}

/**
 * Meetings before `until` with colleagues on the introductions list; the supervisor and the backup
 * are the intern's daily contacts, not the wider circle the plan is about.
 */
export async function planMeetings(
  store: Store,
  ctx: InternshipContext,
  until: Date,
): Promise<PlanMeeting[]> {
  const own = new Set([ctx.intern.id, ctx.supervisor.id, ctx.backupSupervisor?.id, ctx.coordinator?.id]);
  const meetings: PlanMeeting[] = [];
  for (const m of await store.activity.meetingsSince(ctx.internship.id, new Date(0))) {
    if (m.at < until && !own.has(m.personId) && (await store.people.isColleague(m.personId)))
      meetings.push({ personId: m.personId, at: m.at });
  }
  return meetings;
}

export async function planStatus(
  store: Store,
  ctx: InternshipContext,
  introductions: readonly Introduction[],
  asOf: LocalDate,
  until: Date,
): Promise<PlanStatus> {
  const meetings = await planMeetings(store, ctx, until);
  const people = new Map<number, Person>();
  for (const id of [...introductions.map((i) => i.colleagueId), ...meetings.map((m) => m.personId)]) {
    const person = await store.people.get(ctx.workspace.id, id);
    if (person) people.set(id, person);
  }
  const cover = coverage(introductions, people, ctx.terms.introductions, meetings);
  return { coverage: cover, ...planState(cover, ctx.internship.start, asOf) };
}
