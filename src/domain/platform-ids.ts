/**
 * The shapes of the ids a programme file gives for people and channels, checked before anything is
 * imported, with where to find the right one: an e-mail in `ids.slack` or `#intern-kenji` as a home
 * channel is refused with what to write instead.
 */
import type { Platform } from "./types.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Slack member ids: U… (W… on Enterprise Grid), upper-case letters and digits. */
const SLACK_USER = /^[UW][A-Z0-9]{1,20}$/;
/** Slack channel ids: C… public, G… older private channels and group DMs. */
const SLACK_CHANNEL = /^[CG][A-Z0-9]{1,20}$/;
/** A Teams channel's conversation id, e.g. 19:abc…@thread.tacv2. */
const TEAMS_CHANNEL = /^19:[^\s@]+@thread\.[a-z0-9]+$/;

const FIND_SLACK_USER = "in Slack, open their profile, click ⋮ (More) and Copy member ID (it starts with U)";
const FIND_SLACK_CHANNEL =
  "in Slack, open the channel, click its name: the channel ID (it starts with C) is at the bottom of the About tab";
const FIND_TEAMS_USER =
  "the Microsoft Entra object id (a GUID), from the Entra admin center, Users, the person, Object ID";
const FIND_TEAMS_CHANNEL =
  "in Teams, click ⋯ next to the channel, Get link to channel: the id is the 19:…@thread.tacv2 part of the link";

export const isEmail = (text: string): boolean => EMAIL.test(text.trim());

/** What is wrong with a person's id on a platform, or undefined when it has the right shape. */
export function userIdProblem(platform: Platform, id: string): string | undefined {
  const value = id.trim();
  const asEmail = isEmail(value)
    ? `"${value}" is an e-mail address; write it as email: ${value}, or give `
    : "";
  if (platform === "slack") {
    if (SLACK_USER.test(value)) return undefined;
    if (asEmail) return `${asEmail}the member ID: ${FIND_SLACK_USER}`;
    if (/^[@<]/.test(value))
      return `"${value}" is a mention or a display name; Tandem needs the member ID: ${FIND_SLACK_USER}`;
    return `"${value}" is not a Slack member ID (U or W, then capital letters and digits): ${FIND_SLACK_USER}`;
  }
  if (platform === "teams") {
    if (asEmail) return `${asEmail}${FIND_TEAMS_USER}`;
    if (value.startsWith("29:"))
      return `"${value}" is a Teams chat id, which differs per app; Tandem needs ${FIND_TEAMS_USER}`;
    if (/\s|^@/.test(value)) return `"${value}" looks like a name; Tandem needs ${FIND_TEAMS_USER}`;
    return undefined;
  }
  return undefined;
}

/** What is wrong with a channel id on a platform, or undefined when it has the right shape. */
export function channelIdProblem(platform: Platform, id: string): string | undefined {
  const value = id.trim();
  const named = value.startsWith("#") ? `"${value}" is a channel name; Tandem needs the channel's id: ` : "";
  if (platform === "slack") {
    if (SLACK_CHANNEL.test(value)) return undefined;
    return named
      ? `${named}${FIND_SLACK_CHANNEL}`
      : `"${value}" is not a Slack channel ID (C or G, then capital letters and digits): ${FIND_SLACK_CHANNEL}`;
  }
  if (platform === "teams") {
    if (TEAMS_CHANNEL.test(value)) return undefined;
    return `${named || `"${value}" is not a Teams channel id: `}${FIND_TEAMS_CHANNEL}`;
  }
  return undefined;
}
