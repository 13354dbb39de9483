/**
 * The supervisor's check-in summary when it covers several days: summaries that could not reach the
 * reader yet (contact hours, the daily budget, leave) are folded into the newest, so one waits at a time.
 */
import type { Checkin } from "../checkins.js";
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import type { Milestone } from "../milestones.js";
import { truncateText } from "../text-cut.js";
import type { Person } from "../types.js";
import { checkinSummary, slippingLines } from "./checkin.js";

/** Days shown one by one; earlier ones are counted (the history shows them all). */
const DAYS_SHOWN = 7;
/** Each answer's length in a day's line: the history has the full text. */
const ANSWER_CHARS = 140;

const answered = (c: Checkin) => c.status === "answered" || c.status === "partial";
const cut = (text: string | undefined) => (text ? truncateText(neutralizeMentions(text), ANSWER_CHARS) : "—");

function dayLine(c: Checkin): string {
  const day = formatDate(c.date).slice(0, -5); // "Tue 1 Dec": the heading gives the year
  if (!answered(c)) return `• ${day}: not answered`;
  const parts = [
    `moved forward: ${cut(c.progress)}`,
    `next: ${cut(c.nextSteps)}`,
    `blocker: ${c.blockers ? cut(c.blockers) : "none"}`,
    ...(c.connectedness ? [`connected ${c.connectedness}/5`] : []),
  ];
  return `• ${day}${c.status === "partial" ? " (partly answered)" : ""}: ${parts.join("; ")}`;
}

/** Blockers named on the first line, the latest first; the day lines have the rest. */
const BLOCKERS_NAMED = 2;
const BLOCKER_CHARS = 80;

function blockersSaid(days: readonly Checkin[]): string {
  const blocked = days.filter((c) => answered(c) && c.blockers).reverse();
  if (blocked.length === 0) return "";
  const named = blocked
    .slice(0, BLOCKERS_NAMED)
    .map(
      (c) =>
        `${formatDate(c.date).slice(0, -5)} “${truncateText(neutralizeMentions(c.blockers!), BLOCKER_CHARS)}”`,
    );
  const more = blocked.length > BLOCKERS_NAMED ? ` and ${blocked.length - BLOCKERS_NAMED} more` : "";
  return `; blocked ${named.join(", ")}${more}`;
}

/**
 * One day: the daily summary as always. Several (oldest first): the period they cover, a line per day,
 * and the milestones slipping now.
 */
export function checkinDaysSummary(
  intern: Person,
  days: readonly Checkin[],
  slipping: readonly Milestone[],
): OutboundMessage {
  if (days.length === 1) return checkinSummary(intern, days[0]!, slipping);
  const first = days[0]!;
  const last = days.at(-1)!;
  const shown = days.slice(-DAYS_SHOWN);
  const earlier = days.slice(0, days.length - shown.length);
  const count = days.filter(answered).length;
  const tally =
    count === days.length
      ? `all ${days.length} answered`
      : count === 0
        ? `none of ${days.length} answered`
        : `${count} of ${days.length} answered`;
  // The first line stands alone: a merged message or the welcome back may show only it, so it names
  // the blockers too (their own notices gave way to this summary).
  const lines = [
    `${intern.name}'s check-ins from ${formatDate(first.date)} to ${formatDate(last.date)}: ${tally}${blockersSaid(days)} (in one summary instead of one a day).`,
  ];
  if (earlier.length > 0) {
    const answeredEarlier = earlier.filter(answered).length;
    lines.push(
      `• ${formatDate(earlier[0]!.date).slice(0, -5)} to ${formatDate(earlier.at(-1)!.date).slice(0, -5)}: ${answeredEarlier} answered, ${earlier.length - answeredEarlier} not (type "checkin history for @${intern.key}" to read them)`,
    );
  }
  lines.push(...shown.map(dayLine), ...slippingLines(slipping));
  return {
    text: lines.join("\n"),
    reason: `You supervise ${intern.name}; the working agreement sends you a daily summary of the check-ins. The earlier days' summaries had not reached you yet (outside your contact hours, over your daily message limit, on leave), so they come together in this one.`,
  };
}
