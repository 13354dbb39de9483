import type { Address } from "./messages.js";
import type { Platform } from "./types.js";

/**
 * Addresses the core can build without knowing a platform:
 *   `<platform>:<workspace>:user:<user id>`          a direct message to a person
 *   `<platform>:<workspace>:conv:<conversation id>`   a channel or group conversation
 * Adapters may also hand out addresses of their own (e.g. with a thread); only they decode those.
 */
export function userAddress(platform: Platform, workspace: string, user: string): Address {
  return `${platform}:${workspace}:user:${user}`;
}

export function conversationAddress(platform: Platform, workspace: string, conversation: string): Address {
  return `${platform}:${workspace}:conv:${conversation}`;
}

export type ParsedAddress =
  | { platform: Platform; workspace: string; kind: "user" | "conv"; id: string }
  | { platform: Platform; workspace: string; kind: "other"; rest: string };

export function parseAddress(address: Address): ParsedAddress | undefined {
  const [platform, workspace, kind, ...rest] = address.split(":");
  if (platform !== "slack" && platform !== "teams" && platform !== "console") return undefined;
  if (!workspace) return undefined;
  const id = rest.join(":");
  if ((kind === "user" || kind === "conv") && id) return { platform, workspace, kind, id };
  return { platform, workspace, kind: "other", rest: [kind, ...rest].join(":") };
}
