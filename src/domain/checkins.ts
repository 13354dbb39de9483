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

/**
 * Reads a plain-text check-in reply. Lines may start with a label (`done:`, `next:`, `blocker:`,
 * `connected:`); unlabelled text counts as progress, and a lone 1-5 as the connectedness score.
 */
export function parseCheckinReply(text: string): CheckinAnswers {
  const answers: CheckinAnswers = {};
  const loose: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const match = /^([a-z]+)\s*[:=-]\s*(.*)$/i.exec(line);
    const question =
      match &&
      CHECKIN_QUESTIONS.find((q) => (q.prefix as readonly string[]).includes(match[1]!.toLowerCase()));
    if (match && question) {
      const value = match[2]!;
      if (question.id === "connectedness") {
        const score = parseConnectedness(value);
        if (score.ok) answers.connectedness = score.value;
      } else {
        const cleaned = cleanAnswer(question.id, value);
        if (cleaned) answers[question.id] = cleaned;
      }
    } else if (/^[1-5]$/.test(line) && answers.connectedness === undefined) {
      answers.connectedness = Number(line);
    } else {
      loose.push(line);
    }
  }
  if (loose.length > 0 && !answers.progress) answers.progress = cleanAnswer("progress", loose.join("\n"));
  if (answers.progress === undefined) delete answers.progress;
  return answers;
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
