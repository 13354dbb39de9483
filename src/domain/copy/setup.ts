/** The words of `setup` and `colleagues`: forms, refusals, the platform's checks and the summary. */
import type { AgreementTerms } from "../agreement-terms.js";
import { formatDate } from "../format.js";
import type { FieldErrors, SetupRole } from "../internship-setup.js";
import type { Platform } from "../types.js";

/** Why a direct message would not reach someone (the directory port's reasons). */
type UnreachableReason = "unknown-user" | "deleted" | "bot" | "not-installed";

const PLATFORM_NAMES: Record<Platform, string> = {
  slack: "Slack",
  teams: "Teams",
  console: "the playground",
};

const ROLE_LABELS: Record<SetupRole, string> = {
  intern: "Intern",
  supervisor: "Supervisor",
  backup: "Backup supervisor",
  coordinator: "Coordinator",
};

/** How each platform's own admins are called, for refusals. */
const PLATFORM_ADMINS: Record<Platform, string> = {
  slack: "the Slack workspace's admins and owners",
  teams: "Tandem's programme admins",
  console: "the playground workspace's admins and owner",
};

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** A newly created person, with what the platform said and what Tandem proposed from the time zone. */
export interface SetupPersonNote {
  role: SetupRole;
  name: string;
  handle: string;
  timezone: string;
  /** The platform gave no time zone: this one was assumed. */
  zoneAssumed: boolean;
  /** Made now; undefined for someone Tandem already knew (nothing of theirs was changed). */
  created?: { country: string; contactHours: string };
  unreachable?: UnreachableReason;
}

export interface SetupSummary {
  platform: Platform;
  created: boolean;
  internName: string;
  internHandle: string;
  start: string;
  end: string;
  home?: string;
  people: SetupPersonNote[];
  terms: AgreementTerms;
  /** The agreement changed (always true for a new internship). */
  termsChanged: boolean;
  /** The speaker became the workspace's first programme admin. */
  firstAdmin: boolean;
}

/** The terms the form asks for, in one line. */
function mainTerms(t: AgreementTerms): string {
  const sync = t.syncMeeting === "none" ? "no fixed live meeting" : `a ${t.syncMeeting} live meeting`;
  return `check-in at ${t.checkIn.at} on ${t.checkIn.days} (intern's time), replies within ${t.replyWithin.supervisor} (supervisor) and ${t.replyWithin.intern} (intern) of working time, ${sync}`;
}

function unreachableLine(name: string, reason: UnreachableReason, platform: Platform): string {
  switch (reason) {
    case "not-installed":
      return platform === "teams"
        ? `Tandem cannot message ${name} yet: ask them to add the Tandem app in Teams (Apps, search Tandem, Add), or add Tandem to a team they are in.`
        : `${cap(PLATFORM_NAMES[platform])} refuses Tandem's direct messages to ${name}: ask them to allow messages from apps.`;
    case "deleted":
      return `${name}'s account is deactivated: Tandem cannot message them.`;
    case "bot":
      return `${name} is a bot: Tandem cannot message them.`;
    case "unknown-user":
      return `${cap(PLATFORM_NAMES[platform])} does not know ${name}: Tandem cannot message them.`;
  }
}

export const setupCopy = {
  formIntro(platform: Platform, home: { typedInChannel: boolean } | undefined): string {
    const names = `Names and time zones come from ${PLATFORM_NAMES[platform]}; country (for public holidays) and contact hours are proposed from each time zone and listed after you save, for each person to confirm.`;
    if (platform !== "teams") return names;
    return home?.typedInChannel
      ? `${names} The home channel is this channel.`
      : `${names} Typed here, the internship gets no home channel: type "@Tandem setup" in the team channel intern and supervisor share to make it the home.`;
  },

  refused(platform: Platform, admins: readonly string[]): string {
    const named = admins.length > 0 ? `Tandem's programme admins are ${list(admins)}. ` : "";
    return `Only ${PLATFORM_ADMINS[platform]}${platform === "teams" ? "" : " and Tandem's programme admins"} can set up internships and choose colleagues. ${named}Ask one of them to do it, or to make you a programme admin.`;
  },

  /** Teams cannot say who owns a team: the first to set up in a fresh workspace becomes its programme admin. */
  firstAdmin(): string {
    return "You are this workspace's first programme admin: from now on, only programme admins can set up internships here.";
  },

  noDirectory(platform: Platform): string {
    return `Set-up in chat needs to ask ${PLATFORM_NAMES[platform]} who people are, and this Tandem cannot: use a programme file (tandem import).`;
  },

  platformFailed(platform: Platform, detail: string): string {
    return `Tandem could not ask ${PLATFORM_NAMES[platform]} about the people and the channel, so nothing was saved: ${detail}. Try again in a minute.`;
  },

  notAnIntern(name: string): string {
    return `${name} is not an intern in any internship here; type "setup" to set up a new one.`;
  },

  unknownPerson(platform: Platform): string {
    return `${cap(PLATFORM_NAMES[platform])} does not know this person in this workspace; pick them again.`;
  },

  deletedPerson(name: string): string {
    return `${name}'s account is deactivated; pick someone else.`;
  },

  botPerson(name: string): string {
    return `${name} is a bot or app; pick a person.`;
  },

  channelNotMember(platform: Platform, name: string | undefined): string {
    const channel = name ? `#${name}` : "this channel";
    return platform === "slack"
      ? `Tandem is not a member of ${channel}: type /invite @Tandem in ${channel}, then Save again.`
      : `Tandem is not a member of ${channel}: add Tandem to it, then save again.`;
  },

  channelArchived(name: string | undefined): string {
    return `${name ? `#${name}` : "This channel"} is archived; pick a channel in use.`;
  },

  channelNotFound(platform: Platform): string {
    return platform === "slack"
      ? "Tandem cannot see this channel. For a private channel, type /invite @Tandem in it first, then Save again."
      : platform === "teams"
        ? 'Tandem is not in this channel\'s team: add Tandem to the team, then type "@Tandem setup" in the channel again.'
        : "There is no such channel; use a name like intern-kenji.";
  },

  /** A refused form in words, for platforms that cannot show errors next to fields (Teams, console). */
  problems(errors: FieldErrors, labels: Record<string, string>): string {
    const lines = Object.entries(errors).map(([field, error]) => `- ${labels[field] ?? field}: ${error}`);
    return `Nothing was saved yet; please fix:\n${lines.join("\n")}`;
  },

  saved(s: SetupSummary): string {
    const verb = s.created ? "Set up" : "Updated";
    const lines = [
      `${verb} ${s.internName}'s internship: ${formatDate(s.start)} to ${formatDate(s.end)}${s.home ? `, home channel ${s.home}` : ", no home channel"}.`,
    ];
    if (s.firstAdmin) lines.push(setupCopy.firstAdmin());
    for (const p of s.people) {
      const zone = p.zoneAssumed
        ? `time zone ${p.timezone} assumed (${PLATFORM_NAMES[s.platform]} does not say theirs yet)`
        : `time zone ${p.timezone} from ${PLATFORM_NAMES[s.platform]}`;
      const proposed = p.created
        ? `; proposed from the time zone: ${p.created.country ? `country ${p.created.country}` : "no country (so no public holidays)"} and contact hours ${p.created.contactHours}. ${p.name.split(" ")[0]} can correct them with "my country" and "my hours"`
        : "; already known to Tandem, left as they were";
      lines.push(`- ${ROLE_LABELS[p.role]}: ${p.name} (@${p.handle}), ${zone}${proposed}.`);
    }
    lines.push(
      s.termsChanged
        ? `Agreement${s.created ? "" : " (a new version, in force now)"}: ${mainTerms(s.terms)}; "agreement" shows all of it.`
        : "The agreement is unchanged.",
    );
    for (const p of s.people) {
      if (p.unreachable) lines.push(unreachableLine(p.name, p.unreachable, s.platform));
    }
    lines.push(
      `Next: "try checkin for @${s.internHandle}" sends ${s.internName.split(" ")[0]} a trial check-in now; "preview week for @${s.internHandle}" lists what Tandem will send and when.`,
    );
    return lines.join("\n");
  },

  colleaguesIntro(): string {
    return 'Interns are introduced only to colleagues in this list. Each is asked first, with their first introduction request, and can say no or type "intro optout"; anyone can join with "intro optin".';
  },

  colleaguesSaved(added: readonly string[], removed: readonly string[], total: number): string {
    if (added.length === 0 && removed.length === 0)
      return `No change: ${total} colleague${total === 1 ? "" : "s"} meet interns.`;
    const parts = [
      ...(added.length
        ? [`Added ${list(added)}: each is asked first, with their first introduction request.`]
        : []),
      ...(removed.length ? [`Removed ${list(removed)}: no more introduction requests for them.`] : []),
    ];
    return `${parts.join(" ")} ${total} colleague${total === 1 ? "" : "s"} now meet interns.`;
  },

  adminsList(platform: Platform, names: readonly string[]): string {
    const others =
      platform === "teams" ? "" : ` Besides them, ${PLATFORM_ADMINS[platform]} can set up internships.`;
    return names.length === 0
      ? `This workspace has no programme admins yet.${others} Whoever sets up an internship becomes one.`
      : `Tandem's programme admins here: ${list(names)}.${others}`;
  },

  adminUnknown(platform: Platform, typed: string): string {
    return `${cap(PLATFORM_NAMES[platform])} does not know ${typed} as a person in this workspace; mention them as ${platform === "console" ? "@key" : "@name"}.`;
  },

  adminAdded(name: string, added: boolean): string {
    return added
      ? `${name} is now a programme admin: they can set up internships and choose colleagues.`
      : `${name} already is a programme admin.`;
  },

  adminNotOne(name: string): string {
    return `${name} is not a programme admin; "admins" lists them.`;
  },

  adminLast(name: string): string {
    return `${name} is the last programme admin here, and Teams names no admins of its own: add another with "admins add @name" first.`;
  },

  adminRemoved(name: string): string {
    return `${name} is no longer a programme admin.`;
  },

  roleLabels(): Record<string, string> {
    return {
      ...ROLE_LABELS,
      coordinatorEmail: "Coordinator's e-mail",
      home: "Home channel",
      start: "First day",
      end: "Last day",
      checkinAt: "Daily check-in at",
      checkinDays: "Check-in days",
      replySupervisor: "Supervisor replies within",
      replyIntern: "Intern replies within",
      sync: "Live meeting",
      colleagues: "Colleagues",
    };
  },
};
