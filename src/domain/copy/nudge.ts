/** Isolation nudges as people read them: the intern's one small next step, and the supervisor's private note. */
import { neutralizeMentions } from "../escape.js";
import type { ReasonCode } from "../isolation.js";
import type { OutboundMessage } from "../messages.js";

// Names and keys come from the programme file: neutralised before they are echoed.
const safe = neutralizeMentions;
const HINT = 'Type "why" to see everything this is based on, or "pause nudges 1w" to pause these messages.';

/** What the suggestion may name: the supervisor, whoever owes an open answer, a department to meet. */
export interface SuggestionFacts {
  supervisorName: string;
  supervisorKey: string;
  /** Who has not yet answered the intern's overdue question, when there is one. */
  openQuestionTo?: string;
  /** Whether Tandem already reminded them of it (a warning or an overdue notice went out). */
  openQuestionReminded?: boolean;
  /** The colleague of an agreed introduction that has not taken place. */
  introColleague?: string;
  /** A department with a colleague who shares the intern's hours and meets interns. */
  department?: string;
}

/**
 * The nudge's possible words for a reason, preferred first: one concrete next step each. The rule
 * takes the first one the intern did not get in the last three weeks, so a lasting reason is put
 * differently, and an empty list means there is nothing useful to suggest now.
 */
export function nudgeSuggestions(code: ReasonCode, facts: SuggestionFacts): string[] {
  const sup = safe(facts.supervisorName);
  const idea = "A small idea for this week:";
  const metHint = `Type "met @${safe(facts.supervisorKey)}" afterwards so I know.`;
  switch (code) {
    case "quiet":
      return [
        `${idea} post a short update in your team's channel, like what you are working on or a question. Small messages keep people close to your work.`,
        `${idea} ask in your team's channel how someone would approach a task you are on. A question is an easy way back into the conversation.`,
      ];
    case "missed_checkins":
      return [
        `${idea} answer the daily check-in, even with one line; type "checkin" whenever it suits you. It keeps ${sup} in the loop without a meeting.`,
        `${idea} if the daily check-in does not fit your day, tell ${sup} what would suit you better. One line is enough to answer it: type "checkin".`,
      ];
    case "low_connectedness":
    case "falling_connectedness":
      return [
        `${idea} propose a short call with ${sup} in your next message. Feeling far from the team is common in a remote internship, and a call often helps. ${metHint}`,
        `${idea} ask ${sup} for 15 minutes to go through your work together on a call. Working side by side for a moment often helps. ${metHint}`,
      ];
    case "unanswered_questions": {
      // Only an open question is worth a nudge: one answered late is history, not a next step.
      if (!facts.openQuestionTo) return [];
      const reminded = facts.openQuestionReminded
        ? "they have been reminded"
        : "Tandem reminds them within their working hours";
      return [
        `Your question to ${safe(facts.openQuestionTo)} is still open past the agreed reply time: ${reminded}. If it holds you up, mention it in your check-in.`,
      ];
    }
    case "intro_not_held": {
      const who = facts.introColleague ? safe(facts.introColleague) : "A colleague";
      return [
        `${who} agreed to meet you, and the introduction has not taken place yet. A short message proposing two times usually does it; type "intro status" to see it.`,
      ];
    }
    case "no_meeting":
      return [
        `${idea} propose a short call with ${sup}, even 15 minutes. ${metHint}`,
        `${idea} put a 15-minute video call with ${sup} in both your calendars for this week. ${metHint}`,
      ];
    case "few_colleagues":
      return [
        facts.department
          ? `A colleague in ${safe(facts.department)} works some of your hours and is happy to meet interns. Type "intro status" to see your introductions, or ask ${sup} to introduce you.`
          : `${idea} talk with someone new; a few different people show you how the company works. Type "intro status" to see your introductions, or ask ${sup} who you could meet.`,
        `${idea} ask ${sup} who else works on something close to your project, and send them a short hello. Type "intro status" to see your introductions.`,
      ];
  }
}

/** What the supervisor hears about the same signal: a note queued now, one sent lately, or none. */
export type SupervisorNote = "queued" | "sent" | "none";

/** The intern's nudge; `because` reads after "Because", and it says so when the supervisor hears too. */
export function nudgeMessage(
  suggestion: string,
  because: string,
  note: SupervisorNote,
  supervisorName: string,
): OutboundMessage {
  const sup = safe(supervisorName);
  const alsoSupervisor =
    note === "queued"
      ? ` ${sup} gets a short private note too, so they can make time for you.`
      : note === "sent"
        ? ` ${sup} got a short private note about this in the last 7 days, so they can make time for you.`
        : "";
  return { text: suggestion, reason: `Because ${because}.${alsoSupervisor} ${HINT}` };
}

/** At risk: the supervisor's private note, with the reasons (about the intern) and what could help. */
export function supervisorRiskNote(
  internName: string,
  internKey: string,
  codes: ReadonlySet<ReasonCode>,
  reasons: readonly string[],
  questionOpen: boolean,
): OutboundMessage {
  const intern = safe(internName);
  const actions = [
    `schedule a short call with ${intern} this week (afterwards type "met @${safe(internKey)}")`,
  ];
  if (codes.has("few_colleagues") || codes.has("intro_not_held"))
    actions.push(`introduce ${intern} to a colleague from another department`);
  if (codes.has("unanswered_questions") && questionOpen)
    actions.push(`make sure ${intern}'s waiting question gets an answer`);
  if (codes.has("missed_checkins") || codes.has("low_connectedness") || codes.has("falling_connectedness"))
    actions.push(`ask ${intern} privately how things are going`);
  const lines = [
    `${intern} could use some extra contact this week: Tandem's connection signal is at risk, because`,
    ...reasons.map((r) => `• ${r}`),
    "Suggested:",
    ...actions.map((a) => `• ${a}`),
  ];
  return {
    text: lines.join("\n"),
    reason: `Because you supervise ${intern}; you get this note at most once in 7 days while the signal stays at risk. ${intern} gets supportive nudges and sees the same reasons with "why".`,
  };
}
