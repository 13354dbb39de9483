/**
 * Everything the weekly digest and the end-of-internship report say about one internship over a
 * period [from, to), as plain data. Unknown stays unknown: no scores, levels or shares are invented.
 */
import { connectednessInSummary } from "../domain/copy/isolation.js";
import { CONCENTRATION_LIMIT, concentration } from "../domain/coverage.js";
import { neutralizeMentions } from "../domain/escape.js";
import { reasonText } from "../domain/isolation.js";
import { addDays, daysBetween, isoWeek } from "../domain/local-date.js";
import { lastEntry } from "../domain/milestone-followup.js";
import { type Milestone, shownStatus } from "../domain/milestones.js";
import type { IsolationLevel, StoredSignal } from "../domain/records.js";
import { type FiguresByDirection, figuresByDirection } from "../domain/reply-figures.js";
import type { Internship, LocalDate } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { loadInternshipContext } from "./internship-context.js";
import { planStatus } from "./intro-plan.js";
import { type LearningProgress, learningProgress } from "./learning-progress.js";

export interface MilestoneLine {
  id: number;
  title: string;
  due: LocalDate;
  moves: number;
  /** Done or accepted since (a report lists slipped milestones that were finished, too). */
  finished: boolean;
}

export type Trend = "rising" | "falling" | "steady";

export interface InternshipSummary {
  internshipKey: string;
  intern: string;
  supervisor: string;
  coordinator: string | undefined;
  /** The period in the intern's local dates: first and last day, both inclusive. */
  period: { from: LocalDate; to: LocalDate };
  /** The intern's date at the end of the period (or now, when earlier): what "overdue" is measured against. */
  asOf: LocalDate;
  /** The internship's last day, once it is past (as of `now`): an ended internship is no one's worry. */
  ended?: LocalDate;
  /** The internship's week that the period ends in (week 1 is its first seven days). */
  week: number;
  milestones: {
    /** Marked done in the period and waiting for acceptance: an accepted one is listed once, as accepted. */
    done: MilestoneLine[];
    /** Accepted in the period. */
    accepted: MilestoneLine[];
    /** Moved at least twice: open ones in a digest; in the whole-internship report, finished ones too. */
    slipping: MilestoneLine[];
    /** Open and past the due date, as of `asOf`. */
    overdue: MilestoneLine[];
  };
  checkins: {
    answered: number;
    partial: number;
    missed: number;
    skipped: number;
    /** Not settled yet (today's, or still waiting for an answer). */
    open: number;
    scores: { date: LocalDate; score: number }[];
    averageScore: number | undefined;
    /** Second half of the scores against the first half; unknown with fewer than two scores. */
    trend: Trend | undefined;
  };
  /** to_company: how fast the company answered the intern; to_intern: how fast the intern answered. */
  replies: FiguresByDirection;
  isolation: { level: IsolationLevel; date: LocalDate; reasons: string[] } | undefined;
  introductions: {
    met: { name: string; department: string | undefined }[];
    departments: string[];
    target: number;
    departmentsTarget: number;
    withinWeeks: number;
    reached: boolean;
    /** The plan's deadline passed and it is not reached. */
    behind: boolean;
    /** Proposed or accepted, not held yet. */
    pending: number;
    /** Of those, asked and not answered by the colleague yet. */
    asked: number;
  };
  concentration: { person: string; share: number; exchanges: number; flagged: boolean } | undefined;
  /** Only the reflections the intern agreed to share with the coordinator. */
  reflections: { week: string; text: string }[];
  /** The learning agreement's outcomes and evaluations; undefined without a learning agreement. */
  learning: LearningProgress | undefined;
}

/** A trend needs this much change between the halves' averages, on the 1-5 scale. */
const TREND_STEP = 0.5;
/** "After week 3": the concentration flag needs the internship to be this many days old. */
const FLAG_AFTER_DAYS = 21;

const safe = neutralizeMentions;
const line = (m: Milestone): MilestoneLine => ({
  id: m.id,
  title: safe(m.title),
  due: m.due,
  moves: m.moves,
  finished: m.status === "done" || m.status === "accepted",
});
const within = (at: Date | undefined, from: Date, to: Date) =>
  at !== undefined && at.getTime() >= from.getTime() && at.getTime() < to.getTime();
const average = (values: readonly number[]) =>
  values.length === 0 ? undefined : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

/** Second half of the scores against the first half; unknown with fewer than two. */
export function trendOf(scores: readonly number[]): Trend | undefined {
  if (scores.length < 2) return undefined;
  const half = Math.floor(scores.length / 2);
  const first = average(scores.slice(0, half))!;
  const second = average(scores.slice(scores.length - half))!;
  if (second - first >= TREND_STEP) return "rising";
  if (first - second >= TREND_STEP) return "falling";
  return "steady";
}

/** A stored signal's reasons as a summary states them, about the intern by name. */
export function signalReasons(signal: StoredSignal, internName: string, watchedFrom?: LocalDate): string[] {
  const name = safe(internName);
  const watched = watchedFrom === undefined ? undefined : { from: watchedFrom, on: signal.date };
  // One message, one computation: the connectedness reasons point at the scores shown beside them.
  return signal.reasons.map(
    (r) =>
      connectednessInSummary(r.code, name) ??
      reasonText(r.code, signal.inputs, { name }, watched) ??
      safe(r.text),
  );
}

/** The day Tandem began watching an internship: its start, or its import when that came later. */
export function watchedSince(internship: Internship, localDate: (at: Date) => LocalDate): LocalDate {
  const added = internship.addedAt && localDate(internship.addedAt);
  return added !== undefined && added > internship.start ? added : internship.start;
}

/** Undefined when the internship or its intern and supervisor are gone. */
export async function summarizeInternship(
  store: Store,
  workspaceId: number,
  internshipId: number,
  from: Date,
  to: Date,
  now: Date,
  options: { finishedSlipping?: boolean } = {},
): Promise<InternshipSummary | undefined> {
  const ctx = await loadInternshipContext(store, workspaceId, internshipId);
  if (!ctx) return undefined;
  const { internship, intern } = ctx;
  const calendar = ctx.calendarOf(intern);
  const end = new Date(Math.max(from.getTime(), to.getTime()));
  const periodFrom = calendar.localDate(from);
  const periodTo =
    end.getTime() > from.getTime() ? calendar.localDate(new Date(end.getTime() - 1)) : periodFrom;
  const asOf = calendar.localDate(new Date(Math.min(end.getTime(), now.getTime())));

  const milestones = await store.milestones.listFor(internship.id);
  const finishedIds = milestones
    .filter((m) => m.status === "done" || m.status === "accepted")
    .map((m) => m.id);
  const histories = new Map(
    await Promise.all(finishedIds.map(async (id) => [id, await store.milestones.history(id)] as const)),
  );
  const lastAt = (m: Milestone, action: string) => lastEntry(histories.get(m.id) ?? [], action)?.at;
  const finished = (m: Milestone) => m.status === "done" || m.status === "accepted";
  const open = (m: Milestone) => m.status === "planned" || m.status === "blocked";
  const doneAt = (m: Milestone) => (finished(m) ? lastAt(m, "done") : undefined);
  const acceptedAt = (m: Milestone) => (m.status === "accepted" ? lastAt(m, "accept") : undefined);

  const checkins = await store.checkins.between(internship.id, periodFrom, periodTo);
  const count = (...statuses: string[]) => checkins.filter((c) => statuses.includes(c.status)).length;
  const scores = checkins
    .filter((c) => c.connectedness !== undefined)
    .map((c) => ({ date: c.date, score: c.connectedness! }));

  const clocks = (await store.replyClocks.since(internship.id, from)).filter((c) =>
    within(c.sentAt, from, end),
  );
  const signal = (await store.signals.between(internship.id, internship.start, periodTo)).at(-1);

  const introductions = (await store.introductions.forInternship(internship.id)).filter(
    (i) => (i.metAnswerAt ?? i.respondedAt ?? i.proposedAt).getTime() < end.getTime(),
  );
  const status = await planStatus(store, ctx, introductions, asOf, end);
  const plan = status.coverage;

  const exchanges = (await store.activity.exchangesSince(internship.id, from)).filter((e) =>
    within(e.at, from, end),
  );
  const top = concentration(exchanges);
  // Only the one person named: reading every person of the workspace per intern made a coordinator's
  // digest quadratic in their number of interns.
  const topPerson = top && (await store.people.get(workspaceId, top.personId));
  const age = daysBetween(internship.start, asOf);
  const [firstWeek, lastWeek] = [isoWeek(periodFrom), isoWeek(periodTo)];

  return {
    internshipKey: internship.key,
    intern: safe(intern.name),
    supervisor: safe(ctx.supervisor.name),
    coordinator: ctx.coordinator ? safe(ctx.coordinator.name) : undefined,
    period: { from: periodFrom, to: periodTo },
    asOf,
    ...(calendar.localDate(now) > internship.end ? { ended: internship.end } : {}),
    week: Math.max(0, Math.floor(daysBetween(internship.start, periodTo) / 7) + 1),
    milestones: {
      done: milestones.filter((m) => m.status === "done" && within(doneAt(m), from, end)).map(line),
      accepted: milestones.filter((m) => within(acceptedAt(m), from, end)).map(line),
      slipping: milestones.filter((m) => (open(m) || options.finishedSlipping) && m.moves >= 2).map(line),
      overdue: milestones.filter((m) => shownStatus(m, asOf) === "overdue").map(line),
    },
    checkins: {
      answered: count("answered"),
      partial: count("partial"),
      missed: count("missed"),
      skipped: count("skipped"),
      open: count("due", "sent"),
      scores,
      averageScore: average(scores.map((s) => s.score)),
      trend: trendOf(scores.map((s) => s.score)),
    },
    replies: figuresByDirection(clocks, now),
    isolation: signal && {
      level: signal.level,
      date: signal.date,
      reasons: signalReasons(
        signal,
        intern.name,
        watchedSince(internship, (at) => calendar.localDate(at)),
      ),
    },
    introductions: {
      met: plan.met.map((p) => ({ name: safe(p.name), department: p.department && safe(p.department) })),
      departments: plan.departments,
      target: plan.target,
      departmentsTarget: plan.departmentsTarget,
      withinWeeks: plan.withinWeeks,
      reached: plan.reached,
      behind: status.state === "behind",
      pending: introductions.filter((i) => i.status === "proposed" || i.status === "accepted").length,
      asked: introductions.filter((i) => i.status === "proposed").length,
    },
    concentration: top && {
      person: safe(topPerson?.name ?? `person #${top.personId}`),
      share: top.share,
      exchanges: top.total,
      flagged: top.share > CONCENTRATION_LIMIT && age >= FLAG_AFTER_DAYS,
    },
    reflections: (await store.reflections.forInternship(internship.id))
      .filter((r) => r.shared && r.week >= firstWeek && r.week <= lastWeek)
      .map((r) => ({ week: r.week, text: safe(r.text) })),
    learning: await learningProgress(store, ctx, milestones, now),
  };
}

/** The whole internship so far: from its first day to its last, or to `now` while it runs (intern's zone). */
export async function summarizeWholeInternship(
  store: Store,
  workspaceId: number,
  internshipId: number,
  now: Date,
): Promise<InternshipSummary | undefined> {
  const ctx = await loadInternshipContext(store, workspaceId, internshipId);
  if (!ctx) return undefined;
  const calendar = ctx.calendarOf(ctx.intern);
  const from = calendar.atLocalTime(ctx.internship.start, "00:00");
  const end = calendar.atLocalTime(addDays(ctx.internship.end, 1), "00:00");
  const to = new Date(Math.max(from.getTime(), Math.min(end.getTime(), now.getTime())));
  // The report names every milestone that slipped, finished or not, as the digests named them while open.
  return await summarizeInternship(store, workspaceId, internshipId, from, to, now, {
    finishedSlipping: true,
  });
}
