/** Delivery problems as people read them: someone Tandem cannot reach, told once to whoever works with them. */
import type { OutboundMessage } from "../messages.js";
import type { Person, Platform } from "../types.js";

/** Teams cannot message someone who never installed the app; Slack says the account cannot receive it. */
export function unreachableNotice(person: Person, platform: Platform): OutboundMessage {
  const why =
    platform === "slack"
      ? `Slack says their account cannot receive Tandem's messages (deactivated, not found in this workspace, or not a person), so check-ins and alerts for them are not delivered. Please check that ${person.name} still has an active Slack account here and that their Slack id in the programme file is right.`
      : `the app is not installed for them, so check-ins and alerts for them are not delivered. Please ask ${person.name} to add the Tandem app (or install it for them).`;
  return {
    text: `Tandem cannot reach ${person.name}: ${why}`,
    reason: `You work with ${person.name}; Tandem tells you once when someone cannot be reached.`,
  };
}

const refused = (person: Person, email: string) =>
  `Tandem cannot reach ${person.name} by e-mail: the mail server refused ${email} for good (no such mailbox, or it does not accept mail), so check-ins, alerts and digests for them are not delivered.`;

/**
 * The mail server refused a person's address for good (no such mailbox, mailbox disabled, ...), told to
 * whoever works with them in chat: `admin` for a programme admin, who can correct the programme file.
 */
export function mailUnreachableNotice(person: Person, email: string, admin = false): OutboundMessage {
  return {
    text: `${refused(person, email)} ${
      admin
        ? "Please correct their address (email:) in the programme file and import it again."
        : `Please ask ${person.name} for an address that works, and have it corrected in the programme file (email:) and imported again; a programme admin can do that.`
    }`,
    subject: `Tandem cannot reach ${person.name} by e-mail`,
    reason: admin
      ? `You are a programme admin here; Tandem tells you once when someone's address does not work.`
      : `You work with ${person.name}; Tandem tells you once when someone cannot be reached.`,
  };
}

/** The same, for a coordinator who reads Tandem only by e-mail: what happened, who was told, what she can do. */
export function mailUnreachableForReader(
  person: Person,
  email: string,
  told: readonly string[],
): OutboundMessage {
  const who = told.length === 0 ? "the company's programme admins" : told.join(" and ");
  return {
    text: `${refused(person, email)} Tandem told ${who}, who can correct the address in the company's programme; nothing is needed from you. If you know an address that works for ${person.name}, please pass it on to ${told[0] ?? "the company"}.`,
    subject: `Tandem cannot reach ${person.name} by e-mail`,
    reason: `You work with ${person.name}; Tandem tells you once when someone cannot be reached.`,
  };
}

/** A channel Tandem posts in (an internship's home channel) was removed, archived, or Tandem is not in it. */
export function channelUnreachableNotice(internName: string | undefined): OutboundMessage {
  const where = internName ? `the home channel of ${internName}'s internship` : "a channel of this programme";
  return {
    text: `Tandem cannot post in ${where}: the chat platform says the channel was not found, is archived, or Tandem is not a member, so posts there are not delivered. Please invite Tandem to the channel again, or set another home channel in the programme file.`,
    reason: "You coordinate this internship; Tandem tells you once when it cannot post in a channel.",
  };
}

/** Where the full content of a message of this key family can be read: a command anyone involved can type. */
const WHERE_TO_READ: Record<string, string> = {
  checkin: "checkin",
  "checkin-reminder": "checkin",
  "checkin-summary": "checkin history",
  "missed-streak": "checkin history",
  "checkin-answer": "checkin history",
  blocker: "checkin history",
  "milestone-due": "milestone list",
  "milestone-accept": "milestone list",
  "milestone-accepted": "milestone list",
  "milestone-announce": "milestone list",
  "intro-ask": "intro status",
  "intro-group": "intro status",
  "intro-followup": "intro status",
  "intro-reschedule": "intro status",
  nudge: "why",
  "isolation-risk": "why",
  reflection: "reflect",
  digest: "digest",
  leave: "leave list",
  "agreement-ack": "agreement show",
  "agreement-proposal": "agreement show",
  "agreement-decided": "agreement show",
  "learning-changed": "agreement show",
};

export function whereToRead(family: string): string {
  return WHERE_TO_READ[family] ?? "status";
}

/** One line of a refused message: its first line, shortened. */
export interface RefusedItem {
  firstLine: string;
  family: string;
}

/**
 * The short plain version of a message (or merged message) the platform refused: what each item was
 * about and the command that shows it in full. No buttons, no fields: nothing that could be refused again.
 */
export function refusedFallback(items: readonly RefusedItem[], shown: number): OutboundMessage {
  const commands = [...new Set(items.map((i) => whereToRead(i.family)))];
  const typing = commands.map((c) => `"${c}"`).join(", ");
  const lines =
    items.length === 1
      ? [
          `This message was too long or too complex for this chat, so here is the short version: ${items[0]!.firstLine}`,
          `Type ${typing} to see it in full.`,
        ]
      : [
          `${items.length} messages were too long or too complex for this chat, so here are their first lines:`,
          ...items.slice(0, shown).map((i) => `- ${i.firstLine}`),
          ...(items.length > shown ? [`and ${items.length - shown} more`] : []),
          `Type ${typing} to see them in full.`,
        ];
  return {
    text: lines.join("\n"),
    reason: "The chat platform refused the full message; Tandem sends a short version rather than nothing.",
  };
}

/** Told once to whoever works with the recipient (or to the coordinator for channel posts). */
export function refusedNotice(recipient: Person | undefined): OutboundMessage {
  const whose = recipient ? `messages for ${recipient.name}` : "posts in a channel";
  return {
    text: `The chat platform refused some of Tandem's ${whose} as too long or too complex. ${recipient ? `${recipient.name} got` : "The channel got"} a short version that says which command shows the rest; the operator can find the details in Tandem's log.`,
    reason: `You work with ${recipient ? recipient.name : "this programme"}; Tandem tells you once when the platform refuses its messages.`,
  };
}
