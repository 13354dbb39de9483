import { err, ok, type Result } from "./result.js";
import { fitPrefix } from "./text-cut.js";
import type { LocalDate } from "./types.js";

export type CheckinStatus = "due" | "sent" | "answered" | "partial" | "missed" | "skipped";

export interface CheckinAnswers {
  progress?: string;
  nextSteps?: string;
  blockers?: string;
  connectedness?: number;
}

export interface Checkin extends CheckinAnswers {
  id: number;
  workspaceId: number;
  internshipId: number;
  date: LocalDate;
  status: CheckinStatus;
  sentAt?: Date;
  answeredAt?: Date;
  settledAt?: Date;
}

/** The four questions, in the order every platform asks them. */
export const CHECKIN_QUESTIONS = [
  {
    id: "progress",
    label: "What did you move forward since the last check-in?",
    prefix: ["done", "progress", "moved"],
  },
  { id: "nextSteps", label: "What is next?", prefix: ["next", "plan"] },
  {
    id: "blockers",
    label: "Is anything blocking you? (leave empty if not)",
    prefix: ["blocker", "blockers", "blocked"],
  },
  {
    id: "connectedness",
    label: "How connected do you feel to the team? (1 = not at all, 5 = very)",
    prefix: ["connected", "connection", "feel"],
  },
] as const;

const MAX_ANSWER = 2000;
const NOTHING = /^(no|none|nothing|nope|n\/a|-)\.?$/i;

/** A score from 1 to 5, or an error sentence. */
export function parseConnectedness(text: string): Result<number> {
  const trimmed = text.trim();
  if (!/^[1-5]$/.test(trimmed))
    return err(`"${trimmed.slice(0, 20)}" is not a score; answer with a number from 1 to 5.`);
  return ok(Number(trimmed));
}

/** Cleans one free-text answer: trimmed, bounded; a blocker of "none" means no blocker. */
export function cleanAnswer(field: keyof CheckinAnswers, text: string): string | undefined {
  // Cut between graphemes: half an emoji would be stored as a replacement character.
  const trimmed = fitPrefix(text.trim(), MAX_ANSWER);
  if (!trimmed) return undefined;
  if (field === "blockers" && NOTHING.test(trimmed)) return undefined;
  return trimmed;
}

/** A check-in reply read from text, and a score that was given but could not be read. */
export interface ReadReply {
  answers: CheckinAnswers;
  /** What followed `connected:` when it was not a score from 1 to 5: said back, never guessed. */
  unreadScore?: string;
  /** Whether any part started with a label (`done:`, `next:`, ...). */
  labelled: boolean;
  /** "blocker: none": an answer, though nothing is stored for it. */
  noBlocker?: true;
}

// Parts of a reply: one a line, or on one line separated by " / " (with spaces, so "a/b" stays) or ";".
const SEPARATOR = /(\r?\n|\s+\/\s+|;)/;
const LABEL = /^([a-z]+)\s*(?::|=|\s-\s)\s*(.*)$/is;
const SCORE = /^([1-5])(?:\s*(?:\/|of|out of)\s*5)?\.?$/i;

function questionOf(label: string) {
  return CHECKIN_QUESTIONS.find((q) => (q.prefix as readonly string[]).includes(label.toLowerCase()));
}

/**
 * Reads a plain-text check-in reply: parts start with a label (`done:`, `next:`, `blocker:`,
 * `connected:`), one a line or separated by " / " or ";". A part without a label continues the answer
 * before it; text before the first label counts as progress, and a lone 1-5 as the score.
 */
export function readCheckinReply(text: string): ReadReply {
  const answers: CheckinAnswers = {};
  const texts: Partial<Record<"progress" | "nextSteps" | "blockers", string>> = {};
  const loose: string[] = [];
  let current: "progress" | "nextSteps" | "blockers" | undefined;
  let labelled = false;
  let unreadScore: string | undefined;
  const parts = text.split(SEPARATOR);
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!.trim();
    const separator = i > 0 ? parts[i - 1]! : "";
    if (!part) continue;
    const match = LABEL.exec(part);
    const question = match ? questionOf(match[1]!) : undefined;
    if (match && question) {
      labelled = true;
      const value = match[2]!.trim();
      if (question.id === "connectedness") {
        current = undefined;
        const score = SCORE.exec(value);
        if (score) answers.connectedness = Number(score[1]);
        else if (value) unreadScore = value.slice(0, 20);
      } else {
        current = question.id;
        texts[current] = value;
      }
    } else if (SCORE.test(part) && /^[1-5]\.?$/.test(part) && answers.connectedness === undefined) {
      answers.connectedness = Number(part[0]);
    } else if (current) {
      // "done: fixed X; also Y" keeps "also Y" with what it belongs to.
      texts[current] =
        `${texts[current]}${/\n/.test(separator) ? "\n" : separator.trim() === ";" ? "; " : " / "}${part}`;
    } else {
      loose.push(part);
    }
  }
  if (loose.length > 0 && !texts.progress) texts.progress = loose.join("\n");
  for (const field of ["progress", "nextSteps", "blockers"] as const) {
    const cleaned = texts[field] === undefined ? undefined : cleanAnswer(field, texts[field]);
    if (cleaned) answers[field] = cleaned;
  }
  const read: ReadReply = { answers, labelled };
  if (unreadScore !== undefined) read.unreadScore = unreadScore;
  if (texts.blockers !== undefined && answers.blockers === undefined) read.noBlocker = true;
  return read;
}

/** The answers of a plain-text reply (see readCheckinReply). */
export function parseCheckinReply(text: string): CheckinAnswers {
  return readCheckinReply(text).answers;
}

/** Later answers add to earlier ones; a field answered again replaces its old value. */
export function mergeAnswers(before: CheckinAnswers, after: CheckinAnswers): CheckinAnswers {
  const merged: CheckinAnswers = { ...before };
  for (const [key, value] of Object.entries(after) as [keyof CheckinAnswers, string | number | undefined][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Answered when progress, next steps and the score are there (a blocker is optional). */
export function answerStatus(answers: CheckinAnswers): "answered" | "partial" | undefined {
  const given = [answers.progress, answers.nextSteps, answers.blockers, answers.connectedness].some(
    (v) => v !== undefined,
  );
  if (!given) return undefined;
  return answers.progress && answers.nextSteps && answers.connectedness !== undefined
    ? "answered"
    : "partial";
}

/** The dates of the trailing run of missed check-ins (skipped days do not break or extend it). */
export function missedStreak(recentFirst: readonly Pick<Checkin, "date" | "status">[]): LocalDate[] {
  const streak: LocalDate[] = [];
  for (const checkin of recentFirst) {
    if (checkin.status === "skipped" || checkin.status === "due") continue;
    if (checkin.status !== "missed") break;
    streak.push(checkin.date);
  }
  return streak.reverse();
}
