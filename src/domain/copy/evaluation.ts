/** The two-way evaluations as people read them: the request, the form, and what may be seen. */
import { neutralizeMentions } from "../escape.js";
import {
  type EvaluationQuestions,
  type EvaluationRound,
  type EvaluationSide,
  evaluationFieldIds as ids,
  lowerFirst,
  MAX_COMMENT,
  OUTCOME_RATINGS,
  type OutcomeRating,
  questionWords,
  type Rating,
  type SubmittedEvaluation,
  upperFirst,
} from "../evaluations.js";
import { formatInstant } from "../format.js";
import type { EvaluationCriterion, LearningOutcome } from "../learning-agreement.js";
import type { FormField, OutboundForm, OutboundMessage } from "../messages.js";
import { truncateText } from "../text-cut.js";

const safe = neutralizeMentions;

export const roundName = (round: EvaluationRound) => (round === "midterm" ? "mid-term" : "final");
const RoundName = (round: EvaluationRound) => (round === "midterm" ? "Mid-term" : "Final");

const SCORES = [
  { value: "1", label: "1 - poor" },
  { value: "2", label: "2 - fair" },
  { value: "3", label: "3 - good" },
  { value: "4", label: "4 - very good" },
  { value: "5", label: "5 - excellent" },
];
const OUTCOME_LABELS: Record<OutcomeRating, string> = {
  "not-yet": "not yet",
  partly: "partly",
  achieved: "achieved",
};

/** What a button and a form carry: the internship and the round. */
export const evaluationValue = (internshipId: number, round: EvaluationRound) => `${internshipId}:${round}`;
export function readEvaluationValue(
  value: string,
): { internshipId: number; round: EvaluationRound } | undefined {
  const match = /^(\d+):(midterm|final)$/.exec(value);
  return match ? { internshipId: Number(match[1]), round: match[2] as EvaluationRound } : undefined;
}

/** `words`: the question as named inside a sentence (questionWords), the same in its error. */
function rated(scoreId: string, commentId: string, words: string): FormField[] {
  return [
    { id: scoreId, label: truncateText(upperFirst(words), 150), kind: "choice", choices: SCORES },
    {
      id: commentId,
      label: `Comment on ${truncateText(words, 100)} (optional)`,
      kind: "text",
      optional: true,
      maxLength: MAX_COMMENT,
    },
  ];
}

/** The form: each criterion 1-5 with a comment, each outcome not yet / partly / achieved, the hosting. */
export function evaluationForm(
  internshipId: number,
  round: EvaluationRound,
  side: EvaluationSide,
  questions: EvaluationQuestions,
): OutboundForm {
  const criteria = questions.criteria.flatMap((c: EvaluationCriterion) =>
    rated(ids.criterion(c.key), ids.criterionComment(c.key), questionWords(side, "criterion", c.name)),
  );
  const outcomes = questions.outcomes.map(
    (o: LearningOutcome): FormField => ({
      id: ids.outcome(o.key),
      label: truncateText(`Outcome ${o.key}: ${o.description}`, 150),
      kind: "choice",
      choices: OUTCOME_RATINGS.map((r) => ({ value: r, label: OUTCOME_LABELS[r] })),
    }),
  );
  const hosting = questions.hosting.flatMap((q) =>
    rated(ids.hosting(q.key), ids.hostingComment(q.key), questionWords(side, "hosting", q.name)),
  );
  return {
    action: "evaluation.submit",
    value: evaluationValue(internshipId, round),
    title: `${RoundName(round)} evaluation`,
    submitLabel: "Submit",
    fields: [...criteria, ...outcomes, ...hosting],
  };
}

/** The request (and the one reminder) in the person's working hours, with the button that opens the form. */
export function evaluationRequest(input: {
  internshipId: number;
  round: EvaluationRound;
  side: EvaluationSide;
  internName: string;
  /** How to name the intern in a command, e.g. `@ana`. */
  mention: string;
  closes: Date;
  timezone: string;
  reminder: boolean;
  /** No chat account here: the portal's form, not a button or a command, is how they answer. */
  byEmail?: boolean;
}): OutboundMessage {
  const { round, side } = input;
  const intern = safe(input.internName);
  const what =
    side === "intern"
      ? `it is time for your ${roundName(round)} evaluation: rate yourself on the agreed criteria and outcomes, and tell how the hosting works for you`
      : `it is time for ${intern}'s ${roundName(round)} evaluation: rate ${intern} on the agreed criteria and outcomes`;
  const until = formatInstant(input.closes, input.timezone);
  const typed = side === "intern" ? `evaluate ${round}` : `evaluate ${round} for ${input.mention}`;
  const other =
    side === "intern" ? "Your supervisor evaluates you too" : `${intern} fills in a self-evaluation too`;
  const ask = `${what[0]!.toUpperCase()}${what.slice(1)}.`;
  const how = input.byEmail
    ? "Fill it in on the round's evaluation form in Tandem's portal (sign in with this address)."
    : `Press Evaluate, or type "${typed}".`;
  // The reminder names the close in its first line already.
  const blind = input.reminder
    ? `${other}; neither of you sees the other's answers until both are in or the window closes.`
    : `${other}; neither of you sees the other's answers until both are in or the window closes (${until}).`;
  const whose = side === "intern" ? "Your" : `${intern}'s`;
  return {
    subject: `${input.reminder ? "Reminder: " : ""}${whose} ${roundName(round)} evaluation is open`,
    text: [input.reminder ? `A reminder: ${what}. The window closes ${until}.` : ask, `${blind} ${how}`].join(
      "\n",
    ),
    buttons: [
      {
        action: "evaluation.open",
        value: evaluationValue(input.internshipId, round),
        label: "Evaluate",
        style: "primary",
      },
    ],
    reason:
      side === "intern"
        ? `Because the learning agreement sets a ${roundName(round)} evaluation at this date; the university reads both sides' evaluations to award the traineeship's credits. Sent in your working hours; ${input.reminder ? "this is the only reminder" : "one reminder follows after three working days if it is not in yet"}.`
        : `Because you supervise ${intern} and the learning agreement sets a ${roundName(round)} evaluation at this date; the university reads it for the certificate. Sent in your working hours; ${input.reminder ? "this is the only reminder" : "one reminder follows after three working days if it is not in yet"}.`,
  };
}

function ratingLine(name: string, rating: Rating | undefined): string {
  if (!rating) return `  ${name}: -`;
  return `  ${name}: ${rating.score}/5${rating.comment ? ` "${truncateText(safe(rating.comment), 200)}"` : ""}`;
}

/** One submission as text: criteria, outcomes, and the hosting when the intern wrote it. */
export function evaluationLines(
  evaluation: SubmittedEvaluation,
  authorName: string,
  questions: {
    criteria: readonly EvaluationCriterion[];
    outcomes: readonly LearningOutcome[];
    hosting: readonly EvaluationCriterion[];
  },
  timezone: string,
): string[] {
  const { answers } = evaluation;
  const who = evaluation.side === "intern" ? "the intern's self-evaluation" : "the supervisor's evaluation";
  const lines = [
    `${safe(authorName)} (${who}, submitted ${formatInstant(evaluation.submittedAt, timezone)}):`,
  ];
  // Shown as submitted: the form asked every criterion and outcome the agreement had then, so one missing
  // was added since, and an answer the agreement no longer names was removed since (never dropped).
  const LATER = "not asked (added to the agreement later)";
  for (const c of questions.criteria) {
    const rating = answers.criteria[c.key];
    lines.push(rating ? ratingLine(c.name, rating) : `  ${c.name}: ${LATER}`);
  }
  const criteria = new Set(questions.criteria.map((c) => c.key));
  for (const [key, rating] of Object.entries(answers.criteria)) {
    if (!criteria.has(key)) lines.push(ratingLine(`${key} (since removed from the agreement)`, rating));
  }
  for (const o of questions.outcomes) {
    const r = answers.outcomes[o.key];
    lines.push(`  outcome ${o.key}: ${r ? OUTCOME_LABELS[r] : LATER}`);
  }
  const outcomes = new Set(questions.outcomes.map((o) => o.key));
  for (const [key, r] of Object.entries(answers.outcomes)) {
    if (!outcomes.has(key))
      lines.push(`  outcome ${key} (since removed from the agreement): ${OUTCOME_LABELS[r]}`);
  }
  if (answers.hosting) {
    for (const q of questions.hosting)
      lines.push(ratingLine(`hosting, ${lowerFirst(q.name)}`, answers.hosting[q.key]));
  }
  return lines;
}

/** Replies to `evaluate`, `evaluation` and the form. */
export const evaluationCopy = {
  notAParty: () =>
    'Evaluations are written by the intern and their supervisor; the coordinator reads both once they can be seen (type "evaluation for @intern").',
  noAgreement: () =>
    "This internship has no learning agreement in Tandem yet, so there is nothing to evaluate against: the criteria and outcomes come from the programme file's learning: section.",
  notOpen: (round: EvaluationRound, opens: Date, timezone: string) =>
    `The ${roundName(round)} evaluation opens ${formatInstant(opens, timezone)}; Tandem will send you the form then.`,
  closed: (round: EvaluationRound, closed: Date, timezone: string) =>
    `The ${roundName(round)} evaluation window closed ${formatInstant(closed, timezone)}; an evaluation is not taken after it. Tell your coordinator if it matters.`,
  alreadySubmitted: (round: EvaluationRound, at: Date, timezone: string) =>
    `You submitted this ${roundName(round)} evaluation ${formatInstant(at, timezone)}; a submitted evaluation is kept as it was and not changed. Type "evaluation ${round}" to read it.`,
  formHeading: (round: EvaluationRound, side: EvaluationSide, internName: string) =>
    side === "intern"
      ? `Your ${roundName(round)} evaluation:`
      : `${safe(internName)}'s ${roundName(round)} evaluation:`,
  /** The form's problems as one text, for platforms that show no error next to a field. */
  problems: (errors: Readonly<Record<string, string>>) => {
    const messages = Object.values(errors);
    return `Nothing was saved yet: ${messages.length === 1 ? "one answer needs" : `${messages.length} answers need`} another look. ${messages.join(" ")}`;
  },
  submitted: (round: EvaluationRound, bothIn: boolean, closes: Date, timezone: string) =>
    bothIn
      ? `Thank you: your ${roundName(round)} evaluation is saved. Both evaluations are in, so both of you and the coordinator can read them now: type "evaluation ${round}".`
      : `Thank you: your ${roundName(round)} evaluation is saved. The other side's answers (and yours, to them) can be read once theirs is in or the window closes (${formatInstant(closes, timezone)}).`,
  nothingYet: (round: EvaluationRound, closes: string | undefined) =>
    `Nobody has submitted the ${roundName(round)} evaluation yet${closes ? `; its window closes ${closes}` : ""}.`,
  shownHeading: (round: EvaluationRound, internName: string) =>
    `${safe(internName)}'s ${roundName(round)} evaluation:`,
  /** `closes`: the round's one close in the reader's zone (see roundWindow), while it is still open. */
  hidden: (side: EvaluationSide, closes: string) =>
    `${side === "intern" ? "The intern's self-evaluation" : "The supervisor's evaluation"} is in; it can be read once both are in or the window closes (${closes}).`,
  /** `mine`: the reader's own side, which they are told of as theirs. */
  missing: (side: EvaluationSide, closed: boolean, closes: string, mine = false) =>
    `${mine ? (side === "intern" ? "Your self-evaluation" : "Your evaluation") : side === "intern" ? "The intern's self-evaluation" : "The supervisor's evaluation"} ${closed ? `was not submitted in time (the window closed ${closes})` : `is not in yet; the window closes ${closes}`}.`,
  unknownButton: () => 'That button is no longer supported; type "evaluate" to open the evaluation form.',
};
