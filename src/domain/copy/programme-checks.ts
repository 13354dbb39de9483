/**
 * What an import says about the checks the platform could answer: the ids it does not know, people it
 * cannot message, a home channel without Tandem, people kept pending, and values taken from the
 * platform or proposed from a time zone (shown so the admin can confirm or correct them).
 */
import type { Platform } from "../types.js";

export type ChannelVerdict = "not-member" | "archived" | "not-found";
export type ReachVerdict = "unknown-user" | "deleted" | "bot" | "not-installed";

const PLATFORM_NAME: Record<Platform, string> = { slack: "Slack", teams: "Teams", console: "the playground" };

export const programmeChecksCopy = {
  unknownId: (platform: Platform, id: string) =>
    `${PLATFORM_NAME[platform]} has no member ${id} in this workspace; check the id (or give email: instead)`,
  notYetMember: (platform: Platform, email: string) =>
    `no ${PLATFORM_NAME[platform]} member has ${email} yet: kept pending (written to by e-mail meanwhile, when SMTP_URL is set), and linked when they first write to Tandem`,
  needsForPending: (field: string, email: string) =>
    `is required while nobody has ${email} on the platform (Tandem cannot ask it yet), e.g. ${field === "timezone" ? "timezone: Asia/Tokyo" : "name: Kenji Sato"}`,
  needsWithoutPlatform: (field: string, platform: Platform) =>
    `is required: Tandem could not ask ${PLATFORM_NAME[platform]} for it${field === "timezone" ? " (e.g. Europe/Brussels)" : ""}`,
  noCountryFor: (zone: string) =>
    `is required: ${zone} belongs to no country, so Tandem cannot propose one (e.g. country: BE)`,
  cannotMessage: (platform: Platform, reason: ReachVerdict) =>
    ({
      "unknown-user": `${PLATFORM_NAME[platform]} does not know this person`,
      deleted: "this account is deactivated: Tandem cannot message it",
      bot: "this is a bot or an app, not a person",
      "not-installed":
        platform === "teams"
          ? "Tandem cannot message them yet: add Tandem to a team they are in, or ask them to open a chat with Tandem once"
          : "Slack refuses direct messages from Tandem to them",
    })[reason],
  channel: (platform: Platform, verdict: ChannelVerdict, name?: string) => {
    const shown = name ? `#${name}` : "this channel";
    if (verdict === "archived") return `${shown} is archived: choose a channel people use`;
    if (verdict === "not-member") {
      return platform === "teams"
        ? `Tandem is not in ${shown}: add Tandem to the team`
        : `Tandem is not in ${shown}: type /invite @Tandem in it`;
    }
    return platform === "teams"
      ? "Tandem cannot see this channel: add Tandem to its team, or check the id"
      : "Tandem cannot see this channel: a private channel it was not invited to (type /invite @Tandem in it), or a wrong id";
  },
  fromPlatform: (platform: Platform, fields: string) => `${fields} from ${PLATFORM_NAME[platform]}`,
  linkedByEmail: (platform: Platform, email: string, id: string) =>
    `${email} is ${PLATFORM_NAME[platform]} member ${id}`,
  adminKeyAndMore: () =>
    "a key names someone in people, whose ids and email are given there: write either the key, or email: / ids: for someone not in people",
  adminNeedsId: (platform: Platform) =>
    `is required for a ${platform} workspace, so Tandem knows who this admin is; or give their email:, or the key of someone in people`,
  adminTwice: (first: string) => `is already listed as ${first}`,
  adminPending: (platform: Platform, key: string) =>
    `${key} has no ${PLATFORM_NAME[platform]} account Tandem knows yet, so is not a programme admin yet: import the file again once they have written to Tandem, or type "admins add @${key}"`,
  adminUnchecked: (platform: Platform, email: string) =>
    `${email} was not looked up (${PLATFORM_NAME[platform]} was not asked: PLATFORMS does not include it here), so nobody was made a programme admin by it; give ids.${platform} instead, or import where Tandem serves ${PLATFORM_NAME[platform]}`,
  adminNoMember: (platform: Platform, email: string) =>
    `no ${PLATFORM_NAME[platform]} member has ${email} yet, so nobody was made a programme admin by it: import the file again once their account exists`,
  adminNotAPerson: (reason: "bot" | "deleted") =>
    reason === "bot"
      ? "this is a bot or an app, not a person: not made a programme admin"
      : "this account is deactivated: not made a programme admin",
  proposed: (fields: string, zone: string) =>
    `${fields} proposed from the time zone ${zone}: correct it in the file, or the person types my country / my hours`,
};
