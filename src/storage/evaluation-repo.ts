import type { EvaluationRound } from "../domain/evaluations.js";
import type { EvaluationRepo } from "../ports/learning-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { EVALUATION_COLUMNS, type EvaluationRow, toEvaluation } from "./rows/evaluation-row.js";
import type { Synchronous } from "./synchronous.js";

export function createEvaluationRepo(db: SqliteDatabase): Synchronous<EvaluationRepo> {
  const insert = db.prepare(
    `INSERT INTO evaluations (workspace_id, internship_id, round, side, author_id, answers, submitted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (internship_id, round, side) DO NOTHING`,
  );
  const byId = db.prepare<[number], EvaluationRow>(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE id = ?`,
  );
  const ofRound = db.prepare<[number, EvaluationRound], EvaluationRow>(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE internship_id = ? AND round = ? ORDER BY side DESC`,
  );
  const ofInternship = db.prepare<[number], EvaluationRow>(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluations WHERE internship_id = ? ORDER BY submitted_at, id`,
  );
  return {
    submit: (workspaceId, e, at) => {
      const info = insert.run(
        workspaceId,
        e.internshipId,
        e.round,
        e.side,
        e.authorId,
        JSON.stringify(e.answers),
        at.getTime(),
      );
      return info.changes === 0 ? undefined : toEvaluation(byId.get(Number(info.lastInsertRowid))!);
    },
    forRound: (internshipId, round) => ofRound.all(internshipId, round).map(toEvaluation),
    forInternship: (internshipId) => ofInternship.all(internshipId).map(toEvaluation),
  };
}
