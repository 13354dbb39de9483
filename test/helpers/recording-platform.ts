import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform, InboundHandler } from "../../src/ports/chat-platform.js";

export interface RecordingPlatform extends ChatPlatform {
  sent: { address: Address; message: OutboundMessage }[];
  /** Makes the next `n` sends fail (retryable unless said otherwise). */
  failNext(n: number, retryable?: boolean): void;
  /**
   * Refuses for good (AppError REFUSED, as Slack's msg_blocks_too_long or a Teams 413) every message
   * `refuses` says no to, e.g. anything over a size; undefined accepts everything again.
   */
  refuseWhen(refuses: ((message: OutboundMessage, address: Address) => boolean) | undefined): void;
  /** What was refused, in order. */
  refused: { address: Address; message: OutboundMessage }[];
  handler?: InboundHandler;
}

/** A platform that records what it was asked to send, and can be told to fail. */
export function createRecordingPlatform(name: Platform = "console"): RecordingPlatform {
  let failures = 0;
  let retryable = true;
  let refuses: ((message: OutboundMessage, address: Address) => boolean) | undefined;
  const platform: RecordingPlatform = {
    name,
    routes: [],
    sent: [],
    refused: [],
    async start(handler) {
      platform.handler = handler;
    },
    async stop() {},
    async send(address, message) {
      if (failures > 0) {
        failures -= 1;
        throw new AppError("PLATFORM", "the platform said no", { retryable });
      }
      if (refuses?.(message, address)) {
        platform.refused.push({ address, message });
        throw new AppError("REFUSED", "the platform refused the message: msg_blocks_too_long");
      }
      platform.sent.push({ address, message });
      return { ref: `ref-${platform.sent.length}` };
    },
    failNext(n, isRetryable = true) {
      failures = n;
      retryable = isRetryable;
    },
    refuseWhen(predicate) {
      refuses = predicate;
    },
  };
  return platform;
}
