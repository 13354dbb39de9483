import type { LearningAgreementRepo } from "../../ports/learning-repos.js";
import {
  type EvaluationCriterionRow,
  type LearningAgreementRow,
  type LearningOutcomeRow,
  type LearningVersionRow,
  learningAgreementValues,
  learningVersionValues,
  type MilestoneOutcomeRow,
  outcomesByMilestone,
  toLearningAgreement,
  toLearningVersion,
} from "../rows/learning-row.js";
import type { Sql } from "./sql.js";

export function createLearningRepo(sql: Sql): LearningAgreementRepo {
  return {
    async get(internshipId) {
      const row = await sql.one<LearningAgreementRow>(
        `SELECT title, hours_per_week, midterm_date, final_date, language, language_level
         FROM learning_agreements WHERE internship_id = $1`,
        [internshipId],
      );
      if (!row) return undefined;
      const outcomes = await sql.rows<LearningOutcomeRow>(
        "SELECT key, description FROM learning_outcomes WHERE internship_id = $1 ORDER BY position",
        [internshipId],
      );
      const criteria = await sql.rows<EvaluationCriterionRow>(
        "SELECT key, name FROM evaluation_criteria WHERE internship_id = $1 ORDER BY position",
        [internshipId],
      );
      return toLearningAgreement(row, outcomes, criteria);
    },
    put: (workspaceId, internshipId, a, at, change) =>
      sql.atomic(async () => {
        await sql.run(
          `INSERT INTO learning_agreements (internship_id, workspace_id, title, hours_per_week, midterm_date,
             final_date, language, language_level, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (internship_id) DO UPDATE SET title = excluded.title,
             hours_per_week = excluded.hours_per_week, midterm_date = excluded.midterm_date,
             final_date = excluded.final_date, language = excluded.language,
             language_level = excluded.language_level, updated_at = excluded.updated_at`,
          [internshipId, workspaceId, ...learningAgreementValues(a), at.getTime()],
        );
        await sql.run("DELETE FROM learning_outcomes WHERE internship_id = $1 AND NOT (key = ANY($2))", [
          internshipId,
          a.outcomes.map((o) => o.key),
        ]);
        for (const [i, o] of a.outcomes.entries()) {
          await sql.run(
            `INSERT INTO learning_outcomes (workspace_id, internship_id, key, description, position)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (internship_id, key) DO UPDATE SET description = excluded.description,
               position = excluded.position`,
            [workspaceId, internshipId, o.key, o.description, i],
          );
        }
        await sql.run("DELETE FROM evaluation_criteria WHERE internship_id = $1", [internshipId]);
        for (const [i, c] of a.criteria.entries()) {
          await sql.run(
            `INSERT INTO evaluation_criteria (workspace_id, internship_id, key, name, position)
             VALUES ($1, $2, $3, $4, $5)`,
            [workspaceId, internshipId, c.key, c.name, i],
          );
        }
        // The agreement's row is locked by the upsert above, so two writers cannot take the same number.
        const next = await sql.one<{ next: number }>(
          "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM learning_agreement_versions WHERE internship_id = $1",
          [internshipId],
        );
        const version = Number(next!.next);
        await sql.run(
          `INSERT INTO learning_agreement_versions (workspace_id, internship_id, version, agreement, change,
             changed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [workspaceId, internshipId, version, ...learningVersionValues(a, change, at)],
        );
        return version;
      }),
    versions: async (internshipId) =>
      (
        await sql.rows<LearningVersionRow>(
          `SELECT version, agreement, change, changed_by, created_at FROM learning_agreement_versions
           WHERE internship_id = $1 ORDER BY version`,
          [internshipId],
        )
      ).map(toLearningVersion),
    async link(_workspaceId, milestoneId, internshipId, keys) {
      if (keys.length === 0) return;
      await sql.run(
        `INSERT INTO milestone_outcomes (milestone_id, outcome_id, workspace_id)
         SELECT $1, id, workspace_id FROM learning_outcomes WHERE internship_id = $2 AND key = ANY($3)
         ON CONFLICT (milestone_id, outcome_id) DO NOTHING`,
        [milestoneId, internshipId, [...keys]],
      );
    },
    outcomesOfMilestones: async (internshipId) =>
      outcomesByMilestone(
        await sql.rows<MilestoneOutcomeRow>(
          `SELECT mo.milestone_id, o.key FROM milestone_outcomes mo
           JOIN learning_outcomes o ON o.id = mo.outcome_id
           WHERE o.internship_id = $1 ORDER BY mo.milestone_id, o.position`,
          [internshipId],
        ),
      ),
  };
}
