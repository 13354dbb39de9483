/** The weekly digest as people read it: the frame around each internship's summary (rendered in summary-render). */

import { formatDate, plural } from "../format.js";
import { addDays } from "../local-date.js";
import { MESSAGE_TEXT_BUDGET, paginate } from "../message-budget.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

/** The reported ISO week and its Monday-to-Sunday dates. */
export function weekTitle(week: string, monday: LocalDate): string {
  return `${week} (${formatDate(monday)} to ${formatDate(addDays(monday, 6))})`;
}

export function supervisorDigestMessage(
  intern: string,
  weekTitle: string,
  summary: string,
  handle: string,
): OutboundMessage {
  return {
    text: `Your weekly digest about ${intern} for ${weekTitle}:\n${summary}`,
    more: `Type "digest for @${handle}" to read this digest again, or "milestone list all for @${handle}" for every milestone.`,
    reason: `You supervise ${intern}; Tandem sends you this digest at the start of your working week, about the week before.`,
  };
}

const names = (people: readonly string[]) =>
  people.length <= 1 ? (people[0] ?? "") : `${people.slice(0, -1).join(", ")} and ${people.at(-1)}`;

/**
 * The coordinator's digest: one short paragraph per intern (those needing attention first), in as
 * many messages as the size budget needs, in order. `briefs` are in the order of `interns`;
 * `example` is an intern's handle for the command that shows one intern's week in full.
 */
export function coordinatorDigestMessages(input: {
  interns: readonly string[];
  weekTitle: string;
  briefs: readonly string[];
  flagged: number;
  example: string;
  /** The coordinator reads it by e-mail, with no chat account to type a command in: the portal has the rest. */
  noChat?: boolean;
}): OutboundMessage[] {
  const { interns, briefs, flagged } = input;
  const count = plural(briefs.length, "intern");
  const state =
    flagged === 0
      ? "nothing to flag"
      : flagged === briefs.length
        ? `${briefs.length === 1 ? "needing" : "all needing"} attention`
        : `the ${flagged} needing attention first`;
  const heading = `Your weekly digest for ${input.weekTitle}, ${count}, ${state}:`;
  const more = input.noChat
    ? "Each intern's whole week (milestones by name, reply times, reflections) is on their page in Tandem's portal."
    : `For one intern's whole week (milestones by name, reply times, reflections), type "digest for @${input.example}".`;
  const reason =
    interns.length <= 5
      ? `You coordinate the internship${interns.length === 1 ? "" : "s"} of ${names(interns)}; Tandem sends you one digest for all your interns at the start of your working week. Reflections appear only when the intern agreed to share them.`
      : `You coordinate ${count}; Tandem sends you one digest for all of them at the start of your working week. Reflections appear only when the intern agreed to share them.`;
  // Room for the heading, its part number and the closing line around each page.
  const pages = paginate(briefs, MESSAGE_TEXT_BUDGET - heading.length - more.length - 40, "\n");
  return pages.map((page, i) => ({
    text: [
      pages.length === 1 ? heading : `${heading} (part ${i + 1} of ${pages.length})`,
      page,
      ...(i === pages.length - 1 ? [more] : []),
    ].join("\n\n"),
    reason,
    more,
  }));
}

/** The answer to `digest [for @intern]`: one intern's last week in full. */
export function digestReply(intern: string, weekTitle: string, summary: string): string {
  return `The digest about ${intern} for ${weekTitle}:\n${summary}`;
}

export function noDigestReply(intern: string, weekTitle: string): string {
  return `${intern}'s internship did not run in ${weekTitle}, so there is no digest for that week.`;
}
