import type { Address, InboundEvent, OutboundMessage, Reply } from "../domain/messages.js";
import type { Platform } from "../domain/types.js";
import type { Route } from "./http-route.js";

export interface SendResult {
  /** The platform's id of the posted message, kept for links and threading. */
  ref?: string;
}

/** What an adapter calls for each inbound event; returns the reply to show the speaker, if any. */
export type InboundHandler = (event: InboundEvent) => Promise<Reply | undefined>;

/** A chat platform as the core sees it: only what every adapter really implements. */
export interface ChatPlatform {
  readonly name: Platform;
  start(handler: InboundHandler): Promise<void>;
  stop(): Promise<void>;
  /** Throws AppError with `retryable` set when the platform refused or failed. */
  send(address: Address, message: OutboundMessage): Promise<SendResult>;
  /** What it serves on the shared HTTP server (webhooks, install pages); none for the console. */
  readonly routes: readonly Route[];
}
