/**
 * The isolation signal: a few facts about the intern's contact with the company, weighed into a
 * level (ok, watch, at risk) with the reasons that produced it. Pure: the inputs are gathered by
 * src/services/isolation-inputs.ts, the nudges are sent by src/services/rules/isolation-rule.ts.
 */
import type { SyncCadence } from "./agreement-options.js";
import { inputLabels, levelNames, reasonSentences, type Subject, sinceSentences } from "./copy/isolation.js";
import { formatDate } from "./format.js";
import { daysBetween } from "./local-date.js";
import type { IsolationLevel } from "./records.js";
import type { LocalDate } from "./types.js";

/** Every input; null means "not known yet" and never produces a reason (it is not zero). */
export interface IsolationInputs {
  /** The intern's working days that passed without their message in a tracked conversation. */
  quietWorkingDays: number | null;
  /** Check-ins missed in the intern's last 5 working days (null when none was asked). */
  missedCheckins: number | null;
  /** Mean of the last 3 connectedness scores minus the mean of the ones before (see connectednessTrend). */
  connectednessTrend: number | null;
  /** The intern's questions to the company that waited past the agreed reply time, last 2 weeks. */
  breachedQuestions: number | null;
  /** Introductions the colleague accepted that did not (or not yet, after 3 weeks) take place. */
  introductionsNotHeld: number | null;
  /** Calendar days since the last live meeting (a `met` or a held introduction). */
  daysSinceMeeting: number | null;
  /** Different people the intern exchanged messages with in the last 2 weeks. */
  colleaguesInTwoWeeks: number | null;
  /** Mean of the last 3 connectedness scores (1-5); optional so callers with 7 inputs still type-check. */
  recentConnectedness?: number | null;
}

export type IsolationInputName = keyof IsolationInputs;

export const REASON_CODES = [
  "quiet",
  "missed_checkins",
  "low_connectedness",
  "falling_connectedness",
  "unanswered_questions",
  "intro_not_held",
  "no_meeting",
  "few_colleagues",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface IsolationReason {
  code: ReasonCode;
  text: string;
}

export interface IsolationAssessment {
  level: IsolationLevel;
  /** Strongest first; the first one is what a nudge is about. */
  reasons: IsolationReason[];
  /** The intern answers the check-ins and says she feels connected (see isEngaged): no nudges for her. */
  engaged: boolean;
}

/**
 * Reasons Tandem only infers from what it can see (tracked channels, logged meetings): it does not see
 * direct messages between people, calls logged nowhere or a chat at the office. The intern's own answer
 * to "how connected do you feel", written to her supervisor, is direct evidence and outranks them.
 */
const PROXY_REASONS: ReadonlySet<ReasonCode> = new Set(["quiet", "no_meeting", "few_colleagues"]);
/** A mean of 4 or more over the last 3 answers: "connected" on the 1-5 scale. */
export const ENGAGED_SCORE = 4;

/**
 * Visibly engaged: the last 3 connectedness answers average ENGAGED_SCORE or more and check-ins are not
 * being missed (fewer than the mild threshold). Unknown scores are never engagement.
 */
export function isEngaged(
  inputs: IsolationInputs,
  thresholds: IsolationThresholds = DEFAULT_THRESHOLDS,
): boolean {
  const score = inputs.recentConnectedness;
  if (score === null || score === undefined || score < ENGAGED_SCORE) return false;
  return (inputs.missedCheckins ?? 0) < thresholds.missed_checkins.mild;
}

/**
 * A reason counts 1 point from `mild` on and 2 points (a strong reason) from `strong` on. "atLeast"
 * reasons grow with the number (quiet days), "atMost" ones with its smallness (few colleagues).
 */
export interface Threshold {
  mild: number;
  strong: number;
}
export type IsolationThresholds = Record<ReasonCode, Threshold>;

/** Watch from 1 point (any reason); at risk from 3 points: two strong reasons, or one strong and one mild, or three mild. */
export const WATCH_POINTS = 1;
export const AT_RISK_POINTS = 3;

export const DEFAULT_THRESHOLDS: IsolationThresholds = {
  // 3 silent working days is a slow week; a full working week is worth a closer look.
  quiet: { mild: 3, strong: 5 },
  // Of the last 5 working days.
  missed_checkins: { mild: 2, strong: 4 },
  // Scores are 1-5; a mean of 2.5 or lower says "not very connected".
  low_connectedness: { mild: 2.5, strong: 1.5 },
  // Points of change between the last 3 scores and the ones before.
  falling_connectedness: { mild: -1, strong: -2 },
  // One question left waiting already matters to someone working alone.
  unanswered_questions: { mild: 1, strong: 3 },
  intro_not_held: { mild: 1, strong: 3 },
  // For a weekly sync meeting; see thresholdsForCadence.
  no_meeting: { mild: 10, strong: 21 },
  // Only one person (usually the supervisor) in two weeks; nobody at all is strong.
  few_colleagues: { mild: 1, strong: 0 },
};

/** How many days one period of the agreed sync cadence lasts ("none": two weeks as a yardstick). */
export const SYNC_CADENCE_DAYS: Record<SyncCadence, number> = {
  daily: 1,
  weekly: 7,
  biweekly: 14,
  monthly: 31,
  none: 14,
};

const NO_MEETING_BY_CADENCE: Record<SyncCadence, Threshold> = {
  daily: { mild: 5, strong: 10 },
  weekly: { mild: 10, strong: 21 },
  biweekly: { mild: 17, strong: 28 },
  monthly: { mild: 35, strong: 49 },
  none: { mild: 21, strong: 35 },
};

/** The default thresholds with "no meeting" measured against the agreed cadence plus some slack. */
export function thresholdsForCadence(cadence: SyncCadence): IsolationThresholds {
  return { ...DEFAULT_THRESHOLDS, no_meeting: NO_MEETING_BY_CADENCE[cadence] };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean of the last 3 scores minus the mean of the ones before; null with fewer than 4 scores. */
export function connectednessTrend(scoresOldestFirst: readonly number[]): number | null {
  if (scoresOldestFirst.length < 4) return null;
  const last = scoresOldestFirst.slice(-3);
  const before = scoresOldestFirst.slice(0, -3);
  return round1(mean(last) - mean(before));
}

/** Mean of the last 3 scores; null with fewer than 3 (one bad day is not a pattern). */
export function recentConnectedness(scoresOldestFirst: readonly number[]): number | null {
  return scoresOldestFirst.length < 3 ? null : round1(mean(scoresOldestFirst.slice(-3)));
}

const STORED_SUBJECT: Subject = { name: "the intern" };

interface ReasonRule {
  code: ReasonCode;
  input: IsolationInputName;
  direction: "atLeast" | "atMost";
  /** A clause that reads after "because", about circumstances, never about fault. */
  text(value: number, subject: Subject): string;
}

/** In order of precedence between reasons of the same weight; the words are in copy/isolation.ts. */
const RULES: readonly ReasonRule[] = (
  [
    ["quiet", "quietWorkingDays", "atLeast"],
    ["missed_checkins", "missedCheckins", "atLeast"],
    ["low_connectedness", "recentConnectedness", "atMost"],
    ["falling_connectedness", "connectednessTrend", "atMost"],
    ["unanswered_questions", "breachedQuestions", "atLeast"],
    ["intro_not_held", "introductionsNotHeld", "atLeast"],
    ["no_meeting", "daysSinceMeeting", "atLeast"],
    ["few_colleagues", "colleaguesInTwoWeeks", "atMost"],
  ] as const
).map(([code, input, direction]) => ({ code, input, direction, text: reasonSentences[code] }));

function weightOf(value: number, direction: ReasonRule["direction"], t: Threshold): 0 | 1 | 2 {
  const reaches = (limit: number) => (direction === "atLeast" ? value >= limit : value <= limit);
  return reaches(t.strong) ? 2 : reaches(t.mild) ? 1 : 0;
}

/**
 * Weighs the inputs: unknown inputs are skipped, so they can never raise the level. Reason texts are
 * about `subject` (stored signals say "the intern"; rebuild them for a reader with reasonText).
 */
export function assessIsolation(
  inputs: IsolationInputs,
  thresholds: IsolationThresholds = DEFAULT_THRESHOLDS,
  subject: Subject = STORED_SUBJECT,
): IsolationAssessment {
  const found: { reason: IsolationReason; weight: number; order: number }[] = [];
  const engaged = isEngaged(inputs, thresholds);
  RULES.forEach((rule, order) => {
    const value = inputs[rule.input];
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    const full = weightOf(value, rule.direction, thresholds[rule.code]);
    // For an engaged intern an inferred reason weighs one step less: a strong one is still said, a mild one drops.
    const weight = engaged && PROXY_REASONS.has(rule.code) ? Math.max(0, full - 1) : full;
    if (weight > 0)
      found.push({ reason: { code: rule.code, text: rule.text(value, subject) }, weight, order });
  });
  found.sort((a, b) => b.weight - a.weight || a.order - b.order);
  const points = found.reduce((sum, f) => sum + f.weight, 0);
  const level: IsolationLevel =
    points >= AT_RISK_POINTS ? "at_risk" : points >= WATCH_POINTS ? "watch" : "ok";
  return { level, reasons: found.map((f) => f.reason), engaged };
}

/** A stored reason told to a given reader, from its code and the stored inputs; undefined for an unknown code. */
export function reasonText(
  code: string,
  inputs: Readonly<Record<string, number | null | undefined>>,
  subject: Subject,
  /** Since when Tandem watched, as of the signal's day: a longer period is said as "since <date>". */
  watched?: { from: LocalDate; on: LocalDate },
): string | undefined {
  const rule = RULES.find((r) => r.code === code);
  const value = rule && inputs[rule.input];
  if (!rule || typeof value !== "number") return undefined;
  const since = sinceSentences[code];
  // Working days counted back from `on` include the day watching began (never more than the days
  // watched, both ends counted); days since a meeting count from the day after it.
  if (since && watched && daysBetween(watched.from, watched.on) + (code === "quiet" ? 1 : 0) < value)
    return since(formatDate(watched.from), subject);
  return rule.text(value, subject);
}

/** Stored and shown inputs: every name present, null where unknown. */
export function storedInputs(inputs: IsolationInputs): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of INPUT_NAMES) out[name] = inputs[name] ?? null;
  return out;
}

export const INPUT_LABELS: Record<IsolationInputName, string> = inputLabels;
export const INPUT_NAMES = Object.keys(INPUT_LABELS) as IsolationInputName[];

export const LEVEL_NAMES: Record<IsolationLevel, string> = levelNames;
