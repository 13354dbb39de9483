import type { WorkingCalendar } from "../domain/calendar.js";
import {
  EVALUATION_ROUNDS,
  EVALUATION_SIDES,
  type EvaluationRound,
  type EvaluationSide,
  type EvaluationViewer,
  type EvaluationWindow,
  evaluationWindow,
  type SubmittedEvaluation,
} from "../domain/evaluations.js";
import {
  type EvaluationDates,
  evaluationDates,
  type LearningAgreement,
  type WorkingDayTest,
} from "../domain/learning-agreement.js";
import { weekdayOf } from "../domain/local-date.js";
import type { LocalDate, Person, Role } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";

/**
 * A round's window: each side's own working week from the evaluation date (when they are asked and
 * reminded) and the one close both sides, the coordinator and every message go by: the later of the two
 * weeks' ends, so each person has a whole working week of their own.
 */
export interface RoundWindow {
  windows: Record<EvaluationSide, EvaluationWindow | undefined>;
  /** Undefined only when neither side has a working day within a year of the date. */
  closes: Date | undefined;
}

/** One evaluation round of an internship: its date, its window, and what was submitted. */
export interface RoundState extends RoundWindow {
  round: EvaluationRound;
  date: LocalDate;
  submissions: SubmittedEvaluation[];
}

/** Who fills in a side: the intern, or the supervisor (in whose working hours the request goes). */
export function sidePerson(ctx: InternshipContext, side: EvaluationSide): Person {
  return side === "intern" ? ctx.intern : ctx.supervisor;
}

/** The side a person writes, else whether they may read as the coordinator; undefined: no part in it. */
export function viewerOf(roles: readonly Role[]): EvaluationViewer | undefined {
  if (roles.includes("intern")) return "intern";
  if (roles.includes("supervisor") || roles.includes("backupSupervisor")) return "supervisor";
  if (roles.includes("coordinator")) return "coordinator";
  return undefined;
}

/**
 * A working day by the person's week, holidays and closures, leave left aside: a date in the agreement
 * does not move when someone books leave (their window lengthens instead).
 */
export function regularWorkingDay(calendar: WorkingCalendar): WorkingDayTest {
  return (date) => calendar.hours[weekdayOf(date)].length > 0 && calendar.dayOffName(date) === undefined;
}

/**
 * The rounds' dates for this internship: the agreed ones, else the defaults moved to the nearest earlier
 * working day of the intern and the supervisor (of the intern alone when their weeks share none).
 */
export function scheduledDates(
  ctx: InternshipContext,
  agreement: LearningAgreement | undefined,
): EvaluationDates {
  const people = [ctx.intern, ctx.supervisor].map((p) => regularWorkingDay(ctx.calendarOf(p)));
  return evaluationDates(ctx.internship, agreement, people);
}

/** The window of a round dated `date`: the only place its close is worked out. */
export function roundWindow(ctx: InternshipContext, date: LocalDate): RoundWindow {
  const windows = {} as Record<EvaluationSide, EvaluationWindow | undefined>;
  for (const side of EVALUATION_SIDES) {
    let window: EvaluationWindow | undefined;
    try {
      window = evaluationWindow(ctx.calendarOf(sidePerson(ctx, side)), date);
    } catch {
      // A person with no working time at all has no window.
    }
    windows[side] = window;
  }
  const ends = EVALUATION_SIDES.flatMap((side) => windows[side]?.closes.getTime() ?? []);
  return { windows, closes: ends.length > 0 ? new Date(Math.max(...ends)) : undefined };
}

export async function roundStates(
  store: Store,
  ctx: InternshipContext,
  agreement: LearningAgreement,
): Promise<RoundState[]> {
  const dates = scheduledDates(ctx, agreement);
  const submitted = await store.evaluations.forInternship(ctx.internship.id);
  return EVALUATION_ROUNDS.map((round) => {
    const date = dates[round];
    return {
      round,
      date,
      ...roundWindow(ctx, date),
      submissions: submitted.filter((e) => e.round === round),
    };
  });
}

/**
 * The round a command means when none is named: the one open for the side now, else the last that has
 * opened, else the mid-term.
 */
export function currentRound(states: readonly RoundState[], side: EvaluationViewer, now: Date): RoundState {
  const at = now.getTime();
  const opensOf = (s: RoundState) =>
    (side === "coordinator" ? (s.windows.supervisor ?? s.windows.intern) : s.windows[side])?.opens;
  const opened = states.filter((s) => {
    const opens = opensOf(s);
    return opens !== undefined && opens.getTime() <= at;
  });
  const open = opened.find((s) => !windowClosed(s, now));
  return open ?? opened.at(-1) ?? states[0]!;
}

/** Whether the round's window has closed: after it no evaluation is taken and both sides can be read. */
export const windowClosed = (state: RoundWindow, now: Date) =>
  state.closes === undefined || now.getTime() >= state.closes.getTime();
