import { conversationAddress, parseAddress } from "../../src/domain/addresses.js";
import { AppError } from "../../src/domain/errors.js";
import type { Address } from "../../src/domain/messages.js";

/** Where a Slack message goes: a channel id, a user id (Slack opens the DM), or users of a group DM. */
export type SlackTarget = { team: string; channel: string } | { team: string; users: string[] };

/** Decodes the core's addresses for Slack; anything else is a programming error, not a retry. */
export function slackTarget(address: Address): SlackTarget {
  const parsed = parseAddress(address);
  if (parsed?.platform !== "slack") throw new AppError("PLATFORM", `${address} is not a Slack address`);
  if (parsed.kind === "user" || parsed.kind === "conv") return { team: parsed.workspace, channel: parsed.id };
  if (parsed.kind === "group") return { team: parsed.workspace, users: parsed.ids };
  throw new AppError("PLATFORM", `Slack cannot deliver to ${address}`);
}

/** A channel as the core names it. */
export function slackConversation(team: string, channel: string): Address {
  return conversationAddress("slack", team, channel);
}
