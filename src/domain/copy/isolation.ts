/**
 * The connection signal as people read it: each reason as a clause after "because", the inputs'
 * labels and the level names. The rules that weigh them live in ../isolation.ts.
 */

/** Who the sentences are about: "you" for the intern, their name for the company, "the intern" when stored. */
export type Subject = "you" | { name: string };

const s = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const who = (subject: Subject) => (subject === "you" ? "you" : subject.name);
const whose = (subject: Subject) => (subject === "you" ? "your" : `${subject.name}'s`);

type Sentence = (value: number, subject: Subject) => string;

/** One clause per reason code, about circumstances, never about fault. */
export const reasonSentences = {
  quiet: (n, sub) =>
    `${s(n, "working day")} ${n === 1 ? "has" : "have"} passed without a message from ${who(sub)} in the team's conversations`,
  missed_checkins: (n) =>
    `${n} of the check-ins of the last 5 working days ${n === 1 ? "was" : "were"} not answered`,
  low_connectedness: (n, sub) => `${whose(sub)} last connectedness scores average ${n} out of 5`,
  falling_connectedness: (n, sub) =>
    `${whose(sub)} connectedness scores went down by ${Math.abs(n)} points lately`,
  unanswered_questions: (n, sub) =>
    `${s(n, "question")} from ${who(sub)} waited longer than the agreed reply time in the last 2 weeks`,
  // The colleague agreed to the introduction; the intern is never asked to accept one.
  intro_not_held: (n) =>
    `${s(n, "introduction")} that a colleague agreed to ${n === 1 ? "has" : "have"} not taken place yet`,
  no_meeting: (n) =>
    `no live conversation (a call, a video meeting, a coffee) was logged in the last ${s(n, "day")}`,
  few_colleagues: (n) =>
    n === 0
      ? "no messages went back and forth with colleagues in the last 2 weeks"
      : `messages went back and forth with only ${s(n, "person", "people")} in the last 2 weeks`,
} satisfies Record<string, Sentence>;

/**
 * The reasons whose period can reach back before Tandem followed the internship, said from the day it
 * began to (`since`, already formatted): Tandem claims no time it did not watch.
 */
export const sinceSentences: Partial<Record<string, (since: string, subject: Subject) => string>> = {
  quiet: (since, sub) => `no message from ${who(sub)} in the team's conversations since ${since}`,
  no_meeting: (since) => `no live conversation (a call, a video meeting, a coffee) was logged since ${since}`,
};

/**
 * The connectedness reasons as a digest or report states them next to the scores it shows: one
 * message, one computation (the signal's own average covers other days); undefined for other reasons.
 */
export function connectednessInSummary(code: string, name: string): string | undefined {
  if (code === "low_connectedness") return `${name}'s recent connectedness scores are low`;
  if (code === "falling_connectedness") return `${name}'s connectedness scores went down lately`;
  return undefined;
}

export const inputLabels = {
  quietWorkingDays:
    "Working days since the intern's last sign of contact (a message in a tracked conversation, an answered check-in, a logged meeting or milestone)",
  missedCheckins: "Check-ins missed in the last 5 working days",
  recentConnectedness: "Connectedness, mean of the last 3 scores (1-5)",
  connectednessTrend: "Connectedness trend (last 3 scores against the ones before)",
  breachedQuestions: "The intern's questions that waited past the agreed reply time (2 weeks)",
  introductionsNotHeld: "Introductions a colleague agreed to that did not take place",
  daysSinceMeeting: "Days since the last live meeting",
  colleaguesInTwoWeeks: "Different people the intern exchanged messages with (2 weeks)",
};

export const levelNames = { ok: "ok", watch: "watch", at_risk: "at risk" };
