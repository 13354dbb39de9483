/** The milestone form (a Slack modal, a Teams card, the playground's questions): title, due date, outcomes. */
import { MAX_TITLE } from "../command-syntax/milestone-title.js";
import { neutralizeMentions as safe } from "../escape.js";
import type { LearningOutcome } from "../learning-agreement.js";
import type { OutboundField, OutboundForm } from "../messages.js";
import { truncateText } from "../text-cut.js";

/** Slack shows at most 75 characters of an option: the key first, then as much of the description. */
const OPTION_TEXT = 75;

export const milestoneFormCopy = {
  prompt: (intern: string) =>
    `Add a milestone${intern ? ` for ${safe(intern)}` : ""}: its title, when it is due, and the learning outcomes it serves. You can also type milestone add "Title" due 15 Dec.`,
  form: (
    value: string,
    intern: string,
    today: string,
    outcomes: readonly LearningOutcome[],
  ): OutboundForm => ({
    action: "milestone.add",
    value,
    title: "Add a milestone",
    submitLabel: "Add",
    fields: [
      {
        id: "title",
        label: intern ? `What will ${intern} deliver?` : "What will you deliver?",
        kind: "text",
        maxLength: MAX_TITLE,
        hint: "A short title, e.g. Draft of the market study",
      },
      { id: "due", label: "Due on", kind: "date", initial: today },
      ...(outcomes.length
        ? [
            {
              id: "outcomes",
              label: "Learning outcomes it serves",
              kind: "choice" as const,
              multiple: true,
              optional: true,
              choices: outcomes.map((o) => ({
                value: o.key,
                label: truncateText(`${o.key}: ${o.description}`, OPTION_TEXT),
              })),
              hint: 'The outcomes of the learning agreement this work serves (type "outcomes" to see them)',
            },
          ]
        : []),
    ],
  }),
  noTitle: () => "Give the milestone a title, e.g. Draft of the market study.",
  titleTooLong: (length: number) =>
    `A milestone title can have at most ${MAX_TITLE} characters; this one has ${length}. Shorten it and put details in the thread.`,
  noDate: () => "Pick the date it is due.",
};

/** The outcomes a milestone serves, as a field under its message (Slack section field, Teams fact). */
export function servesField(outcomes: readonly LearningOutcome[]): OutboundField[] {
  if (outcomes.length === 0) return [];
  const value = outcomes.map((o) => `${o.key} (${safe(truncateText(o.description, 80))})`).join("; ");
  return [
    {
      label: outcomes.length === 1 ? "Serves the outcome" : "Serves the outcomes",
      value: truncateText(value, 1900),
    },
  ];
}
