import type {
  LanguageLevel,
  LearningAgreement,
  LearningAgreementVersion,
} from "../../domain/learning-agreement.js";

export interface LearningAgreementRow {
  title: string | null;
  hours_per_week: number | null;
  midterm_date: string | null;
  final_date: string | null;
  language: string | null;
  language_level: LanguageLevel | null;
}

export interface LearningOutcomeRow {
  key: string;
  description: string;
}

export interface EvaluationCriterionRow {
  key: string;
  name: string;
}

export interface MilestoneOutcomeRow {
  milestone_id: number;
  key: string;
}

/** The agreement's row and its outcomes and criteria (each in position order) as the domain sees them. */
export function toLearningAgreement(
  row: LearningAgreementRow,
  outcomes: readonly LearningOutcomeRow[],
  criteria: readonly EvaluationCriterionRow[],
): LearningAgreement {
  const agreement: LearningAgreement = {
    outcomes: outcomes.map((o) => ({ key: o.key, description: o.description })),
    criteria: criteria.map((c) => ({ key: c.key, name: c.name })),
  };
  if (row.title !== null) agreement.title = row.title;
  if (row.hours_per_week !== null) agreement.hoursPerWeek = Number(row.hours_per_week);
  if (row.midterm_date !== null) agreement.midterm = row.midterm_date;
  if (row.final_date !== null) agreement.final = row.final_date;
  if (row.language !== null) {
    agreement.language = { code: row.language };
    if (row.language_level !== null) agreement.language.level = row.language_level;
  }
  return agreement;
}

/** The agreement's own columns, in the order the repositories' statements list them. */
export function learningAgreementValues(a: LearningAgreement): (string | number | null)[] {
  return [
    a.title ?? null,
    a.hoursPerWeek ?? null,
    a.midterm ?? null,
    a.final ?? null,
    a.language?.code ?? null,
    a.language?.level ?? null,
  ];
}

/** Milestone id -> outcome keys, from rows ordered by milestone and outcome position. */
export function outcomesByMilestone(rows: readonly MilestoneOutcomeRow[]): Map<number, string[]> {
  const byMilestone = new Map<number, string[]>();
  for (const row of rows) {
    const id = Number(row.milestone_id);
    const keys = byMilestone.get(id) ?? [];
    keys.push(row.key);
    byMilestone.set(id, keys);
  }
  return byMilestone;
}

export interface LearningVersionRow {
  version: number;
  agreement: string;
  change: string;
  changed_by: number | null;
  created_at: number | string;
}

export function toLearningVersion(row: LearningVersionRow): LearningAgreementVersion {
  const version: LearningAgreementVersion = {
    version: Number(row.version),
    agreement: JSON.parse(row.agreement) as LearningAgreement,
    change: row.change,
    at: new Date(Number(row.created_at)),
  };
  if (row.changed_by !== null) version.changedBy = Number(row.changed_by);
  return version;
}

/** The version row's values after (internship_id, version): agreement, change, changed_by, created_at. */
export function learningVersionValues(
  a: LearningAgreement,
  change: { what: string; by?: number } | undefined,
  at: Date,
): (string | number | null)[] {
  return [JSON.stringify(a), change?.what ?? "", change?.by ?? null, at.getTime()];
}
