import type { Address, InboundEvent, OutboundMessage, Reply } from "../domain/messages.js";
import type { Platform } from "../domain/types.js";

export interface SendResult {
  /** The platform's id of the posted message, kept for links and threading. */
  ref?: string;
}

/** What an adapter calls for each inbound event; returns the reply to show the speaker, if any. */
export type InboundHandler = (event: InboundEvent) => Promise<Reply | undefined>;

/**
 * A chat platform as the core sees it. Optional capabilities are optional methods;
 * callers use `requireCapability` so a missing one fails with NOT_SUPPORTED.
 */
export interface ChatPlatform {
  readonly name: Platform;
  start(handler: InboundHandler): Promise<void>;
  stop(): Promise<void>;
  /** Throws AppError with `retryable` set when the platform refused or failed. */
  send(address: Address, message: OutboundMessage): Promise<SendResult>;
  /** Opens a group conversation with these users and returns its address. */
  openGroup?(workspace: string, users: string[]): Promise<Address>;
}
