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
import { evaluationDates, type LearningAgreement } from "../domain/learning-agreement.js";
import type { LocalDate, Person, Role } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";

/** One evaluation round of an internship: its date, each side's window, and what was submitted. */
export interface RoundState {
  round: EvaluationRound;
  date: LocalDate;
  windows: Record<EvaluationSide, EvaluationWindow | undefined>;
  /** When the round's window has closed for both sides; undefined when one side has no working days. */
  closes: Date | undefined;
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

export async function roundStates(
  store: Store,
  ctx: InternshipContext,
  agreement: LearningAgreement,
): Promise<RoundState[]> {
  const dates = evaluationDates(ctx.internship, agreement);
  const submitted = await store.evaluations.forInternship(ctx.internship.id);
  return EVALUATION_ROUNDS.map((round) => {
    const date = dates[round];
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
    const ends = EVALUATION_SIDES.map((side) => windows[side]?.closes.getTime());
    const closes = ends.every((t) => t !== undefined) ? new Date(Math.max(...(ends as number[]))) : undefined;
    return { round, date, windows, closes, submissions: submitted.filter((e) => e.round === round) };
  });
}

/**
 * The round a command means when none is named: the one open for the side now, else the last that has
 * opened, else the mid-term.
 */
export function currentRound(states: readonly RoundState[], side: EvaluationViewer, now: Date): RoundState {
  const at = now.getTime();
  const windowOf = (s: RoundState) =>
    side === "coordinator" ? (s.windows.supervisor ?? s.windows.intern) : s.windows[side];
  const open = states.find((s) => {
    const w = windowOf(s);
    return w && w.opens.getTime() <= at && at < w.closes.getTime();
  });
  const opened = states.filter((s) => {
    const w = windowOf(s);
    return w && w.opens.getTime() <= at;
  });
  return open ?? opened.at(-1) ?? states[0]!;
}

export const windowClosed = (state: RoundState, now: Date) =>
  state.closes !== undefined && now.getTime() >= state.closes.getTime();
