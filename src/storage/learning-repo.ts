import type { LearningAgreementRepo } from "../ports/learning-repos.js";
import type { SqliteDatabase } from "./open-database.js";
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
} from "./rows/learning-row.js";
import type { Synchronous } from "./synchronous.js";

export function createLearningRepo(db: SqliteDatabase): Synchronous<LearningAgreementRepo> {
  const agreement = db.prepare<[number], LearningAgreementRow>(
    `SELECT title, hours_per_week, midterm_date, final_date, language, language_level
     FROM learning_agreements WHERE internship_id = ?`,
  );
  const outcomes = db.prepare<[number], LearningOutcomeRow>(
    "SELECT key, description FROM learning_outcomes WHERE internship_id = ? ORDER BY position",
  );
  const criteria = db.prepare<[number], EvaluationCriterionRow>(
    "SELECT key, name FROM evaluation_criteria WHERE internship_id = ? ORDER BY position",
  );
  const upsert = db.prepare(
    `INSERT INTO learning_agreements (internship_id, workspace_id, title, hours_per_week, midterm_date,
       final_date, language, language_level, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (internship_id) DO UPDATE SET title = excluded.title,
       hours_per_week = excluded.hours_per_week, midterm_date = excluded.midterm_date,
       final_date = excluded.final_date, language = excluded.language,
       language_level = excluded.language_level, updated_at = excluded.updated_at`,
  );
  const upsertOutcome = db.prepare(
    `INSERT INTO learning_outcomes (workspace_id, internship_id, key, description, position)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (internship_id, key) DO UPDATE SET description = excluded.description,
       position = excluded.position`,
  );
  const outcomeKeys = db.prepare<[number], { key: string }>(
    "SELECT key FROM learning_outcomes WHERE internship_id = ?",
  );
  const removeOutcome = db.prepare("DELETE FROM learning_outcomes WHERE internship_id = ? AND key = ?");
  const clearCriteria = db.prepare("DELETE FROM evaluation_criteria WHERE internship_id = ?");
  const addCriterion = db.prepare(
    `INSERT INTO evaluation_criteria (workspace_id, internship_id, key, name, position)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const link = db.prepare(
    `INSERT INTO milestone_outcomes (milestone_id, outcome_id, workspace_id)
     SELECT ?, id, workspace_id FROM learning_outcomes WHERE internship_id = ? AND key = ?
     ON CONFLICT (milestone_id, outcome_id) DO NOTHING`,
  );
  const links = db.prepare<[number], MilestoneOutcomeRow>(
    `SELECT mo.milestone_id, o.key FROM milestone_outcomes mo
     JOIN learning_outcomes o ON o.id = mo.outcome_id
     WHERE o.internship_id = ? ORDER BY mo.milestone_id, o.position`,
  );

  const nextVersion = db.prepare<[number], { next: number }>(
    "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM learning_agreement_versions WHERE internship_id = ?",
  );
  const addVersion = db.prepare(
    `INSERT INTO learning_agreement_versions (workspace_id, internship_id, version, agreement, change,
       changed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = db.prepare<[number], LearningVersionRow>(
    `SELECT version, agreement, change, changed_by, created_at FROM learning_agreement_versions
     WHERE internship_id = ? ORDER BY version`,
  );

  type Put = Parameters<LearningAgreementRepo["put"]>;
  const put = db.transaction(
    (workspaceId: number, internshipId: number, a: Put[2], at: Date, change: Put[4]): number => {
      upsert.run(internshipId, workspaceId, ...learningAgreementValues(a), at.getTime());
      const kept = new Set(a.outcomes.map((o) => o.key));
      for (const { key } of outcomeKeys.all(internshipId))
        if (!kept.has(key)) removeOutcome.run(internshipId, key);
      a.outcomes.forEach((o, i) => {
        upsertOutcome.run(workspaceId, internshipId, o.key, o.description, i);
      });
      clearCriteria.run(internshipId);
      a.criteria.forEach((c, i) => {
        addCriterion.run(workspaceId, internshipId, c.key, c.name, i);
      });
      const version = nextVersion.get(internshipId)!.next;
      addVersion.run(workspaceId, internshipId, version, ...learningVersionValues(a, change, at));
      return version;
    },
  );

  return {
    get: (internshipId) => {
      const row = agreement.get(internshipId);
      return row && toLearningAgreement(row, outcomes.all(internshipId), criteria.all(internshipId));
    },
    put: (workspaceId, internshipId, a, at, change) => put(workspaceId, internshipId, a, at, change),
    versions: (internshipId) => versions.all(internshipId).map(toLearningVersion),
    link: (_workspaceId, milestoneId, internshipId, keys) => {
      for (const key of keys) link.run(milestoneId, internshipId, key);
    },
    outcomesOfMilestones: (internshipId) => outcomesByMilestone(links.all(internshipId)),
  };
}
