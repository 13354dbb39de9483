import type { EvaluationRepo } from "../../ports/learning-repos.js";
import { EVALUATION_COLUMNS, type EvaluationRow, toEvaluation } from "../rows/evaluation-row.js";
import type { Sql } from "./sql.js";

export function createEvaluationRepo(sql: Sql): EvaluationRepo {
  return {
    async submit(workspaceId, e, at) {
      const row = await sql.one<EvaluationRow>(
        `INSERT INTO evaluations (workspace_id, internship_id, round, side, author_id, answers, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (internship_id, round, side) DO NOTHING
         RETURNING ${EVALUATION_COLUMNS}`,
        [workspaceId, e.internshipId, e.round, e.side, e.authorId, JSON.stringify(e.answers), at.getTime()],
      );
      return row && toEvaluation(row);
    },
    forRound: async (internshipId, round) =>
      (
        await sql.rows<EvaluationRow>(
          `SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE internship_id = $1 AND round = $2
           ORDER BY side DESC`,
          [internshipId, round],
        )
      ).map(toEvaluation),
    forInternship: async (internshipId) =>
      (
        await sql.rows<EvaluationRow>(
          `SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE internship_id = $1 ORDER BY submitted_at, id`,
          [internshipId],
        )
      ).map(toEvaluation),
  };
}
