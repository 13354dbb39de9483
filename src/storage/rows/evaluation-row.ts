import type {
  EvaluationAnswers,
  EvaluationRound,
  EvaluationSide,
  SubmittedEvaluation,
} from "../../domain/evaluations.js";

export interface EvaluationRow {
  id: number;
  internship_id: number;
  round: EvaluationRound;
  side: EvaluationSide;
  author_id: number;
  answers: string;
  submitted_at: number | string;
}

export const EVALUATION_COLUMNS = "id, internship_id, round, side, author_id, answers, submitted_at";

export function toEvaluation(row: EvaluationRow): SubmittedEvaluation {
  return {
    id: Number(row.id),
    internshipId: Number(row.internship_id),
    round: row.round,
    side: row.side,
    authorId: Number(row.author_id),
    answers: JSON.parse(row.answers) as EvaluationAnswers,
    submittedAt: new Date(Number(row.submitted_at)),
  };
}

/** Stored answers without their comments (an erased person's words), the ratings kept for the figures. */
export function answersWithoutComments(answers: string): string {
  const parsed = JSON.parse(answers) as EvaluationAnswers;
  const strip = (ratings: EvaluationAnswers["criteria"] | undefined) =>
    ratings && Object.fromEntries(Object.entries(ratings).map(([key, r]) => [key, { score: r.score }]));
  const kept: EvaluationAnswers = { criteria: strip(parsed.criteria) ?? {}, outcomes: parsed.outcomes };
  if (parsed.hosting) kept.hosting = strip(parsed.hosting)!;
  return JSON.stringify(kept);
}
