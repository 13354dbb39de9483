import { isoWeek } from "./local-date.js";
import type { Milestone } from "./milestones.js";
import type { Introduction } from "./records.js";
import type { LocalDate } from "./types.js";

/**
 * Every outbox key and key prefix (DESIGN.md rule 4). A key names *what* is due, never when a tick ran,
 * so insert-if-absent turns any number of ticks, restarts or replicas into one message. Databases hold
 * these keys: never change how one is spelled. A key that can be withdrawn is built on the prefix that
 * withdraws it, so the two cannot drift apart.
 */

/** Daily check-ins, and what their answers cause. */
export const checkinKeys = {
  prompt: (internshipId: number, date: LocalDate) => `checkin:${internshipId}:${date}`,
  /** The internship a prompt's key names; undefined for any other key. */
  promptInternship: (key: string): number | undefined => {
    const match = /^checkin:(\d+):\d{4}-\d{2}-\d{2}$/.exec(key);
    return match ? Number(match[1]) : undefined;
  },
  reminder: (internshipId: number, date: LocalDate) => `checkin-reminder:${internshipId}:${date}`,
  /** Every summary of an internship: one still waiting is folded into the next (one waits at a time). */
  summaryPrefix: (internshipId: number) => `checkin-summary:${internshipId}:`,
  summary: (internshipId: number, date: LocalDate) => `${checkinKeys.summaryPrefix(internshipId)}${date}`,
  /** Every missed-streak notice of an internship: a newer one, or an answer, withdraws one still waiting. */
  missedStreakPrefix: (internshipId: number) => `missed-streak:${internshipId}:`,
  missedStreak: (internshipId: number, date: LocalDate) =>
    `${checkinKeys.missedStreakPrefix(internshipId)}${date}`,
  /** Each answered check-in, per answer state (partial, then answered). */
  /** A partial answer still waiting is withdrawn by the fuller one (the prefix). */
  answerPrefix: (checkinId: number) => `checkin-answer:${checkinId}:`,
  answer: (checkinId: number, state: string) => `${checkinKeys.answerPrefix(checkinId)}${state}`,
  /** A blocker notice still waiting is withdrawn when the blocker changes or is cleared (the prefix). */
  blockerPrefix: (checkinId: number) => `blocker:${checkinId}:`,
  /** `textHash` identifies the blocker text, so the same text is forwarded once. */
  blocker: (checkinId: number, textHash: string) => `${checkinKeys.blockerPrefix(checkinId)}${textHash}`,
};

/**
 * Trial check-ins (`try checkin`): the intern's prompt, and the preview of the supervisor's message that
 * the answer sends whoever asked for the trial. `requestedAt` (milliseconds) tells trials apart.
 */
export const trialKeys = {
  /** Every trial prompt of an internship, to see whether one still waits. */
  promptPrefix: (internshipId: number) => `checkin-trial:${internshipId}:`,
  prompt: (internshipId: number, requestedAt: number) =>
    `${trialKeys.promptPrefix(internshipId)}${requestedAt}`,
  preview: (internshipId: number, requestedAt: number) =>
    `checkin-trial-preview:${internshipId}:${requestedAt}`,
};

const REPLY_ALERT_FAMILIES = ["reply-warning", "reply-breach", "reply-escalation"] as const;
const replyAlertPrefix = (family: (typeof REPLY_ALERT_FAMILIES)[number], clockId: number) =>
  `${family}:${clockId}:`;

/** Reply clocks: the asker's notice, and the alerts that closing the clock withdraws. */
export const replyKeys = {
  due: (clockId: number) => `reply-due:${clockId}`,
  warning: (clockId: number) => `${replyAlertPrefix("reply-warning", clockId)}warn`,
  breach: (clockId: number) => `${replyAlertPrefix("reply-breach", clockId)}due`,
  /** `step` counts from 1 along the escalation chain. */
  escalation: (clockId: number, step: number) => `${replyAlertPrefix("reply-escalation", clockId)}${step}`,
  /** Withdraws a closed clock's alerts (not the asker's notice, which is sent at once). */
  alertPrefixes: (clockId: number): string[] => REPLY_ALERT_FAMILIES.map((f) => replyAlertPrefix(f, clockId)),
  /** Alerts about open questions, of any clock: they travel together in one message. */
  isAlert: (key: string): boolean => REPLY_ALERT_FAMILIES.some((f) => key.startsWith(`${f}:`)),
};

/** Milestones: the due date and the done instant are part of the keys, so a moved or redone milestone starts afresh. */
export const milestoneKeys = {
  /** Withdraws the reminder and overdue alerts (on any change but a block). */
  duePrefix: (milestoneId: number) => `milestone-due:${milestoneId}:`,
  /** Withdraws the acceptance request and its reminder (on accept and reopen). */
  acceptPrefix: (milestoneId: number) => `milestone-accept:${milestoneId}:`,
  reminder: (m: Milestone) => `${milestoneKeys.duePrefix(m.id)}reminder:${m.due}`,
  overdue: (m: Milestone, day: LocalDate, personId: number) =>
    `${milestoneKeys.duePrefix(m.id)}overdue:${m.due}:${isoWeek(day)}:${personId}`,
  acceptRequest: (id: number, doneAt: Date) => `${milestoneKeys.acceptPrefix(id)}${doneAt.getTime()}`,
  acceptReminder: (id: number, doneAt: Date) =>
    `${milestoneKeys.acceptPrefix(id)}${doneAt.getTime()}:reminder`,
  accepted: (id: number, acceptedAt: Date) => `milestone-accepted:${id}:${acceptedAt.getTime()}`,
  announce: (id: number, doneAt: Date) => `milestone-announce:${id}:${doneAt.getTime()}`,
};

/**
 * The learning agreement: the supervisor hears once of outcomes no milestone serves. A note still waiting
 * whose outcomes changed is withdrawn and queued again as a revision, so what finally arrives is true.
 */
export const learningKeys = {
  outcomeGap: (internshipId: number) => `outcome-gap:${internshipId}`,
  /** `revision` counts the notes queued before it (1 for the first revision). */
  outcomeGapRevision: (internshipId: number, revision: number) => `outcome-gap:${internshipId}:${revision}`,
  /** The note and its revisions ("outcome-gap:1" is a prefix of "outcome-gap:12" too). */
  isOutcomeGapOf: (key: string, internshipId: number): boolean =>
    key === `outcome-gap:${internshipId}` || key.startsWith(`outcome-gap:${internshipId}:`),
  /** The other parties told once of a change to the learning agreement (its version is in the key). */
  changed: (internshipId: number, version: number, readerId: number) =>
    `learning-changed:${internshipId}:v${version}:${readerId}`,
};

/**
 * Evaluations: the request and its one reminder, per internship, round and side (a submission withdraws
 * whichever is still pending through the prefix).
 */
export const evaluationKeys = {
  prefix: (internshipId: number, round: string, side: string) =>
    `evaluation:${internshipId}:${round}:${side}:`,
  request: (internshipId: number, round: string, side: string) =>
    `${evaluationKeys.prefix(internshipId, round, side)}request`,
  reminder: (internshipId: number, round: string, side: string) =>
    `${evaluationKeys.prefix(internshipId, round, side)}reminder`,
  /** Each reader told once that the round can be read (outside every side's prefix: a submission keeps it). */
  readable: (internshipId: number, round: string, reader: "intern" | "supervisor" | "coordinator") =>
    `evaluation:${internshipId}:${round}:readable:${reader}`,
};

/** Introductions: the colleague's consent request, the group message, "did you meet?" and the new-time offer. */
export const introKeys = {
  ask: (introId: number) => `intro-ask:${introId}`,
  group: (introId: number) => `intro-group:${introId}`,
  /** Withdraws the "did you meet?" questions once either side answered. */
  followUpPrefix: (introId: number) => `intro-followup:${introId}:`,
  /** A rescheduled introduction is asked about once more. */
  followUp: (intro: Introduction, personId: number) =>
    `${introKeys.followUpPrefix(intro.id)}${personId}${intro.rescheduled ? ":rescheduled" : ""}`,
  reschedule: (introId: number) => `intro-reschedule:${introId}`,
};

const nudgePrefix = (internshipId: number) => `nudge:${internshipId}:`;
const riskPrefix = (internshipId: number) => `isolation-risk:${internshipId}:`;

/**
 * Isolation: a nudge per reason and ISO week, and the supervisor's risk note per ISO week. The caps
 * (nudges per week, one note in 7 days) read the whole family through the prefixes.
 */
export const isolationKeys = {
  nudge: (internshipId: number, code: string, week: string) => `${nudgePrefix(internshipId)}${code}:${week}`,
  risk: (internshipId: number, week: string) => `${riskPrefix(internshipId)}${week}`,
  nudgePrefix,
  riskPrefix,
  /** The reason code a nudge key was built with. */
  nudgeCode: (key: string): string => key.split(":")[2] ?? "",
};

/** The coordinator's note about a pattern (late replies, an at-risk signal), per internship and ISO week. */
export const patternKeys = {
  note: (internshipId: number, week: string) => `pattern:${internshipId}:${week}`,
};

/** Logged meetings: the intern told who logged one with them, once per meeting. */
export const meetingKeys = {
  logged: (meetingId: number) => `meeting-logged:${meetingId}`,
};

const REPLY_PREFIX = "reply-to:";

/**
 * The reply to an inbound event shown as a message of its own (see InboundEvent.replyTo), once per event.
 * Someone who just wrote is answered at once: a reply is never held for contact hours nor counted in the
 * daily budget of messages Tandem starts itself, though its row names its recipient (export, erasure).
 */
export const inboundReplyKeys = {
  reply: (eventId: string) => `${REPLY_PREFIX}${eventId}`,
  prefix: REPLY_PREFIX,
  isReply: (key: string): boolean => key.startsWith(REPLY_PREFIX),
};

/** Weekly reports, per reader and ISO week. */
export const reportKeys = {
  reflection: (internshipId: number, week: string) => `reflection:${internshipId}:${week}`,
  supervisorDigest: (supervisorId: number, internshipId: number, week: string) =>
    `digest:${supervisorId}:${internshipId}:${week}`,
  coordinatorDigest: (coordinatorId: number, week: string) => `digest:${coordinatorId}:${week}`,
  /** A digest too long for one message goes in parts, in order; the first keeps the digest's own key. */
  coordinatorDigestPart: (coordinatorId: number, week: string, part: number) =>
    part === 1
      ? reportKeys.coordinatorDigest(coordinatorId, week)
      : `${reportKeys.coordinatorDigest(coordinatorId, week)}:${part}`,
};

/** The first message each person gets: once per internship and person, once per workspace for a colleague. */
export const welcomeKeys = {
  person: (internshipId: number, personId: number) => `welcome:${internshipId}:${personId}`,
  colleague: (workspaceId: number, personId: number) => `welcome-colleague:${workspaceId}:${personId}`,
  /** A person's first message for an internship (not a colleague's, not a welcome back). */
  isPersonWelcome: (key: string): boolean => /^welcome:\d+:\d+$/.test(key),
};

/** Notices that one change causes, once per change and reader. */
export const noticeKeys = {
  leave: (personId: number, from: LocalDate, to: LocalDate, readerId: number) =>
    `leave:${personId}:${from}:${to}:${readerId}`,
  /** The backup told that they cover one internship during someone's leave. */
  cover: (personId: number, from: LocalDate, to: LocalDate, internshipId: number) =>
    `leave-cover:${personId}:${from}:${to}:${internshipId}`,
  /** The coordinator told, once per leave, that nobody covers an intern. */
  uncovered: (personId: number, from: LocalDate, to: LocalDate, internshipId: number) =>
    `leave-uncovered:${personId}:${from}:${to}:${internshipId}`,
  /** One message on the first working day after leave, with everything that waited. */
  welcomeBack: (personId: number, firstDayBack: LocalDate) => `welcome-back:${personId}:${firstDayBack}`,
  isWelcomeBack: (key: string): boolean => key.startsWith("welcome-back:"),
  agreementAck: (internshipId: number, version: number, readerId: number) =>
    `agreement-ack:${internshipId}:v${version}:${readerId}`,
  /** A person told that their own time zone replaced the one Tandem had assumed for them. */
  zoneLearnt: (personId: number, zone: string) => `zone-learnt:${personId}:${zone}`,
};

/** Proposed agreement changes: the request to answer (withdrawn once decided) and what was decided. */
export const agreementKeys = {
  /** Withdraws the unsent requests to answer, once the proposal is decided. */
  proposalPrefix: (internshipId: number, version: number) =>
    `agreement-proposal:${internshipId}:v${version}:`,
  proposal: (internshipId: number, version: number, readerId: number) =>
    `${agreementKeys.proposalPrefix(internshipId, version)}${readerId}`,
  /** `outcome`: agreed, declined or lapsed. */
  decided: (internshipId: number, version: number, outcome: string, readerId: number) =>
    `agreement-decided:${internshipId}:v${version}:${outcome}:${readerId}`,
};

/** Portal sign-in links sent by e-mail: one per link asked for (`digest` names the link, not the time). */
export const portalKeys = {
  signIn: (personId: number, digest: string) => `portal-sign-in:${personId}:${digest}`,
  isSignIn: (key: string): boolean => key.startsWith("portal-sign-in:"),
};

const UNREACHABLE_PREFIX = "unreachable:";

/** "Tandem cannot reach this person", told once to their contact. */
export const unreachableKeys = {
  report: (personId: number) => `${UNREACHABLE_PREFIX}${personId}`,
  /** The same report to one more reader (a programme admin by user id, a coordinator by person id). */
  reportTo: (personId: number, reader: string) => `${UNREACHABLE_PREFIX}${personId}:to:${reader}`,
  /** A channel Tandem cannot post in (removed, archived, Tandem not a member), told once to its coordinator. */
  channelReport: (channel: string) => `${UNREACHABLE_PREFIX}channel:${channel}`,
  /** A report about a report could go round in circles: this one is never reported on. */
  isReport: (key: string): boolean => key.startsWith(UNREACHABLE_PREFIX),
};

const FALLBACK_PREFIX = "refused:";
const REFUSAL_REPORT_PREFIX = "refused-report:";

/** A message the platform refused: its short plain version, and the contact's notice, told once. */
export const refusalKeys = {
  /** The short plain version of the message (or merged message) whose first row had `key`. */
  fallback: (key: string) => `${FALLBACK_PREFIX}${key}`,
  /** Refusals of a person's messages, told once to their contact. */
  report: (personId: number) => `${REFUSAL_REPORT_PREFIX}${personId}`,
  /** Refusals of channel posts in a workspace, told once to its coordinator. */
  channelReport: () => `${REFUSAL_REPORT_PREFIX}channel`,
  /** A fallback or a report that is refused too is only logged: nothing else could help. */
  isFallbackOrReport: (key: string): boolean =>
    key.startsWith(FALLBACK_PREFIX) || key.startsWith(REFUSAL_REPORT_PREFIX),
};

/**
 * Prefixes of the keys that name an internship (check-ins, nudges, notes, reflections, welcomes,
 * agreement messages, the supervisor's digest): what ending an internship withdraws, with the prefixes of
 * its milestones, introductions and reply clocks.
 */
export function internshipKeyPrefixes(internshipId: number, supervisorId: number): string[] {
  const families = [
    "checkin",
    "checkin-reminder",
    "checkin-summary",
    "missed-streak",
    "checkin-trial",
    "checkin-trial-preview",
    "nudge",
    "isolation-risk",
    "pattern",
    "reflection",
    "welcome",
    "agreement-proposal",
    "agreement-ack",
    "agreement-decided",
    "learning-changed",
  ];
  return [...families.map((f) => `${f}:${internshipId}:`), `digest:${supervisorId}:${internshipId}:`];
}

/**
 * The internship a key names, for the portal link under an e-mail: the families built on an internship
 * id (see internshipKeyPrefixes) and the supervisor's digest (`digest:<supervisor>:<internship>:<week>`).
 */
export function internshipOfKey(key: string): number | undefined {
  const [family, first, second, third] = key.split(":");
  const families = internshipKeyPrefixes(0, 0).map((prefix) => prefix.split(":")[0]);
  const id =
    family === "digest"
      ? third !== undefined
        ? second
        : undefined
      : families.includes(family!)
        ? first
        : undefined;
  return id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
}

/** The family a key belongs to (`milestone-due`, `digest`, ...): what kind of message it is. */
export function keyFamily(key: string): string {
  const colon = key.indexOf(":");
  return colon < 0 ? key : key.slice(0, colon);
}

/**
 * The evaluation round a key is about (`evaluation:<internship>:<round>:...`, and any `evaluation-*` family
 * built the same way), for the portal link under an e-mail: the evaluation page rather than the internship's.
 */
export function evaluationOfKey(key: string): { internshipId: number; round: string } | undefined {
  const match = /^evaluation[\w-]*:(\d+):(midterm|final)(?::|$)/.exec(key);
  return match ? { internshipId: Number(match[1]), round: match[2]! } : undefined;
}

/** The end-of-internship message, once per reader. */
export const closingKeys = {
  closing: (internshipId: number, reader: "supervisor" | "coordinator") =>
    `closing:${internshipId}:${reader}`,
};

/** A confirmed certificate draft changed since: one message per new draft (by its hash), to the confirmer. */
export const certificateKeys = {
  changed: (internshipId: number, draftHash: string) => `certificate-changed:${internshipId}:${draftHash}`,
  changedPrefix: (internshipId: number) => `certificate-changed:${internshipId}:`,
};
