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
