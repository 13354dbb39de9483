/**
 * Patterns as the university coordinator reads them: the private note (at most once a week) and the
 * line in the weekly digests. Figures only, never message text, and what the reader might do.
 */
import { neutralizeMentions } from "../escape.js";
import { formatDate, plural } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import { PATTERN_MISSED, PATTERN_WINDOW_DAYS } from "../patterns.js";
import type { LocalDate } from "../types.js";

// Names and keys come from the programme file: neutralised before they are echoed.
const safe = neutralizeMentions;

/** Missed reply times one way, with the names already looked up. */
export interface MissedFacts {
  missed: number;
  questions: number;
  late: number;
  overdue: number;
  /** The agreed reply time as the agreement spells it: "4h". */
  agreed: string;
  /** Who missed how many, most first (for the company side). */
  by: { name: string; missed: number }[];
}

export interface PatternFacts {
  intern: string;
  /** The internship's key, for logs and commands; never printed (a coordinator reads names). */
  internKey: string;
  supervisor: string;
  backup: string | undefined;
  /** The last day of the two weeks looked at, in the intern's calendar. */
  to: LocalDate;
  fromIntern: MissedFacts | undefined;
  toIntern: MissedFacts | undefined;
  /** The at-risk signal's reasons, about the intern by name. */
  atRisk: string[] | undefined;
}

function missedLine(m: MissedFacts, heading: string, showWho: boolean): string {
  const how = [
    m.late > 0 ? `${m.late} answered late` : "",
    m.overdue > 0 ? `${m.overdue} still without a reply` : "",
  ].filter(Boolean);
  const who =
    showWho && m.by.length > 0 ? `; ${m.by.map((b) => `${safe(b.name)} ${b.missed}`).join(", ")}` : "";
  return `${heading}: ${m.missed} of ${plural(m.questions, "question")} missed the agreed ${m.agreed} (${how.join(", ")}${who})`;
}

/** One line per part of the pattern, the same in the note and the digests. */
export function patternLines(f: PatternFacts): string[] {
  const intern = safe(f.intern);
  const lines: string[] = [];
  if (f.fromIntern) lines.push(missedLine(f.fromIntern, `Replies from ${intern}`, false));
  if (f.toIntern) lines.push(missedLine(f.toIntern, `Replies to ${intern}`, true));
  if (f.atRisk) lines.push(`Connection signal at risk: ${f.atRisk.map(safe).join("; ")}`);
  return lines;
}

function suggestions(f: PatternFacts): string[] {
  const [intern, sup] = [safe(f.intern), safe(f.supervisor)];
  const ideas: string[] = [];
  if (f.fromIntern) {
    ideas.push(
      `ask ${intern} how the work is going and whether ${f.fromIntern.agreed} still fits their days; both sides can agree a different reply time ("agreement set reply.intern").`,
    );
  }
  if (f.toIntern) {
    const share = f.backup ? `, or whether ${safe(f.backup)} could take more of ${intern}'s questions` : "";
    ideas.push(`ask ${sup} whether ${f.toIntern.agreed} fits the company's week${share}.`);
  }
  if (f.atRisk) {
    ideas.push(
      `a short call with ${intern}, or asking ${sup} about introductions to colleagues, often helps against a lonely stretch.`,
    );
  }
  return ideas;
}

/** The private note to the coordinator. */
export function patternNote(f: PatternFacts): OutboundMessage {
  const intern = safe(f.intern);
  const ideas = suggestions(f).map((idea) => `- ${idea.charAt(0).toUpperCase()}${idea.slice(1)}`);
  return {
    subject: `${intern}'s internship: a pattern worth a look`,
    text: [
      `A pattern in ${intern}'s internship worth a look, over the two weeks to ${formatDate(f.to)}:`,
      ...patternLines(f).map((line) => `- ${line}`),
      "What you might do:",
      ...ideas,
    ].join("\n"),
    reason: `You coordinate ${intern}'s internship. Tandem tells you only about patterns (${PATTERN_MISSED} or more missed reply times one way within ${PATTERN_WINDOW_DAYS} days, or an at-risk connection signal), never about a single message, and at most once a week; your weekly digest shows them too. The figures come from message times, never message text.`,
  };
}

/**
 * The reply parts of a pattern, short, for the coordinator's brief ("needs attention: ..."); an at-risk
 * signal is named there already.
 */
export function patternPoints(f: PatternFacts): string[] {
  const intern = safe(f.intern);
  // A pattern has at least PATTERN_MISSED questions: always "replies".
  const point = (m: MissedFacts, which: string) =>
    `${m.missed} of ${m.questions} replies ${which} missed the agreed ${m.agreed} in two weeks`;
  const points: string[] = [];
  if (f.fromIntern) points.push(point(f.fromIntern, `by ${intern}`));
  if (f.toIntern) points.push(point(f.toIntern, `to ${intern}`));
  return points;
}

/** The full line in the supervisor's digest: undefined when there is no pattern. */
export function patternDigestLine(f: PatternFacts | undefined): string | undefined {
  if (!f) return undefined;
  return `Pattern worth a look (two weeks to ${formatDate(f.to)}): ${patternLines(f).join("; ")}`;
}
