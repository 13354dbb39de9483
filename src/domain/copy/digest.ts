/** The weekly digest as people read it: the frame around each internship's summary (rendered in summary-render). */

import { formatDate, plural } from "../format.js";
import { addDays } from "../local-date.js";
import type { OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

/** The reported ISO week and its Monday-to-Sunday dates. */
export function weekTitle(week: string, monday: LocalDate): string {
  return `${week} (${formatDate(monday)} to ${formatDate(addDays(monday, 6))})`;
}

export function supervisorDigestMessage(intern: string, weekTitle: string, summary: string): OutboundMessage {
  return {
    text: `Your weekly digest about ${intern} for ${weekTitle}:\n${summary}`,
    reason: `You supervise ${intern}; Tandem sends you this digest at the start of your working week, about the week before.`,
  };
}

const names = (people: readonly string[]) =>
  people.length <= 1 ? (people[0] ?? "") : `${people.slice(0, -1).join(", ")} and ${people.at(-1)}`;

/** One message for all of a coordinator's interns; `summaries` are in the order of `interns`. */
export function coordinatorDigestMessage(
  interns: readonly string[],
  weekTitle: string,
  summaries: readonly string[],
): OutboundMessage {
  return {
    text: [`Your weekly digest for ${weekTitle}, ${plural(summaries.length, "intern")}:`, ...summaries].join(
      "\n\n",
    ),
    reason: `You coordinate the internship${summaries.length === 1 ? "" : "s"} of ${names(interns)}; Tandem sends you one digest for all your interns at the start of your working week. Reflections appear only when the intern agreed to share them.`,
  };
}
