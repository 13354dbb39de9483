/** The words of the learning agreement: outcomes, the milestones serving them, evaluation dates. */
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { EvaluationDates, LearningAgreement, LearningOutcome } from "../learning-agreement.js";
import type { OutboundMessage } from "../messages.js";
import type { Milestone, MilestoneShownStatus } from "../milestones.js";
import { truncateText } from "../text-cut.js";

const safe = neutralizeMentions;

function whose(intern: string): string {
  return intern ? `${intern}'s` : "Your";
}

/** One milestone as an outcome lists it: `#12 "Survey" accepted` or `#14 "Deck" due Mon 15 Feb 2027`. */
function milestoneBrief(m: Milestone, status: MilestoneShownStatus): string {
  const state = status === "planned" || status === "blocked" ? `${status}, due ${formatDate(m.due)}` : status;
  return `#${m.id} "${truncateText(safe(m.title), 60)}" ${state}`;
}

export const learningCopy = {
  noAgreement: (intern: string) =>
    `${whose(intern)} internship has no learning agreement in Tandem yet: its outcomes, evaluation criteria and dates come from the programme file's learning: section (see "The programme file" in the README).`,
  unknownOutcomes: (unknown: readonly string[], known: readonly string[]) =>
    `${unknown.map((k) => `"${k}"`).join(", ")} ${unknown.length === 1 ? "is not an outcome" : "are not outcomes"} of this internship's learning agreement${known.length ? `; its outcomes are ${known.join(", ")}` : ", which lists none yet"}. Type "outcomes" to see them.`,
  serves: (keys: readonly string[]) =>
    ` It serves ${keys.length === 1 ? "the outcome" : "the outcomes"} ${keys.join(", ")}.`,
  outcomesMore: (left: number) => `and ${left} more outcomes`,
  /** `outcomes`: each outcome with the milestones serving it, then how the intern is evaluated. */
  outcomes: (
    intern: string,
    agreement: LearningAgreement,
    served: ReadonlyMap<string, readonly { milestone: Milestone; status: MilestoneShownStatus }[]>,
    dates: EvaluationDates,
  ): { heading: string; lines: string[]; footer: string } => {
    const heading = [
      `${whose(intern)} learning agreement`,
      agreement.title ? `: ${safe(agreement.title)}` : "",
      agreement.hoursPerWeek ? ` (${agreement.hoursPerWeek} hours a week)` : "",
    ].join("");
    const lines = agreement.outcomes.map((o) => {
      const ms = served.get(o.key) ?? [];
      const list = ms.length
        ? ms.map((s) => milestoneBrief(s.milestone, s.status)).join("; ")
        : `No milestone yet (add one with: milestone add "Title" due 15 Dec for outcome ${o.key})`;
      return `• ${o.key}: ${truncateText(safe(o.description), 120)}. ${list}`;
    });
    const language = agreement.language
      ? ` Working language: ${agreement.language.code}${agreement.language.level ? ` (${agreement.language.level})` : ""}.`
      : "";
    return {
      heading: `${heading}. Expected learning outcomes and the milestones serving them:`,
      lines: lines.length ? lines : ["• none listed yet"],
      footer: `Evaluated on ${agreement.criteria.map((c) => c.name).join(", ")}: mid-term ${formatDate(dates.midterm)}, final ${formatDate(dates.final)}.${language}`,
    };
  },
};

/** How many outcomes lack a milestone, said without a double negative ("none ... has a milestone"). */
function gapPhrase(missing: number, total: number): string {
  if (missing === total)
    return total === 1
      ? "its learning outcome has no milestone serving it yet"
      : `none of its ${total} learning outcomes has a milestone serving it yet`;
  return missing === 1
    ? `1 of its ${total} learning outcomes has no milestone serving it yet`
    : `${missing} of its ${total} learning outcomes have no milestone serving them yet`;
}

/**
 * To the supervisor, once, a quarter of the way in: outcomes of the learning agreement that no milestone
 * serves yet. `mention` is how to name the intern in a command (e.g. `@ana`).
 */
export function outcomeGapMessage(
  internName: string,
  mention: string,
  missing: readonly LearningOutcome[],
  total: number,
): OutboundMessage {
  const intern = safe(internName);
  const listed = missing.map((o) => `${o.key} (${truncateText(safe(o.description), 80)})`).join("; ");
  const first = missing[0]?.key ?? "";
  return {
    text: `A quarter of ${intern}'s internship has passed, and ${gapPhrase(missing.length, total)}: ${listed}. A milestone for each outcome lets the evaluations and the certificate show what the work achieved. Add one with: milestone add "Title" due <date> for outcome ${first} for ${mention}, or type "outcomes for ${mention}" to see them all.`,
    reason: `Because you supervise ${intern} and the learning agreement lists these outcomes; Tandem points this out once, a quarter of the way through.`,
  };
}
