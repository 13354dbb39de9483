/**
 * How an internship's learning agreement is going, for the weekly digest and the report: each outcome's
 * milestones (accepted of all), and each evaluation round's submissions. Ratings are averaged only once
 * both sides are in, so a digest never shows one side's answers early.
 */
import {
  EVALUATION_SIDES,
  type EvaluationRound,
  type EvaluationSide,
  type RoundStatus,
  roundStatus,
  type SubmittedEvaluation,
} from "../domain/evaluations.js";
import type { Milestone } from "../domain/milestones.js";
import type { LocalDate } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { roundStates, windowClosed } from "./evaluation-rounds.js";
import type { InternshipContext } from "./internship-context.js";

export interface LearningProgress {
  outcomes: { key: string; milestones: number; accepted: number }[];
  evaluations: {
    round: EvaluationRound;
    submitted: EvaluationSide[];
    /** Open, complete or closed without a side (roundStatus), as of the summary's `now`. */
    status: RoundStatus;
    /** The round's one close, as the intern's date; undefined when nobody has a working day for it. */
    closes: LocalDate | undefined;
    /** Mean criterion score (1-5) per side, once both sides submitted. */
    averages: Record<EvaluationSide, number> | undefined;
  }[];
}

const mean = (e: SubmittedEvaluation) => {
  const scores = Object.values(e.answers.criteria).map((r) => r.score);
  return scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : 0;
};

export async function learningProgress(
  store: Store,
  ctx: InternshipContext,
  milestones: readonly Milestone[],
  now: Date,
): Promise<LearningProgress | undefined> {
  const internshipId = ctx.internship.id;
  const agreement = await store.learning.get(internshipId);
  if (!agreement) return undefined;
  const served = await store.learning.outcomesOfMilestones(internshipId);
  const outcomes = agreement.outcomes.map((o) => {
    const serving = milestones.filter((m) => served.get(m.id)?.includes(o.key));
    return {
      key: o.key,
      milestones: serving.length,
      accepted: serving.filter((m) => m.status === "accepted").length,
    };
  });
  const calendar = ctx.calendarOf(ctx.intern);
  const evaluations = (await roundStates(store, ctx, agreement))
    .map((state) => {
      const { round } = state;
      const inRound = state.submissions;
      const opens = EVALUATION_SIDES.flatMap((side) => state.windows[side]?.opens.getTime() ?? []);
      const opened = opens.length > 0 && Math.min(...opens) <= now.getTime();
      const status = roundStatus(new Set(inRound.map((e) => e.side)), {
        opened,
        closed: opened && windowClosed(state, now),
      });
      const submitted = EVALUATION_SIDES.filter((side) => inRound.some((e) => e.side === side));
      const both = submitted.length === EVALUATION_SIDES.length;
      const averages = both
        ? (Object.fromEntries(
            EVALUATION_SIDES.map((side) => [side, mean(inRound.find((e) => e.side === side)!)]),
          ) as Record<EvaluationSide, number>)
        : undefined;
      const closes = state.closes && calendar.localDate(state.closes);
      return { round, submitted, status, closes, averages };
    })
    .filter((r) => r.status.kind !== "not-open");
  return { outcomes, evaluations };
}
