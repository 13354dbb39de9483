import type { EvaluationRound } from "../evaluations.js";
import type { Result } from "../result.js";
import type { LocalDate } from "../types.js";

/** Who a command is about: a platform user id (adapters normalise to `<@id>`) or a typed `@name`. */
export type MentionRef = { kind: "id"; id: string } | { kind: "name"; name: string };

export type Command =
  | { name: "help"; topic?: string }
  | { name: "status" }
  | { name: "checkin" }
  | { name: "noreply"; all: boolean }
  | { name: "met"; person: MentionRef; note?: string }
  | { name: "why" }
  | { name: "nudges.pause"; days: number }
  | { name: "nudges.resume" }
  | { name: "intro.optin" }
  | { name: "intro.optout" }
  | { name: "intro.status"; intern?: MentionRef }
  | { name: "reflect"; text?: string }
  | { name: "digest"; intern?: MentionRef }
  | { name: "portal" }
  | { name: "report"; intern?: MentionRef }
  | { name: "checkin.history"; intern?: MentionRef }
  | { name: "milestone.add"; title: string; due: LocalDate; intern?: MentionRef; outcomes?: string[] }
  /** `milestone add` with nothing after it: the form (Slack modal, Teams card, playground questions). */
  | { name: "milestone.form"; intern?: MentionRef }
  | { name: "outcomes"; intern?: MentionRef }
  | { name: "evaluate"; round?: EvaluationRound; intern?: MentionRef }
  | { name: "evaluation"; round?: EvaluationRound; intern?: MentionRef }
  | { name: "certificate"; intern?: MentionRef }
  | { name: "certificate.confirm"; intern?: MentionRef }
  | { name: "milestone.list"; all: boolean; intern?: MentionRef }
  | { name: "milestone.done"; id: number }
  | { name: "milestone.move"; id: number; due: LocalDate; reason?: string }
  | { name: "milestone.block"; id: number; reason: string }
  | { name: "milestone.accept"; id: number; feedback?: string }
  | { name: "milestone.reopen"; id: number }
  | { name: "agreement.show"; intern?: MentionRef }
  | { name: "agreement.ack"; intern?: MentionRef }
  | { name: "agreement.set"; field: string; value: string; intern?: MentionRef }
  | { name: "agreement.accept"; intern?: MentionRef }
  | { name: "agreement.decline"; reason?: string; intern?: MentionRef }
  // The learning agreement's parts (command-syntax/agreement-learning.ts).
  | { name: "learning.title"; title: string; intern?: MentionRef }
  | { name: "learning.hours"; hours: number; intern?: MentionRef }
  | { name: "learning.outcome.add"; key: string; description: string; intern?: MentionRef }
  | { name: "learning.outcome.rename"; key: string; description: string; intern?: MentionRef }
  | { name: "learning.outcome.remove"; key: string; intern?: MentionRef }
  | { name: "learning.criteria"; criteria: string[] | "default"; intern?: MentionRef }
  /** Without a date: back to the default. */
  | { name: "learning.evaluation"; round: "midterm" | "final"; date?: LocalDate; intern?: MentionRef }
  | { name: "learning.language"; code: string; level?: string; intern?: MentionRef }
  | { name: "leave.add"; from: LocalDate; to: LocalDate }
  | { name: "leave.list" }
  /** Without hours: show them. */
  | { name: "my.hours"; hours?: string }
  /** Without a country: show it. */
  | { name: "my.country"; country?: string; region?: string }
  /** Without a zone: show it. */
  | { name: "my.timezone"; timezone?: string }
  | { name: "my.digests"; to?: "email" | "chat" }
  | { name: "try.checkin"; intern?: MentionRef }
  | { name: "preview.week"; intern?: MentionRef }
  | { name: "setup"; intern?: MentionRef }
  | { name: "colleagues" }
  | { name: "admins" }
  | { name: "admins.add"; person: MentionRef }
  | { name: "admins.remove"; person: MentionRef };

export type CommandName = Command["name"];

export type ParseResult = Result<Command>;

export interface ParseContext {
  /** Today's date in the speaker's time zone. */
  today: LocalDate;
}
