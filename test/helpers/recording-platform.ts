import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform, InboundHandler } from "../../src/ports/chat-platform.js";

export interface RecordingPlatform extends ChatPlatform {
  sent: { address: Address; message: OutboundMessage }[];
  /** Makes the next `n` sends fail (retryable unless said otherwise). */
  failNext(n: number, retryable?: boolean): void;
  handler?: InboundHandler;
}

/** A platform that records what it was asked to send, and can be told to fail. */
export function createRecordingPlatform(name: Platform = "console"): RecordingPlatform {
  let failures = 0;
  let retryable = true;
  const platform: RecordingPlatform = {
    name,
    routes: [],
    sent: [],
    async start(handler) {
      platform.handler = handler;
    },
    async stop() {},
    async send(address, message) {
      if (failures > 0) {
        failures -= 1;
        throw new AppError("PLATFORM", "the platform said no", { retryable });
      }
      platform.sent.push({ address, message });
      return { ref: `ref-${platform.sent.length}` };
    },
    failNext(n, isRetryable = true) {
      failures = n;
      retryable = isRetryable;
    },
  };
  return platform;
}
