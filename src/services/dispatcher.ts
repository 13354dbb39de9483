import type { Logger } from "pino";
import type { WorkingCalendar } from "../domain/calendar.js";
import { isAppError } from "../domain/errors.js";
import { platformOf } from "../domain/messages.js";
import { unreachableKeys } from "../domain/outbox-keys.js";
import type { Platform } from "../domain/types.js";
import { startOfLocalDay } from "../domain/working-days.js";
import type { ChatPlatform, GroupProgress } from "../ports/chat-platform.js";
import type { Clock } from "../ports/clock.js";
import type { OutboxItem, Store } from "../ports/store.js";
import { type Delivery, deliveryLanes, planDeliveries, type RecipientInfo } from "./delivery-policy.js";
import { calendarFor } from "./person-calendar.js";
import { refusalDrafts } from "./refusal.js";
import { unreachableReport } from "./unreachable.js";

export interface DispatchOptions {
  /** How long a claimed row stays ours; a crashed sender's rows are retried after it. */
  leaseMs: number;
  maxAttempts: number;
  batchSize: number;
  /**
   * Deliveries in flight at once. One recipient's, and one conversation's, still go one after another;
   * the platform adapter paces per channel and per workspace, so this only has to cover its waits.
   */
  concurrency: number;
  /** Delay before retry number `attempt` (1-based). */
  backoffMs(attempt: number): number;
}

export const DEFAULT_DISPATCH: DispatchOptions = {
  leaseMs: 2 * 60_000,
  maxAttempts: 8,
  batchSize: 200,
  concurrency: 32,
  backoffMs: (attempt) => Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000),
};

export interface DispatchResult {
  /** Rows delivered (a merged message delivers several). */
  sent: number;
  retried: number;
  dead: number;
  expired: number;
  /** Rows put back for contact hours or the daily budget. */
  deferred: number;
  /** Merged messages sent. */
  merged: number;
  /** Messages the platform refused for good; each is replaced by a short plain version. */
  refused: number;
}

export interface Dispatcher {
  /** Sends what is due at `now` until nothing ready is left. */
  dispatch(now: Date): Promise<DispatchResult>;
}

type Recipient = { calendar: WorkingCalendar; budget: number } | null;

/**
 * Runs up to `limit` lanes at once, each lane's deliveries in order. When one throws (a database
 * error), the others still finish what they hold; the first error is rethrown once all have settled.
 */
async function inLanes(
  lanes: readonly Delivery[][],
  limit: number,
  send: (delivery: Delivery) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < lanes.length) {
      const lane = lanes[next++]!;
      for (const delivery of lane) await send(delivery);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, lanes.length)) }, worker);
  const failed = (await Promise.allSettled(workers)).find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
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

  /** People and calendars for this pass; counts are read per batch since sends change them. */
  function recipientsOf(batch: OutboxItem[], now: Date, cache: Map<number, Recipient>) {
    const infos = new Map<number, RecipientInfo>();
    for (const item of batch) {
      const id = item.recipientId;
      if (id === undefined || infos.has(id)) continue;
      if (!cache.has(id)) cache.set(id, loadRecipient(item.workspaceId, id));
      const recipient = cache.get(id);
      if (!recipient) continue;
      const sentToday = store.outbox.sentTo(id, startOfLocalDay(recipient.calendar, now));
      infos.set(id, { ...recipient, sentToday });
    }
    return infos;
  }

  function loadRecipient(workspaceId: number, id: number): Recipient {
    const person = store.people.get(workspaceId, id);
    if (!person) {
      log.debug({ recipientId: id }, "recipient no longer exists; sending without contact-hour checks");
      return null;
    }
    try {
      return { calendar: calendarFor(store, person), budget: person.dailyBudget };
    } catch (error) {
      log.error(
        { err: error, recipientId: id, person: person.key },
        "cannot build this person's calendar; sending ungated until their time zone, country or contact hours are fixed",
      );
      return null;
    }
  }

  function fail(item: OutboxItem, error: unknown, now: Date, result: DispatchResult): void {
    const context = { outboxId: item.id, key: item.key, attempt: item.attempts };
    const message = error instanceof Error ? error.message : String(error);
    const retryable = isAppError(error) ? error.retryable : true;
    if (retryable && item.attempts < options.maxAttempts) {
      // The platform's own Retry-After wins when it asks for longer than our backoff.
      const wait = Math.max(
        options.backoffMs(item.attempts),
        isAppError(error) ? (error.retryAfterMs ?? 0) : 0,
      );
      const at = new Date(now.getTime() + wait);
      store.outbox.markRetry(item.id, message, at);
      result.retried += 1;
      log.warn({ ...context, err: error, retryAt: at.toISOString() }, "send failed; will retry");
    } else {
      store.outbox.markDead(item.id, message);
      result.dead += 1;
      log.error({ ...context, err: error }, "send failed for good; message dead-lettered");
      // Never report about a report: that could go round in circles.
      if (
        isAppError(error) &&
        error.code === "UNREACHABLE" &&
        item.recipientId !== undefined &&
        !unreachableKeys.isReport(item.key)
      ) {
        const report = unreachableReport(store, item.workspaceId, item.recipientId, now);
        if (report) store.outbox.enqueue(report, now);
      }
    }
  }

  /** A member has the delivery's message only when every row in it reached them. */
  function groupProgress(items: readonly OutboxItem[]): GroupProgress {
    const [first, ...rest] = items;
    const delivered = (first?.deliveredTo ?? []).filter((member) =>
      rest.every((item) => item.deliveredTo?.includes(member)),
    );
    return {
      delivered,
      memberDelivered: (member) =>
        store.transaction(() => {
          for (const item of items) store.outbox.markDelivered(item.id, member);
        }),
    };
  }

  /**
   * The platform refused the message itself: retrying cannot help, and dropping it would be silent.
   * Every row it carried is dead-lettered, and a short plain version (plus a notice to the recipient's
   * contact, once) is queued in the same transaction; this pass goes on to send it.
   */
  function refuse(delivery: Delivery, error: unknown, now: Date, result: DispatchResult): void {
    const { items } = delivery;
    const message = error instanceof Error ? error.message : String(error);
    const drafts = refusalDrafts(store, items, now);
    store.transaction(() => {
      for (const item of items) store.outbox.markDead(item.id, message);
      for (const draft of drafts) store.outbox.enqueue(draft, now);
    });
    result.dead += items.length;
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

  async function deliver(delivery: Delivery, now: Date, result: DispatchResult): Promise<void> {
    const { items, address, merged } = delivery;
    const first = items[0]!;
    const context = merged
      ? { outboxIds: items.map((i) => i.id), keys: items.map((i) => i.key) }
      : { outboxId: first.id, key: first.key, attempt: first.attempts };
    const name = platformOf(address);
    const platform = name && deps.platforms.get(name);
    if (!platform) {
      const why = `no configured platform can deliver to ${address.split(":")[0]}`;
      for (const item of items) store.outbox.markDead(item.id, why);
      result.dead += items.length;
      log.error({ ...context, address }, "no platform for this address; add it to PLATFORMS");
      return;
    }
    let ref: string | undefined;
    try {
      ref = (await platform.send(address, delivery.message, groupProgress(items))).ref;
    } catch (error) {
      if (isAppError(error) && error.code === "REFUSED") refuse(delivery, error, now, result);
      else for (const item of items) fail(item, error, now, result);
      return;
    }
    // One shared ref makes sentTo count the merged message once, even when the platform gave none.
    if (merged) ref ??= `merged:${first.id}`;
    const at = deps.clock.now();
    store.transaction(() => {
      for (const item of items) store.outbox.markSent(item.id, at, ref);
    });
    result.sent += items.length;
    if (merged) {
      result.merged += 1;
      log.info(
        { ...context, recipientId: merged.recipientId, count: items.length, budget: merged.budget },
        "merged messages into one to stay under the daily budget",
      );
    } else {
      log.debug(context, "message sent");
    }
  }

  async function dispatchBatch(
    batch: OutboxItem[],
    now: Date,
    cache: Map<number, Recipient>,
    result: DispatchResult,
  ) {
    const plan = planDeliveries(batch, recipientsOf(batch, now, cache), now);
    for (const item of plan.expire) {
      store.outbox.markExpired(item.id);
      result.expired += 1;
      log.warn(
        { outboxId: item.id, key: item.key, attempt: item.attempts },
        "message expired before it could be sent",
      );
    }
    for (const { recipientId, error } of plan.ungated) {
      log.error(
        { err: error, recipientId },
        "no working time found for this person; sending without contact-hour checks",
      );
    }
    for (const { item, until, why } of plan.defer) {
      store.outbox.defer(item.id, until);
      result.deferred += 1;
      const expiresFirst = item.expiresAt !== undefined && until.getTime() > item.expiresAt.getTime();
      log.debug(
        {
          outboxId: item.id,
          key: item.key,
          recipientId: item.recipientId,
          until: until.toISOString(),
          why,
          expiresFirst,
        },
        expiresFirst ? "message held back; its window closes before then" : "message held back",
      );
    }
    await inLanes(deliveryLanes(plan.send), options.concurrency, (delivery) =>
      deliver(delivery, now, result),
    );
  }

  return {
    async dispatch(now) {
      const result: DispatchResult = {
        sent: 0,
        retried: 0,
        dead: 0,
        expired: 0,
        deferred: 0,
        merged: 0,
        refused: 0,
      };
      const cache = new Map<number, Recipient>();
      for (;;) {
        const batch = store.outbox.claim(now, options.leaseMs, options.batchSize);
        if (batch.length === 0) break;
        const refused = result.refused;
        await dispatchBatch(batch, now, cache, result);
        // A refusal queued short versions that are ready now: one more claim picks them up.
        if (batch.length < options.batchSize && result.refused === refused) break;
      }
      return result;
    },
  };
}
