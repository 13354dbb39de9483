import type { Logger } from "pino";
import { isAppError } from "../domain/errors.js";
import { platformOf } from "../domain/messages.js";
import type { Platform } from "../domain/types.js";
import type { ChatPlatform } from "../ports/chat-platform.js";
import type { Clock } from "../ports/clock.js";
import type { OutboxItem, Store } from "../ports/store.js";

export interface DispatchOptions {
  /** How long a claimed row stays ours; a crashed sender's rows are retried after it. */
  leaseMs: number;
  maxAttempts: number;
  batchSize: number;
  /** Delay before retry number `attempt` (1-based). */
  backoffMs(attempt: number): number;
}

export const DEFAULT_DISPATCH: DispatchOptions = {
  leaseMs: 2 * 60_000,
  maxAttempts: 8,
  batchSize: 200,
  backoffMs: (attempt) => Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000),
};

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
  expired: number;
}

export interface Dispatcher {
  /** Sends what is due at `now` until nothing ready is left. */
  dispatch(now: Date): Promise<DispatchResult>;
}

export function createDispatcher(deps: {
  store: Store;
  platforms: ReadonlyMap<Platform, ChatPlatform>;
  clock: Clock;
  log: Logger;
  options?: Partial<DispatchOptions>;
}): Dispatcher {
  const options = { ...DEFAULT_DISPATCH, ...deps.options };
  const log = deps.log.child({ component: "dispatcher" });
  const { store } = deps;

  async function deliver(item: OutboxItem, now: Date, result: DispatchResult): Promise<void> {
    const context = { outboxId: item.id, key: item.key, attempt: item.attempts };
    if (item.expiresAt && now.getTime() > item.expiresAt.getTime()) {
      store.outbox.markExpired(item.id);
      result.expired += 1;
      log.warn(context, "message expired before it could be sent");
      return;
    }
    const name = platformOf(item.address);
    const platform = name && deps.platforms.get(name);
    if (!platform) {
      store.outbox.markDead(item.id, `no configured platform can deliver to ${item.address.split(":")[0]}`);
      result.dead += 1;
      log.error({ ...context, address: item.address }, "no platform for this address; add it to PLATFORMS");
      return;
    }
    try {
      const sent = await platform.send(item.address, item.payload);
      store.outbox.markSent(item.id, deps.clock.now(), sent.ref);
      result.sent += 1;
      log.debug(context, "message sent");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = isAppError(error) ? error.retryable : true;
      if (retryable && item.attempts < options.maxAttempts) {
        const at = new Date(now.getTime() + options.backoffMs(item.attempts));
        store.outbox.markRetry(item.id, message, at);
        result.retried += 1;
        log.warn({ ...context, err: error, retryAt: at.toISOString() }, "send failed; will retry");
      } else {
        store.outbox.markDead(item.id, message);
        result.dead += 1;
        log.error({ ...context, err: error }, "send failed for good; message dead-lettered");
      }
    }
  }

  return {
    async dispatch(now) {
      const result: DispatchResult = { sent: 0, retried: 0, dead: 0, expired: 0 };
      for (;;) {
        const batch = store.outbox.claim(now, options.leaseMs, options.batchSize);
        if (batch.length === 0) break;
        for (const item of batch) await deliver(item, now, result);
        if (batch.length < options.batchSize) break;
      }
      return result;
    },
  };
}
