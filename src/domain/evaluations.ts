import type { WorkingCalendar } from "./calendar.js";
import type { EvaluationCriterion, LearningOutcome } from "./learning-agreement.js";
import { addDays } from "./local-date.js";
import { err, ok, type Result } from "./result.js";
import type { LocalDate } from "./types.js";

/**
 * Two-way evaluations (Erasmus+ Table D's evaluation, and the intern's view of the hosting): at each
 * evaluation date the supervisor rates the intern, the intern rates themselves and the hosting. Blind:
 * neither side sees the other's answers until both are in or the window has closed.
 */
export const EVALUATION_ROUNDS = ["midterm", "final"] as const;
export type EvaluationRound = (typeof EVALUATION_ROUNDS)[number];
export const EVALUATION_SIDES = ["supervisor", "intern"] as const;
export type EvaluationSide = (typeof EVALUATION_SIDES)[number];

export const OUTCOME_RATINGS = ["not-yet", "partly", "achieved"] as const;
export type OutcomeRating = (typeof OUTCOME_RATINGS)[number];

/** What the intern says of the hosting, each rated 1-5. */
export const HOSTING_QUESTIONS: readonly EvaluationCriterion[] = [
  { key: "project-clarity", name: "Clarity of the project" },
  { key: "supervision", name: "Supervision" },
  { key: "reply-times", name: "Reply times as lived" },
  { key: "inclusion", name: "Inclusion in the team" },
  { key: "intercultural-learning", name: "Intercultural learning" },
];

export interface Rating {
  /** 1 (poor) to 5 (excellent). */
  score: number;
  comment?: string;
}

export interface EvaluationAnswers {
  /** Criterion key -> rating. */
  criteria: Record<string, Rating>;
  /** Outcome key -> how far it is achieved. */
  outcomes: Record<string, OutcomeRating>;
  /** The intern's side only: hosting question key -> rating. */
  hosting?: Record<string, Rating>;
}

export interface NewEvaluation {
  internshipId: number;
  round: EvaluationRound;
  side: EvaluationSide;
  authorId: number;
  answers: EvaluationAnswers;
}

/** An evaluation as submitted: a record of its own, never edited afterwards. */
export interface SubmittedEvaluation extends NewEvaluation {
  id: number;
  submittedAt: Date;
}

/** What the form asks: the agreement's criteria and outcomes, and the hosting on the intern's side. */
export interface EvaluationQuestions {
  criteria: readonly EvaluationCriterion[];
  outcomes: readonly LearningOutcome[];
  hosting: readonly EvaluationCriterion[];
}

export function questionsFor(
  side: EvaluationSide,
  agreement: { criteria: readonly EvaluationCriterion[]; outcomes: readonly LearningOutcome[] },
): EvaluationQuestions {
  return {
    criteria: agreement.criteria,
    outcomes: agreement.outcomes,
    hosting: side === "intern" ? HOSTING_QUESTIONS : [],
  };
}

export const MAX_COMMENT = 500;

/** The form's field ids: one score and one comment per criterion and hosting question, one per outcome. */
export const evaluationFieldIds = {
  criterion: (key: string) => `criterion.${key}`,
  criterionComment: (key: string) => `criterion.${key}.comment`,
  outcome: (key: string) => `outcome.${key}`,
  hosting: (key: string) => `hosting.${key}`,
  hostingComment: (key: string) => `hosting.${key}.comment`,
};

/** "Analytical skills" -> "analytical skills" inside a sentence; an acronym ("ICT skills") stays as it is. */
export function lowerFirst(name: string): string {
  return /^\p{Lu}{2}/u.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * How a rated question is named inside a sentence, the same words for its label, its comment's label and
 * its error: "your teamwork" on the intern's form, "teamwork" on the supervisor's, "the hosting: ...".
 */
export function questionWords(side: EvaluationSide, kind: "criterion" | "hosting", name: string): string {
  if (kind === "hosting") return `the hosting: ${lowerFirst(name)}`;
  return side === "intern" ? `your ${lowerFirst(name)}` : lowerFirst(name);
}

/** The words at the start of a label: "Your teamwork", "Teamwork", "The hosting: supervision". */
export const upperFirst = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/**
 * The answers a submitted form holds, or what is wrong per field id (shown next to the field). A score
 * may come as "4" or "4 - good" (typed in the playground), an outcome rating as its value or its words.
 */
export function answersFromForm(
  form: Readonly<Record<string, string>>,
  questions: EvaluationQuestions,
): Result<EvaluationAnswers, Record<string, string>> {
  const errors: Record<string, string> = {};
  // Only the intern's form asks about the hosting.
  const side: EvaluationSide = questions.hosting.length > 0 ? "intern" : "supervisor";
  const rated = (scoreId: string, commentId: string, name: string): Rating | undefined => {
    const raw = (form[scoreId] ?? "").trim();
    const score = /^[1-5]\b/.test(raw) ? Number(raw[0]) : undefined;
    if (score === undefined)
      errors[scoreId] = raw
        ? `Rate ${name} from 1 to 5 (not "${raw.slice(0, 20)}").`
        : `Rate ${name} from 1 to 5.`;
    const comment = (form[commentId] ?? "").trim();
    if (comment.length > MAX_COMMENT)
      errors[commentId] = `Keep the comment to ${MAX_COMMENT} characters (it has ${comment.length}).`;
    if (score === undefined) return undefined;
    return comment ? { score, comment } : { score };
  };
  const criteria: Record<string, Rating> = {};
  for (const c of questions.criteria) {
    const rating = rated(
      evaluationFieldIds.criterion(c.key),
      evaluationFieldIds.criterionComment(c.key),
      questionWords(side, "criterion", c.name),
    );
    if (rating) criteria[c.key] = rating;
  }
  const outcomes: Record<string, OutcomeRating> = {};
  for (const o of questions.outcomes) {
    const id = evaluationFieldIds.outcome(o.key);
    const raw = (form[id] ?? "").trim().toLowerCase().replace(/\s+/g, "-");
    const rating = OUTCOME_RATINGS.find((r) => r === raw);
    if (rating) outcomes[o.key] = rating;
    else errors[id] = `Say whether ${o.key} is achieved: not yet, partly or achieved.`;
  }
  const answers: EvaluationAnswers = { criteria, outcomes };
  if (questions.hosting.length > 0) {
    const hosting: Record<string, Rating> = {};
    for (const q of questions.hosting) {
      const rating = rated(
        evaluationFieldIds.hosting(q.key),
        evaluationFieldIds.hostingComment(q.key),
        questionWords(side, "hosting", q.name),
      );
      if (rating) hosting[q.key] = rating;
    }
    answers.hosting = hosting;
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(answers);
}

/** Working days in an evaluation window: a working week of the person asked. */
export const WINDOW_WORKING_DAYS = 5;
/** The one reminder goes at the start of this working day of the window (two before it closes). */
export const REMINDER_WORKING_DAY = 4;

export interface EvaluationWindow {
  opens: Date;
  reminderAt: Date;
  closes: Date;
}

/**
 * One person's window for an evaluation dated `date`: from the start of their first working day on or
 * after it to the end of their fifth (leave and holidays are not working days, so they lengthen it).
 * Undefined when the person has no working day within a year of it.
 */
export function evaluationWindow(calendar: WorkingCalendar, date: LocalDate): EvaluationWindow | undefined {
  const days: LocalDate[] = [];
  for (let day = date, n = 0; days.length < WINDOW_WORKING_DAYS && n < 366; day = addDays(day, 1), n++) {
    if (calendar.isWorkingDay(day) && calendar.workingIntervals(day).length > 0) days.push(day);
  }
  if (days.length < WINDOW_WORKING_DAYS) return undefined;
  const startOf = (day: LocalDate) => calendar.workingIntervals(day)[0]!.start;
  return {
    opens: startOf(days[0]!),
    reminderAt: startOf(days[REMINDER_WORKING_DAY - 1]!),
    closes: calendar.workingIntervals(days.at(-1)!).at(-1)!.end,
  };
}

export type EvaluationViewer = EvaluationSide | "coordinator";

/**
 * Whose answers a viewer may read now: their own side's always; the other side's (and, for the
 * coordinator, both) once both are in or the round's window has closed.
 */
export function visibleSides(
  viewer: EvaluationViewer,
  submitted: ReadonlySet<EvaluationSide>,
  windowClosed: boolean,
): EvaluationSide[] {
  const open = windowClosed || EVALUATION_SIDES.every((side) => submitted.has(side));
  return EVALUATION_SIDES.filter((side) => submitted.has(side) && (open || side === viewer));
}

/**
 * Where a round stands, the one answer every reader (digest, report, certificate, notices) goes by:
 * not open yet, open with some or none in, complete (both in), or closed without one side or both.
 */
export type RoundStatus =
  | { kind: "not-open" }
  | { kind: "open"; submitted: EvaluationSide[] }
  | { kind: "complete" }
  | { kind: "closed"; missing: EvaluationSide[] };

export function roundStatus(
  submitted: ReadonlySet<EvaluationSide>,
  window: { opened: boolean; closed: boolean },
): RoundStatus {
  const missing = EVALUATION_SIDES.filter((side) => !submitted.has(side));
  if (missing.length === 0) return { kind: "complete" };
  if (window.closed) return { kind: "closed", missing };
  if (!window.opened && submitted.size === 0) return { kind: "not-open" };
  return { kind: "open", submitted: EVALUATION_SIDES.filter((side) => submitted.has(side)) };
}
