/** The working agreement: what is in force, what is proposed, and the answers to both. */
import type { TermChange } from "../agreement-proposal.js";
import { neutralizeMentions as safe } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundButton, OutboundForm, OutboundMessage } from "../messages.js";
import type { LocalDate } from "../types.js";

/** A proposal as people read it: its version, who proposed it and what it changes. */
export interface ProposalView {
  version: number;
  inForce: number;
  proposer: string;
  changes: TermChange[];
  /** The proposal's lapse date in the reader's calendar. */
  lapsesOn: LocalDate;
}

const names = (people: string[]) => people.map(safe).join(" and ");
const ANSWER = '"agreement accept" or "agreement decline <reason>"';

export function describeChanges(changes: TermChange[]): string {
  if (changes.length === 0) return "no change";
  return changes.map((c) => `${c.field} ${safe(c.from) || "(none)"} → ${safe(c.to) || "(none)"}`).join("; ");
}

export function answerButtons(internshipId: number, version: number): OutboundButton[] {
  const value = `${internshipId}:v${version}`;
  return [
    { action: "agreement.accept", value, label: "Accept", style: "primary" },
    { action: "agreement.decline", value, label: "Decline…" },
  ];
}

export const agreementCopy = {
  none: () => "This internship has no working agreement yet; the coordinator adds one in the programme file.",

  // agreement show
  heading: (internName: string, version: number, since: LocalDate) =>
    `Working agreement for ${safe(internName)}, version ${version}, in force since ${formatDate(since)}.`,
  term: (line: string) => `• ${safe(line)}`,
  acknowledged: (name: string) => `${safe(name)}: acknowledged`,
  notAcknowledged: (name: string) => `${safe(name)}: not yet (type "agreement ack")`,
  acknowledgements: (lines: string[]) => `Acknowledged — ${lines.join("; ")}`,
  proposalLine: (p: ProposalView, accepted: string[], waiting: string[]) =>
    `Proposed: version ${p.version} by ${safe(p.proposer)}: ${describeChanges(p.changes)}. It counts only when the intern and the supervisor have both accepted it${accepted.length ? `; accepted by ${names(accepted)}` : ""}; waiting for ${names(waiting)} (${ANSWER}). Until then version ${p.inForce} stays in force; unanswered, the proposal lapses on ${formatDate(p.lapsesOn)}.`,

  // agreement ack
  ackOnlySignatories: () =>
    'Only the intern and the supervisor acknowledge the agreement; you can read it with "agreement show".',
  alreadyAcknowledged: (version: number) => `You already acknowledged version ${version} of the agreement.`,
  acknowledgedThanks: (version: number, waiting: string[]) =>
    `Thanks: you acknowledged version ${version} of the working agreement.${waiting.length > 0 ? ` Waiting for ${names(waiting)}.` : " Both sides have acknowledged it."}`,
  proposalWaitsForYou: (version: number) =>
    ` Version ${version} is proposed and waits for your answer: ${ANSWER}.`,

  // agreement set: a proposal
  refused: (error: string) => safe(error),
  unchanged: (field: string, value: string, inForce: boolean) =>
    `${field} is already ${safe(value)} in ${inForce ? "the agreement in force" : "your proposal"}; nothing to propose.`,
  otherProposalOpen: (p: ProposalView) =>
    `${safe(p.proposer)}'s proposal (version ${p.version}: ${describeChanges(p.changes)}) is still waiting for answers. It has to be accepted or declined first (${ANSWER}); unanswered, it lapses on ${formatDate(p.lapsesOn)}.`,
  proposed: (p: ProposalView, waiting: string[], amended: boolean) =>
    `You ${amended ? "changed your proposal; it is now" : "proposed"} version ${p.version} of the working agreement: ${describeChanges(p.changes)}. Version ${p.inForce} stays in force until ${names(waiting)} accept${waiting.length === 1 ? "s" : ""} it; I have asked. If it is not accepted by ${formatDate(p.lapsesOn)}, it lapses and you will be told.`,
  proposalMessage: (internshipId: number, p: ProposalView, internName: string): OutboundMessage => ({
    text: `${safe(p.proposer)} proposes a change to the working agreement for ${safe(internName)} (version ${p.version}): ${describeChanges(p.changes)}. Version ${p.inForce} stays in force until the intern and the supervisor have both accepted. Press Accept or Decline, or type ${ANSWER}.`,
    buttons: answerButtons(internshipId, p.version),
    reason: `A change to the working agreement counts only when both of you accept it; unanswered, this proposal lapses on ${formatDate(p.lapsesOn)}.`,
  }),

  // agreement accept / decline
  noProposal: (inForce: number) =>
    `No change to the agreement is waiting for an answer; version ${inForce} is in force ("agreement show").`,
  notYoursToAnswer: (version: number, waiting: string[]) =>
    waiting.length > 0
      ? `Version ${version} waits for ${names(waiting)}, not for you.`
      : `Version ${version} does not wait for your answer.`,
  alreadyAccepted: (version: number, waiting: string[]) =>
    `You already accepted version ${version}; it waits for ${names(waiting)}.`,
  acceptedWaiting: (version: number, inForce: number, waiting: string[]) =>
    `You accepted version ${version}. It comes into force when ${names(waiting)} accept${waiting.length === 1 ? "s" : ""} it too; until then version ${inForce} stays in force.`,
  acceptedInForce: (p: ProposalView) =>
    `You accepted version ${p.version}: it is in force from now (${describeChanges(p.changes)}).`,
  inForceMessage: (p: ProposalView, acceptedBy: string, internName: string): OutboundMessage => ({
    // When the intern accepted, their name once is enough.
    text: `${safe(acceptedBy)} accepted version ${p.version} of the working agreement${acceptedBy === internName ? "" : ` for ${safe(internName)}`}: it is in force from now (${describeChanges(p.changes)}).`,
    reason:
      "A change to the working agreement counts once the intern and the supervisor have both accepted it.",
  }),
  declined: (version: number, inForce: number, told: string[]) =>
    `You declined version ${version}; version ${inForce} stays in force.${told.length ? ` ${names(told)} ${told.length === 1 ? "is" : "are"} told.` : ""}`,
  declinedMessage: (p: ProposalView, by: string, reason: string | undefined): OutboundMessage => ({
    text: `${safe(by)} declined version ${p.version} of the working agreement (${describeChanges(p.changes)})${reason ? `: "${safe(reason)}".` : "."} Version ${p.inForce} stays in force.`,
    reason: "You proposed this change or were asked to accept it; a declined proposal does not count.",
  }),
  lapsedMessage: (p: ProposalView, waiting: string[]): OutboundMessage => ({
    text: `Your proposal to change the working agreement (version ${p.version}: ${describeChanges(p.changes)}) lapsed: ${names(waiting)} did not accept it within a working week. Version ${p.inForce} stays in force; "agreement set" proposes it again.`,
    reason:
      "A change to the working agreement counts only when both sides accept it; an unanswered proposal lapses after a working week.",
  }),
  reasonTooLong: (max: number, length: number) =>
    `Please keep the reason to ${max} characters (it has ${length}); nothing was changed.`,

  // the buttons
  unknownButton: (action: string) =>
    `I don't know the button ${safe(action)}; type "help agreement" to see what you can do.`,
  staleButton: (version: number, inForce: number) =>
    `Version ${version} is no longer waiting for an answer; version ${inForce} is in force ("agreement show").`,
  declinePrompt: (version: number) => `Decline version ${version} of the working agreement.`,
  declineForm: (value: string, version: number, maxLength: number): OutboundForm => ({
    action: "agreement.decline",
    value,
    title: `Decline version ${version}`,
    submitLabel: "Decline",
    fields: [
      {
        id: "reason",
        label: "Why? (the proposer reads this)",
        kind: "text",
        multiline: true,
        maxLength,
        optional: true,
      },
    ],
  }),
};
