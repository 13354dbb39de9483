import type { Address } from "./messages.js";
import type { Platform } from "./types.js";

/**
 * Addresses the core can build without knowing a platform:
 *   `<platform>:<workspace>:user:<user id>`          a direct message to a person
 *   `<platform>:<workspace>:conv:<conversation id>`   a channel or group conversation
 *   `<platform>:<workspace>:group:<user>,<user>`      a group conversation the adapter opens with these
 *                                                     people and the bot (Slack group DM, Teams group chat)
 * Adapters may also hand out addresses of their own (e.g. with a thread); only they decode those.
 */
export function userAddress(platform: Platform, workspace: string, user: string): Address {
  return `${platform}:${workspace}:user:${user}`;
}

export function conversationAddress(platform: Platform, workspace: string, conversation: string): Address {
  return `${platform}:${workspace}:conv:${conversation}`;
}

/** The same people give the same address whatever their order; duplicates count once. */
export function groupAddress(platform: Platform, workspace: string, users: readonly string[]): Address {
  const ids = [...new Set(users)].sort();
  return `${platform}:${workspace}:group:${ids.join(",")}`;
}

const MAIL_PREFIX = "email:";

/**
 * `email:<address>`: a message sent by e-mail (SMTP) rather than on a chat platform, for a person with no
 * id on their workspace's platform, or a digest its reader wants in their inbox.
 */
export function mailAddress(email: string): Address {
  return `${MAIL_PREFIX}${email.trim().toLowerCase()}`;
}

/** The e-mail address an `email:` address sends to, or undefined for a chat address. */
export function mailRecipient(address: Address): string | undefined {
  return address.startsWith(MAIL_PREFIX) ? address.slice(MAIL_PREFIX.length) : undefined;
}

export type ParsedAddress =
  | { platform: Platform; workspace: string; kind: "user" | "conv"; id: string }
  | { platform: Platform; workspace: string; kind: "group"; ids: string[] }
  | { platform: Platform; workspace: string; kind: "other"; rest: string };

export function parseAddress(address: Address): ParsedAddress | undefined {
  const [platform, workspace, kind, ...rest] = address.split(":");
  if (platform !== "slack" && platform !== "teams" && platform !== "console") return undefined;
  if (!workspace) return undefined;
  const id = rest.join(":");
  if ((kind === "user" || kind === "conv") && id) return { platform, workspace, kind, id };
  if (kind === "group") {
    const ids = id.split(",").filter((user) => user !== "");
    if (ids.length > 0) return { platform, workspace, kind, ids };
  }
  return { platform, workspace, kind: "other", rest: [kind, ...rest].join(":") };
}
