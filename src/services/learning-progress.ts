/**
 * How an internship's learning agreement is going, for the weekly digest and the report: each outcome's
 * milestones (accepted of all), and each evaluation round's submissions. Ratings are averaged only once
 * both sides are in, so a digest never shows one side's answers early.
 */
import {
  EVALUATION_ROUNDS,
  EVALUATION_SIDES,
  type EvaluationRound,
  type EvaluationSide,
  type SubmittedEvaluation,
} from "../domain/evaluations.js";
import type { Milestone } from "../domain/milestones.js";
import type { Store } from "../ports/store.js";

export interface LearningProgress {
  outcomes: { key: string; milestones: number; accepted: number }[];
  evaluations: {
    round: EvaluationRound;
    submitted: EvaluationSide[];
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
  internshipId: number,
  milestones: readonly Milestone[],
): Promise<LearningProgress | undefined> {
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
  const all = await store.evaluations.forInternship(internshipId);
  const evaluations = EVALUATION_ROUNDS.map((round) => {
    const inRound = all.filter((e) => e.round === round);
    const submitted = EVALUATION_SIDES.filter((side) => inRound.some((e) => e.side === side));
    const both = submitted.length === EVALUATION_SIDES.length;
    const averages = both
      ? (Object.fromEntries(
          EVALUATION_SIDES.map((side) => [side, mean(inRound.find((e) => e.side === side)!)]),
        ) as Record<EvaluationSide, number>)
      : undefined;
    return { round, submitted, averages };
  }).filter((r) => r.submitted.length > 0);
  return { outcomes, evaluations };
}
