/**
 * The welcome back: one message on the first working day after leave, most important first, the rest
 * summarised. The rule writes what happened (sections); the dispatcher folds in what waited for them.
 */
import { formatDate } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import { keyFamily } from "../outbox-keys.js";
import { truncateText } from "../text-cut.js";
import type { LeavePeriod, Person } from "../types.js";

/** What happened while someone was away, per internship, already in plain words. */
export interface AwaySections {
  atRisk: string[];
  blockers: string[];
  awaitingAcceptance: string[];
  overdueReplies: string[];
  rest: string[];
}

export const emptySections = (): AwaySections => ({
  atRisk: [],
  blockers: [],
  awaitingAcceptance: [],
  overdueReplies: [],
  rest: [],
});

const HEADINGS: [Exclude<keyof AwaySections, "rest">, string][] = [
  ["atRisk", "At risk"],
  ["blockers", "Blockers raised while you were away"],
  ["awaitingAcceptance", "Milestones waiting for your acceptance"],
  ["overdueReplies", "Questions still waiting for a reply"],
];
const REST = "Also while you were away";

export const awayLines = {
  atRisk: (intern: string, week: string) =>
    `${intern} was flagged as at risk of isolation (week ${week}); a short call this week may help.`,
  blocker: (intern: string, date: string, text: string, coveredBy: string | undefined) =>
    `${intern}, ${formatDate(date)}: “${text}”${coveredBy ? ` (sent to ${coveredBy})` : ""}`,
  awaitingAcceptance: (intern: string, id: number, title: string) =>
    `${intern}: milestone ${id} “${title}” is done; type "milestone accept ${id}" with what it will be used for.`,
  overdueReply: (asker: string, responder: string, since: string) =>
    `${asker}'s question to ${responder} from ${since} is overdue.`,
  checkins: (intern: string, answered: number, missed: number) =>
    answered === 0
      ? `${intern} answered none of ${missed} check-ins.`
      : `${intern} answered ${answered} check-in${answered === 1 ? "" : "s"}${missed > 0 ? ` and missed ${missed}` : ""}.`,
  answered: (coveredBy: string, count: number) =>
    `${coveredBy} answered ${count} question${count === 1 ? "" : "s"} for you.`,
};

/** "on Thu 3 Dec 2026" for one day away, "Thu 3 Dec 2026 to Fri 4 Dec 2026" for several. */
const awayPeriod = (leave: LeavePeriod): string =>
  leave.from === leave.to
    ? `on ${formatDate(leave.from)}`
    : `${formatDate(leave.from)} to ${formatDate(leave.to)}`;

/** The rule's part: what happened, before anything that waited in the outbox is folded in. */
export function welcomeBack(person: Person, leave: LeavePeriod, sections: AwaySections): OutboundMessage {
  const parts = HEADINGS.filter(([key]) => sections[key].length > 0).map(([key, heading]) =>
    [`${heading}:`, ...sections[key].map((line) => `• ${line}`)].join("\n"),
  );
  const first = person.name.split(" ")[0] ?? person.name;
  const message: OutboundMessage = {
    subject: "Welcome back: what happened while you were away",
    text: [
      `Welcome back, ${first}. While you were away (${awayPeriod(leave)}):`,
      ...(parts.length > 0 ? parts : ["Nothing needs you from those days."]),
    ].join("\n\n"),
    reason:
      "Tandem keeps what happens during your leave for one message on your first working day back, instead of many.",
  };
  // The rest is a field, so what waited and needs them can be folded in before it.
  if (sections.rest.length > 0)
    message.fields = [{ label: REST, value: sections.rest.map((line) => `• ${line}`).join("\n") }];
  return message;
}

/** Most important first; a family not listed is "the rest". */
const ORDER = [
  "isolation-risk",
  "blocker",
  "missed-streak",
  "milestone-accept",
  // An evaluation request waits for an answer within its window: it needs them, not a one-line mention.
  "evaluation",
  "reply-escalation",
  "reply-breach",
  "reply-warning",
  "milestone-due",
];
const rank = (key: string) => {
  const i = ORDER.indexOf(keyFamily(key));
  return i < 0 ? ORDER.length : i;
};
/** Read in full: what needs them, and the digests (a digest is only useful whole). */
const inFull = (key: string) => rank(key) < ORDER.length || keyFamily(key) === "digest";

/** One line for a message that needs nothing: a heading that ends in ":" keeps its fields, each
 * shortened (a summary of a day the supervisor missed reads as what the intern said, not a bare heading). */
function oneLine(message: OutboundMessage): string {
  const head = message.text.split("\n")[0] ?? message.text;
  if (!head.endsWith(":") || !message.fields?.length) return head;
  return `${head} ${message.fields.map((f) => `${f.label}: ${truncateText(f.value.replaceAll("\n", " "), 80)}`).join("; ")}.`;
}
/** Continuation lines line up under the item's first line. */
const indent = (text: string) => text.replaceAll("\n", "\n   ");

/**
 * The welcome back with every message that waited for the person: what needs them in full, most
 * important first, then one line each for the rest (daily summaries among them), digests at the end.
 */
const WEEK_IN_KEY = /:(\d{4}-W\d{2})(?::\d+)?$/;

/**
 * Of the weekly digests that waited, only the latest of each series (a supervisor's per internship, a
 * coordinator's with its parts): it covers the last week away, and two full digests bury the rest.
 */
function latestDigests<T extends { key: string }>(digests: readonly T[]): T[] {
  const series = (key: string) => key.replace(WEEK_IN_KEY, "");
  const week = (key: string) => WEEK_IN_KEY.exec(key)?.[1] ?? "";
  const latest = new Map<string, string>();
  for (const d of digests) {
    const s = series(d.key);
    if (week(d.key) > (latest.get(s) ?? "")) latest.set(s, week(d.key));
  }
  return digests.filter((d) => week(d.key) === latest.get(series(d.key)));
}

export function foldIntoWelcomeBack(
  welcome: OutboundMessage,
  waited: readonly { key: string; message: OutboundMessage }[],
): OutboundMessage {
  if (waited.length === 0) return welcome;
  const sorted = [...waited].sort((a, b) => rank(a.key) - rank(b.key));
  const important = sorted.filter((w) => rank(w.key) < ORDER.length);
  const summarised = sorted.filter((w) => !inFull(w.key));
  const digests = latestDigests(sorted.filter((w) => keyFamily(w.key) === "digest"));
  const full = (w: { message: OutboundMessage }) =>
    [
      w.message.text,
      ...(w.message.fields ?? []).map((f) => `   ${f.label}: ${f.value}`),
      ...(w.message.link ? [w.message.link] : []),
    ].join("\n");
  const parts = [welcome.text];
  if (important.length > 0)
    parts.push(["Waiting for you:", ...important.map((w, i) => `${i + 1}. ${indent(full(w))}`)].join("\n"));
  // The rule's summary lines, then one line for each message that waited and needs nothing.
  const rest = [
    ...(welcome.fields ?? []).map((f) => f.value),
    ...summarised.map((w) => `• ${oneLine(w.message)}`),
  ];
  if (rest.length > 0) parts.push([`${REST}:`, ...rest].join("\n"));
  for (const d of digests) parts.push(full(d));
  // A button two messages share (the same action and value) is kept once.
  const seen = new Set<string>();
  const buttons = waited
    .flatMap((w) => w.message.buttons ?? [])
    .filter((b) => {
      const id = JSON.stringify([b.action, b.value]);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  const folded: OutboundMessage = { text: parts.join("\n\n") };
  if (welcome.reason) folded.reason = welcome.reason;
  if (welcome.subject) folded.subject = welcome.subject;
  if (buttons.length > 0) folded.buttons = buttons;
  return folded;
}
