/**
 * Teams' published limits for bot messages, in one place. Sources: "Format your bot messages" and the
 * Bot Framework "Activity size" guidance on learn.microsoft.com (a message over about 100 KB is refused
 * with HTTP 413 `MessageSizeTooBig`; delivery is guaranteed only under about 80 KB), Teams' Adaptive
 * Card host configuration (`actions.maxActions: 6`; more are hidden in an overflow or dropped) and the
 * Adaptive Cards schema (Teams renders up to version 1.5).
 */
export const TEAMS_MESSAGE_LIMITS = {
  /** The Bot Connector refuses a message over this (counted as UTF-16) with 413 MessageSizeTooBig. */
  messageBytesRefused: 100 * 1024,
  /** Delivery is guaranteed under about 80 KB; the SDK adds from, recipient, conversation and ids. */
  messageBytesBudget: 72 * 1024,
  /** Actions Teams shows on one card. */
  cardActions: 6,
  cardVersion: "1.5",
} as const;

/**
 * An activity's size as the Bot Connector may count it: UTF-16 (two bytes a code unit), or UTF-8
 * where that is larger (three bytes for most non-Latin scripts), so neither way of counting surprises us.
 */
export function activityBytes(activity: unknown): number {
  const json = JSON.stringify(activity);
  return Math.max(json.length * 2, Buffer.byteLength(json, "utf8"));
}
