import { addDays, daysBetween } from "./local-date.js";
import type { LocalDate } from "./types.js";

/**
 * The learning agreement for traineeships (Erasmus+ Table A) as Tandem keeps it: what the traineeship is
 * called and its hours, the outcomes it is meant to bring, the criteria the intern is evaluated on and
 * when, and the working language. The working agreement's terms (check-ins, reply times, meetings) are
 * its monitoring plan.
 */
export interface LearningOutcome {
  /** The short name milestones use, e.g. `market-research`. */
  key: string;
  description: string;
}

export interface EvaluationCriterion {
  key: string;
  name: string;
}

export const LANGUAGE_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export interface LearningAgreement {
  title?: string;
  hoursPerWeek?: number;
  outcomes: LearningOutcome[];
  criteria: EvaluationCriterion[];
  /** Left out: half time. */
  midterm?: LocalDate;
  /** Left out: the internship's last week. */
  final?: LocalDate;
  language?: { code: string; level?: LanguageLevel };
}

/** One recorded version of the learning agreement: what it said, what changed, who changed it and when. */
export interface LearningAgreementVersion {
  version: number;
  agreement: LearningAgreement;
  change: string;
  /** Left out: the programme file or set-up. */
  changedBy?: number;
  at: Date;
}

/** The criteria of the Erasmus+ traineeship evaluation, used unless the agreement names others. */
export const DEFAULT_CRITERIA: readonly EvaluationCriterion[] = [
  { key: "analytical-skills", name: "Analytical skills" },
  { key: "initiative", name: "Initiative" },
  { key: "adaptability", name: "Adaptability" },
  { key: "communication", name: "Communication" },
  { key: "teamwork", name: "Teamwork" },
  { key: "decision-making", name: "Decision-making" },
  { key: "ict-skills", name: "ICT skills" },
  { key: "foreign-languages", name: "Foreign languages" },
  { key: "intercultural-awareness", name: "Intercultural awareness" },
];

/** At most this many outcomes and criteria: a form with more is not filled in with care. */
export const MAX_OUTCOMES = 12;
export const MAX_CRITERIA = 15;

/** A key for an outcome or criterion: lower case words joined by dashes, e.g. `market-research`. */
export const OUTCOME_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A criterion's key from its name: "ICT skills" -> "ict-skills". */
export function criterionKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export interface EvaluationDates {
  midterm: LocalDate;
  final: LocalDate;
}

/** Whether a date is a working day for someone: their contact hours that weekday, no holiday or closure. */
export type WorkingDayTest = (date: LocalDate) => boolean;

/** How far back a default evaluation date looks for a working day before keeping the date as it is. */
const DEFAULT_DATE_LOOKBACK_DAYS = 14;

/**
 * When the two evaluations are asked for: the agreed dates, else the mid-term at half time and the final
 * at the start of the last seven days, so its window (a working week) ends with the internship. A default
 * that falls on a day off moves to the nearest earlier day that is a working day of everyone in `people`
 * (the intern first, then the supervisor), else, when their weeks share no such day, of the intern alone;
 * never before the internship starts. An agreed date stays as written: each person is asked on their
 * next working day (see evaluationWindow).
 */
export function evaluationDates(
  internship: { start: LocalDate; end: LocalDate },
  agreement: Pick<LearningAgreement, "midterm" | "final"> | undefined,
  people: readonly WorkingDayTest[] = [],
): EvaluationDates {
  const length = daysBetween(internship.start, internship.end);
  const onWorkingDay = (date: LocalDate) => {
    for (const tests of [people, people.slice(0, 1)]) {
      if (tests.length === 0) break;
      for (let n = 0; n <= DEFAULT_DATE_LOOKBACK_DAYS; n++) {
        const day = addDays(date, -n);
        if (day < internship.start) break;
        if (tests.every((works) => works(day))) return day;
      }
    }
    return date;
  };
  const final = agreement?.final ?? onWorkingDay(addDays(internship.end, -Math.min(6, length)));
  const midterm = agreement?.midterm ?? onWorkingDay(addDays(internship.start, Math.floor(length / 2)));
  return { midterm, final };
}

/** The outcome keys among `keys` the agreement does not define, in the order given. */
export function unknownOutcomes(agreement: LearningAgreement | undefined, keys: readonly string[]): string[] {
  const known = new Set(agreement?.outcomes.map((outcome) => outcome.key) ?? []);
  return keys.filter((key) => !known.has(key));
}

/** A quarter of the way through: by then every outcome should have a milestone serving it. */
export function quarterDay(internship: { start: LocalDate; end: LocalDate }): LocalDate {
  return addDays(internship.start, Math.floor(daysBetween(internship.start, internship.end) / 4));
}

/** The outcomes no milestone serves, in the agreement's order. */
export function outcomesWithoutMilestone(
  agreement: LearningAgreement,
  served: ReadonlyMap<number, readonly string[]>,
): LearningOutcome[] {
  const linked = new Set([...served.values()].flat());
  return agreement.outcomes.filter((outcome) => !linked.has(outcome.key));
}

/** The same agreement, whatever the order its fields were set in. */
export function sameLearningAgreement(a: LearningAgreement | undefined, b: LearningAgreement): boolean {
  const canonical = (x: LearningAgreement) =>
    JSON.stringify([
      x.title,
      x.hoursPerWeek,
      x.outcomes.map((o) => [o.key, o.description]),
      x.criteria.map((c) => [c.key, c.name]),
      x.midterm,
      x.final,
      x.language?.code,
      x.language?.level,
    ]);
  return a !== undefined && canonical(a) === canonical(b);
}
