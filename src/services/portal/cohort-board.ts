/**
 * The cohort board: one row per internship a person may see, with the figures a coordinator scans first.
 * Lighter than the report (no milestone histories, exchanges or reflections): the board of 500 interns is
 * read in one request.
 */

import type { Checkin } from "../../domain/checkins.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { addDays, daysBetween } from "../../domain/local-date.js";
import { shownStatus } from "../../domain/milestones.js";
import type { IsolationLevel } from "../../domain/records.js";
import { type FiguresByDirection, figuresByDirection } from "../../domain/reply-figures.js";
import type { LocalDate } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { signalReasons, type Trend, trendOf, watchedSince } from "../internship-summary.js";
import { planStatus } from "../intro-plan.js";
import { earlierDate } from "./portal-figures.js";

/** An internship the viewer may see, as access.ts lists them. */
export interface InternshipRef {
  workspaceId: number;
  internshipId: number;
}

export interface MilestoneBrief {
  id: number;
  title: string;
  due: LocalDate;
  moves: number;
}

export interface CohortRow {
  workspaceId: number;
  internshipId: number;
  internshipKey: string;
  intern: string;
  /** The host company: the workspace's name. */
  company: string;
  /** Week of the internship as of today in the intern's zone (0 before it starts). */
  week: number;
  start: LocalDate;
  end: LocalDate;
  /** Past its last day: the signal is no longer followed, so the board shows the end instead of a level. */
  ended: boolean;
  /** Undefined until the signal was first computed. */
  level: IsolationLevel | undefined;
  levelDate: LocalDate | undefined;
  reasons: string[];
  /** The scores of the last COHORT_SCORES check-in days, oldest first. */
  connectedness: { date: LocalDate; score: number }[];
  trend: Trend | undefined;
  /** The newest check-in that was answered, fully or partly. */
  lastCheckin: { date: LocalDate; score: number | undefined } | undefined;
  /** to_company: the company answering the intern; to_intern: the intern answering. Questions of the last REPLY_DAYS. */
  replies: FiguresByDirection;
  overdue: MilestoneBrief[];
  /** Open and moved at least twice. */
  slipping: MilestoneBrief[];
  introductions: {
    met: number;
    target: number;
    departments: number;
    departmentsTarget: number;
    state: string;
  };
}

/** Check-in days the trend chart reads: about six weeks of workdays. */
export const COHORT_SCORES = 30;
/** The board's reply figures cover recent questions: what a coordinator acts on, and a year of clocks per row is not read. */
export const REPLY_DAYS = 28;

const brief = (m: { id: number; title: string; due: LocalDate; moves: number }): MilestoneBrief => ({
  id: m.id,
  title: neutralizeMentions(m.title),
  due: m.due,
  moves: m.moves,
});

/** The trend's scores, oldest first, from the newest COHORT_SCORES check-ins (newest first, as `recent` gives them). */
export function connectednessOf(checkins: readonly Checkin[]): { date: LocalDate; score: number }[] {
  return checkins
    .filter((c) => c.connectedness !== undefined)
    .map((c) => ({ date: c.date, score: c.connectedness! }))
    .reverse();
}

/** The trend's scores of one internship, as its board row reads them. */
export async function trendScores(store: Store, internshipId: number): Promise<number[]> {
  return connectednessOf(await store.checkins.recent(internshipId, COHORT_SCORES)).map((s) => s.score);
}

export async function cohortRow(store: Store, ctx: InternshipContext, now: Date): Promise<CohortRow> {
  const { internship, intern, workspace } = ctx;
  const calendar = ctx.calendarOf(intern);
  const today = calendar.localDate(now);
  const recentFrom = calendar.atLocalTime(addDays(today, -REPLY_DAYS), "00:00");
  const checkins = await store.checkins.recent(internship.id, COHORT_SCORES);
  const scores = connectednessOf(checkins);
  const answered = checkins.find((c) => c.status === "answered" || c.status === "partial");
  const milestones = await store.milestones.listFor(internship.id);
  const signal = await store.signals.latest(internship.id);
  const clocks = await store.replyClocks.since(internship.id, recentFrom);
  const asOf = earlierDate(today, internship.end);
  const plan = await planStatus(
    store,
    ctx,
    await store.introductions.forInternship(internship.id),
    asOf,
    calendar.atLocalTime(addDays(asOf, 1), "00:00"),
  );
  return {
    workspaceId: workspace.id,
    internshipId: internship.id,
    internshipKey: internship.key,
    intern: neutralizeMentions(intern.name),
    company: workspace.name,
    week: today < internship.start ? 0 : Math.floor(daysBetween(internship.start, asOf) / 7) + 1,
    start: internship.start,
    end: internship.end,
    ended: today > internship.end,
    level: signal?.level,
    levelDate: signal?.date,
    reasons:
      signal && today <= internship.end
        ? signalReasons(
            signal,
            intern.name,
            watchedSince(internship, (at) => calendar.localDate(at)),
          )
        : [],
    connectedness: scores,
    trend: trendOf(scores.map((s) => s.score)),
    lastCheckin: answered && { date: answered.date, score: answered.connectedness },
    replies: figuresByDirection(clocks, now),
    overdue: milestones.filter((m) => shownStatus(m, today) === "overdue").map(brief),
    slipping: milestones
      .filter((m) => (m.status === "planned" || m.status === "blocked") && m.moves >= 2)
      .map(brief),
    introductions: {
      met: plan.coverage.met.length,
      target: plan.coverage.target,
      departments: plan.coverage.departments.length,
      departmentsTarget: plan.coverage.departmentsTarget,
      state: plan.state,
    },
  };
}

/** Rows for every internship listed, skipping any whose intern or supervisor is gone. */
export async function cohortRows(
  store: Store,
  refs: readonly InternshipRef[],
  now: Date,
): Promise<CohortRow[]> {
  const rows: CohortRow[] = [];
  for (const ref of refs) {
    const ctx = await loadInternshipContext(store, ref.workspaceId, ref.internshipId);
    if (ctx) rows.push(await cohortRow(store, ctx, now));
  }
  return rows;
}
