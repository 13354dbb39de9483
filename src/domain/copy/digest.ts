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
    subject: `Weekly digest: ${intern}`,
    more: `Type "digest for @${handle}" to read this digest again, or "milestone list all for @${handle}" for every milestone.`,
    reason: `You supervise ${intern}; Tandem sends you this digest at the start of your working week, about the week before.`,
  };
}

const names = (people: readonly string[]) =>
  people.length <= 1 ? (people[0] ?? "") : `${people.slice(0, -1).join(", ")} and ${people.at(-1)}`;

const companyCount = (n: number) => (n === 1 ? "1 company" : `${n} companies`);

/** "4 interns at Acme and Globex", or "4 interns at 15 companies" when the names would not fit a subject. */
export function internsAt(count: number, companies: readonly string[]): string {
  const interns = plural(count, "intern");
  if (companies.length === 0) return interns;
  const named = names(companies);
  return `${interns} at ${companies.length <= 3 && named.length <= 50 ? named : companyCount(companies.length)}`;
}

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
  /** Each brief's company (in the order of `briefs`): with several, the briefs are grouped under them. */
  companies?: readonly string[];
}): OutboundMessage[] {
  const { interns, flagged } = input;
  // A workspace without a name (none in the programme file) names no company.
  const companies = [...new Set(input.companies ?? [])].filter((c) => c.trim() !== "");
  const several = companies.length > 1;
  // Grouped by company (in the order of their first brief, so attention still comes first).
  const briefs = several
    ? companies.flatMap((company) => [
        `At ${company}:`,
        ...input.briefs.filter((_, i) => input.companies?.[i] === company),
      ])
    : input.briefs;
  const count = plural(input.briefs.length, "intern");
  const state =
    flagged === 0
      ? "nothing to flag"
      : flagged === input.briefs.length
        ? `${input.briefs.length === 1 ? "needing" : "all needing"} attention`
        : several
          ? `${flagged} needing attention (first at their company)`
          : `the ${flagged} needing attention first`;
  const heading = `Your weekly digest for ${input.weekTitle}, ${count}, ${state}:`;
  const more = input.noChat
    ? "Each intern's whole week (milestones by name, reply times, reflections) is on their page in Tandem's portal."
    : `For one intern's whole week (milestones by name, reply times, reflections), type "digest for @${input.example}".`;
  const atCompanies = several ? ` at ${companyCount(companies.length)}` : "";
  const reason =
    interns.length <= 5
      ? `You coordinate the internship${interns.length === 1 ? "" : "s"} of ${names(interns)}${atCompanies}; Tandem sends you one digest for all your interns at the start of your working week. Reflections appear only when the intern agreed to share them.`
      : `You coordinate ${count}${atCompanies}; Tandem sends you one digest for all of them at the start of your working week. Reflections appear only when the intern agreed to share them.`;
  const subject = `Weekly digest: ${internsAt(input.briefs.length, companies)}`;
  // Room for the heading, its part number and the closing line around each page.
  const pages = paginate(briefs, MESSAGE_TEXT_BUDGET - heading.length - more.length - 40, "\n");
  return pages.map((page, i) => ({
    subject: pages.length === 1 ? subject : `${subject} (part ${i + 1} of ${pages.length})`,
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
