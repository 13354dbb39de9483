/** The week preview (`preview week`) as people read it: who would get what, when, in their own time. */
import { formatDate, formatInstant } from "../format.js";
import { firstLine, fitLines, MESSAGE_TEXT_BUDGET } from "../message-budget.js";
import type { LocalDate, Person, Role } from "../types.js";

/** One recipient of the previewed messages: a person, a channel, or a group conversation. */
export interface PreviewRecipient {
  kind: "person" | "channel" | "group";
  /** The person's name, the channel's id, or the group's members' names. */
  name: string;
  /** Their parts in the internship (none for a colleague); a channel: "home" when it is the home channel. */
  roles: readonly Role[];
  home?: boolean;
  /** The zone the times are shown in: the person's own, the intern's for a channel or group. */
  timezone: string;
  sends: readonly { at: Date; text: string }[];
}

const ROLE_NAMES: Record<Role, string> = {
  intern: "intern",
  supervisor: "supervisor",
  backupSupervisor: "backup supervisor",
  coordinator: "coordinator",
};

const firstName = (person: Person) => person.name.split(" ")[0] ?? person.name;
/** A message's first line is enough to say what it is; the rest is in the real message. */
const LINE = 110;

function heading(recipient: PreviewRecipient, intern: Person): string {
  if (recipient.kind === "channel") {
    return `${recipient.home ? "Home channel" : "Channel"} ${recipient.name} (${firstName(intern)}'s time):`;
  }
  if (recipient.kind === "group") return `Group chat with ${recipient.name} (${firstName(intern)}'s time):`;
  const roles = recipient.roles.map((r) => ROLE_NAMES[r]);
  // "America/Sao Paulo": the zone as people read it (an underscore would turn into markup on some platforms).
  const zone = recipient.timezone.replaceAll("_", " ");
  return `${recipient.name} (${[...(roles.length > 0 ? roles : ["colleague"]), zone].join(", ")}):`;
}

/**
 * The reply to `preview week`. `from` and `until` bound the simulated span; `startsOn` is set when the
 * internship starts after today, which is why the span runs past the next seven days.
 */
export function weekPreviewReply(
  intern: Person,
  from: Date,
  until: Date,
  startsOn: LocalDate | undefined,
  recipients: readonly PreviewRecipient[],
): string {
  const span = `from ${formatInstant(from, intern.timezone)} to ${formatInstant(until, intern.timezone)} (${firstName(intern)}'s time)`;
  const start = startsOn
    ? ` The internship starts on ${formatDate(startsOn)}, so this runs until the end of its first week.`
    : "";
  if (recipients.length === 0) {
    return `Tandem would send nothing about ${intern.name} ${span}.${start}`;
  }
  const lines = [
    `What Tandem would send about ${intern.name} ${span}, if nobody answered or wrote in that time (answers cancel reminders and change summaries); times are each recipient's own. Nothing was sent.${start}`,
  ];
  for (const recipient of recipients) {
    lines.push(heading(recipient, intern));
    for (const send of recipient.sends) {
      lines.push(`  ${formatInstant(send.at, recipient.timezone)} — ${firstLine(send.text, LINE)}`);
    }
  }
  return fitLines(lines, MESSAGE_TEXT_BUDGET, (left) => `… and ${left} more lines.`).lines.join("\n");
}

export const previewCopy = {
  ended: (intern: Person, end: LocalDate) =>
    `${intern.name}'s internship ended on ${formatDate(end)}; Tandem sends nothing more about it.`,
  /** The store cannot make a private copy to run the rules on. */
  unavailable: () =>
    "The week preview needs a private copy of Tandem's data, which this database cannot make.",
};
