/**
 * What the dispatcher does when a send fails: retry with backoff (the platform's Retry-After wins),
 * dead-letter after the last attempt or at once for what cannot succeed, report an unreachable person
 * once, and replace a message the platform refused for good with a short plain version.
 */
import type { Logger } from "pino";
import { isAppError } from "../domain/errors.js";
import { unreachableKeys } from "../domain/outbox-keys.js";
import type { OutboxItem, Store } from "../ports/store.js";
import type { Delivery } from "./delivery-policy.js";
import type { DeliveryStats } from "./delivery-stats.js";
import { refusalDrafts } from "./refusal.js";
import { unreachableReport } from "./unreachable.js";

/** The dispatcher's counters that failures change. */
type Counts = { retried: number; dead: number; refused: number };

export interface DeliveryFailures {
  deadLetter(items: readonly OutboxItem[], why: string, now: Date, result: Counts): Promise<void>;
  fail(
    item: OutboxItem,
    error: unknown,
    now: Date,
    result: Counts,
    awaited?: boolean,
  ): Promise<Date | undefined>;
  refuse(delivery: Delivery, error: unknown, now: Date, result: Counts): Promise<void>;
}

export function createDeliveryFailures(deps: {
  store: Store;
  log: Logger;
  stats: DeliveryStats;
  options: { maxAttempts: number; backoffMs(attempt: number): number };
  /** Messages queued that are ready at once (a report, a short version), so the pass claims again. */
  queued(count: number): void;
}): DeliveryFailures {
  const { store, log, stats, options, queued } = deps;

  /** Rows that will never be sent, with why; counted for the result and for health. */
  async function deadLetter(
    items: readonly OutboxItem[],
    why: string,
    now: Date,
    result: Counts,
  ): Promise<void> {
    await store.transaction(async () => {
      for (const item of items) await store.outbox.markDead(item.id, why);
    });
    result.dead += items.length;
    stats.record("dead", items.length, now);
  }

  /**
   * Returns when the row will be tried again, or undefined when it was dead-lettered. `awaited`: someone
   * waits for this message (a reply), so its first retry comes when the platform's Retry-After says.
   */
  async function fail(
    item: OutboxItem,
    error: unknown,
    now: Date,
    result: Counts,
    awaited = false,
  ): Promise<Date | undefined> {
    const context = { outboxId: item.id, key: item.key, attempt: item.attempts };
    const message = error instanceof Error ? error.message : String(error);
    const retryable = isAppError(error) ? error.retryable : true;
    if (retryable && item.attempts < options.maxAttempts) {
      // The platform's own Retry-After wins when it asks for longer than our backoff.
      const retryAfter = isAppError(error) ? error.retryAfterMs : undefined;
      const wait =
        awaited && item.attempts === 1 && retryAfter !== undefined
          ? retryAfter
          : Math.max(options.backoffMs(item.attempts), retryAfter ?? 0);
      const at = new Date(now.getTime() + wait);
      await store.outbox.markRetry(item.id, message, at);
      result.retried += 1;
      log.warn({ ...context, err: error, retryAt: at.toISOString() }, "send failed; will retry");
      return at;
    }
    await deadLetter([item], message, now, result);
    log.error({ ...context, err: error }, "send failed for good; message dead-lettered");
    // Never report about a report: that could go round in circles.
    if (isAppError(error) && error.code === "UNREACHABLE" && !unreachableKeys.isReport(item.key)) {
      const reports = await unreachableReport(store, item, now);
      if (reports.length === 0) log.warn(context, "nobody to tell that this recipient cannot be reached");
      for (const report of reports) if (await store.outbox.enqueue(report, now)) queued(1);
    }
    return undefined;
  }

  /**
   * The platform refused the message itself: retrying cannot help, and dropping it would be silent.
   * Every row it carried is dead-lettered, and a short plain version (plus a notice to the recipient's
   * contact, once) is queued in the same transaction; this pass goes on to send it.
   */
  async function refuse(delivery: Delivery, error: unknown, now: Date, result: Counts): Promise<void> {
    const { items } = delivery;
    const message = error instanceof Error ? error.message : String(error);
    const drafts = await refusalDrafts(store, items, now);
    await store.transaction(async () => {
      await deadLetter(items, message, now, result);
      for (const draft of drafts) await store.outbox.enqueue(draft, now);
    });
    queued(drafts.length);
    result.refused += 1;
    log.error(
      {
        err: error,
        outboxIds: items.map((i) => i.id),
        keys: items.map((i) => i.key),
        recipientId: items[0]?.recipientId,
        fallback: drafts[0]?.key,
      },
      drafts.length > 0
        ? "the platform refused this message for good; a short plain version is sent instead"
        : "the platform refused this message for good; it was already a short version, so nothing else is sent",
    );
  }

  return { deadLetter, fail, refuse };
}
