import { AGREEMENT_FIELDS, agreementField } from "./agreement-fields.js";
import type { AgreementTerms, PartialTerms } from "./agreement-terms.js";
import { err, ok, type Result } from "./result.js";

export const DEFAULT_TERMS: AgreementTerms = {
  replyWithin: { supervisor: "8h", intern: "4h" },
  replies: {
    warnAtPercent: 75,
    escalateAfterPercent: 50,
    where: "both",
    ackReaction: "white_check_mark",
    trigger: "request",
    trackReaction: "hourglass",
  },
  checkIn: { at: "09:30", days: "Mon-Fri", reminderAfter: "3h", summary: "daily" },
  milestones: { remindDaysBefore: 2, announceDone: false },
  syncMeeting: "weekly",
  introductions: { target: 6, departments: 3, withinWeeks: 6 },
  nudges: { perWeek: 1 },
  tools: [],
};

/** Returns the new terms, or the error to show; the input is never modified. */
export function setTerm(terms: AgreementTerms, field: string, value: string): Result<AgreementTerms> {
  const spec = agreementField(field);
  if (!spec) {
    const names = AGREEMENT_FIELDS.map((f) => f.name).join(", ");
    return err(`"${field}" is not an agreement field. Fields: ${names}.`);
  }
  const next = structuredClone(terms);
  const written = spec.set(next, value);
  return written.ok ? ok(next) : err(`${spec.name}: ${written.error}`);
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function withDefaults(partial: PartialTerms | undefined): AgreementTerms {
  const d = DEFAULT_TERMS;
  return {
    replyWithin: { ...d.replyWithin, ...defined(partial?.replyWithin) },
    replies: { ...d.replies, ...defined(partial?.replies) },
    checkIn: { ...d.checkIn, ...defined(partial?.checkIn) },
    milestones: { ...d.milestones, ...defined(partial?.milestones) },
    syncMeeting: partial?.syncMeeting ?? d.syncMeeting,
    introductions: { ...d.introductions, ...defined(partial?.introductions) },
    nudges: { ...d.nudges, ...defined(partial?.nudges) },
    tools: partial?.tools ? [...partial.tools] : [...d.tools],
  };
}

/** Every field's error in a whole terms object, for the programme importer. */
export function termsErrors(terms: AgreementTerms): { field: string; error: string }[] {
  return AGREEMENT_FIELDS.flatMap((field) => {
    const written = field.set(structuredClone(terms), field.get(terms));
    return written.ok ? [] : [{ field: field.name, error: written.error }];
  });
}

/** Stable JSON for comparing versions: same terms, same text. */
export function termsKey(terms: PartialTerms): string {
  return JSON.stringify(withDefaults(terms));
}

export function describeTerms(terms: AgreementTerms): string[] {
  const intro = terms.introductions;
  const summary = terms.checkIn.summary === "daily" ? "a daily summary" : "each answer as it comes";
  return [
    `Reply within: supervisor ${terms.replyWithin.supervisor}, intern ${terms.replyWithin.intern} (working time of whoever replies), counted for ${terms.replies.trigger === "request" ? `a question or request between the intern and the supervisors (or one marked :${terms.replies.trackReaction}: by its author)` : "every mention between the intern and the supervisors"}; a warning at ${terms.replies.warnAtPercent}%, escalation ${terms.replies.escalateAfterPercent}% after the due time; replies count ${terms.replies.where === "both" ? "in the thread or the channel" : "in the thread only"}; :${terms.replies.ackReaction}: acknowledges`,
    `Check-in: ${terms.checkIn.at} on ${terms.checkIn.days}, intern's local time; one reminder after ${terms.checkIn.reminderAfter}; the supervisor gets ${summary}`,
    `Milestones: a reminder ${terms.milestones.remindDaysBefore} working days before the due date${terms.milestones.announceDone ? "; done milestones are announced in the home channel" : ""}`,
    `Sync meeting: ${terms.syncMeeting}`,
    `Introductions: ${intro.target} colleagues from at least ${intro.departments} departments within ${intro.withinWeeks} weeks`,
    terms.nudges.perWeek === 0
      ? "Nudges: off"
      : `Nudges: at most ${terms.nudges.perWeek} supportive nudge${terms.nudges.perWeek === 1 ? "" : "s"} a week to the intern`,
    `Tools: ${terms.tools.length > 0 ? terms.tools.join(", ") : "none agreed yet"}`,
  ];
}
