import type { Address, InboundEvent, OutboundMessage, Reply } from "../domain/messages.js";
import type { Platform } from "../domain/types.js";
import type { Route } from "./http-route.js";
import type { PlatformDirectory } from "./platform-directory.js";

export interface SendResult {
  /** The platform's id of the posted message, kept for links and threading. */
  ref?: string;
}

/** What an adapter calls for each inbound event; returns the reply to show the speaker, if any. */
export type InboundHandler = (event: InboundEvent) => Promise<Reply | undefined>;

/**
 * How far earlier attempts got with a group address, for a platform that sends each member their own
 * copy: a retry after a later member's failure must not send the earlier members theirs again.
 */
export interface GroupProgress {
  /** Members who already have their copy. */
  readonly delivered: readonly string[];
  /** Called as soon as a member has their copy, before the next member's send. */
  memberDelivered(member: string): Promise<void>;
}

/** A chat platform as the core sees it: only what every adapter really implements. */
export interface ChatPlatform {
  readonly name: Platform;
  start(handler: InboundHandler): Promise<void>;
  stop(): Promise<void>;
  /** Throws AppError with `retryable` set when the platform refused or failed. */
  send(address: Address, message: OutboundMessage, progress?: GroupProgress): Promise<SendResult>;
  /** What it serves on the shared HTTP server (webhooks, install pages); none for the console. */
  readonly routes: readonly Route[];
  /** Its people and channels (names, time zones, admins, reachability), where the adapter can tell. */
  readonly directory?: PlatformDirectory;
}
