import type { Logger } from "pino";
import { mailRecipient } from "../domain/addresses.js";
import { isAppError } from "../domain/errors.js";
import { platformOf } from "../domain/messages.js";
import { checkinKeys } from "../domain/outbox-keys.js";
import type { Platform } from "../domain/types.js";
import type { ChatPlatform, GroupProgress } from "../ports/chat-platform.js";
import type { Clock } from "../ports/clock.js";
import type { MailSender } from "../ports/mail-sender.js";
import type { OutboxItem, Store } from "../ports/store.js";
import { createDeliveryFailures } from "./delivery-failures.js";
import { type Delivery, deliveryLanes, planDeliveries } from "./delivery-policy.js";
import { createDeliveryStats, type DeliveryStats } from "./delivery-stats.js";
import { inLanes, type LaneStep } from "./dispatch-lanes.js";
import { createRecipientReader, newPassCache, type PassCache } from "./dispatch-recipients.js";
import { createLeaseTimers } from "./lease-timers.js";
import { createMailDelivery } from "./mail-delivery.js";
import type { WakeupKind } from "./rules/wakeup-rule.js";
import { createSendingLeases } from "./sending-leases.js";
import { createWorkspaceOutages, type WorkspaceOutages } from "./workspace-outages.js";

export interface DispatchOptions {
  /** How long a claimed row stays ours; a crashed sender's rows are retried after it. */
  leaseMs: number;
  /** How long a workspace's sending lease lasts unless renewed (see sending-leases.ts): above a tick. */
  sendLeaseMs: number;
  maxAttempts: number;
  batchSize: number;
  /**
   * Deliveries in flight at once. One recipient's, and one conversation's, still go one after another;
   * the platform adapter paces per channel and per workspace, so this only has to cover its waits.
   */
  concurrency: number;
  /** Delay before retry number `attempt` (1-based). */
  backoffMs(attempt: number): number;
  /**
   * A pass starts no new delivery after this long (what is left waits for the next tick), so a hung
   * platform cannot hold the ticker for minutes. Below the metronome's minute.
   */
  passMs: number;
  /** Milliseconds elapsed, for `passMs` only (a duration, not the time of day the Clock gives). */
  elapsed(): number;
}

export const DEFAULT_DISPATCH: DispatchOptions = {
  leaseMs: 2 * 60_000,
  sendLeaseMs: 90_000,
  maxAttempts: 8,
  batchSize: 200,
  concurrency: 32,
  backoffMs: (attempt) => Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000),
  passMs: 40_000,
  elapsed: () => performance.now(),
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
  /** Rows waiting because their workspace is paused (the platform refused Tandem there). */
  paused: number;
  /** Rows put back unsent: their lane gave up after a failure, or the pass ran out of time. */
  putBack: number;
}

export interface Dispatcher {
  /** Sends what is due at `now` until nothing ready is left, or the pass's time is up. */
  dispatch(now: Date): Promise<DispatchResult>;
  /**
   * Sends one queued row now, outside the passes (a reply to someone who just wrote): it does not wait
   * for a tick, nor for this replica to hold the workspace's sending lease. A failure is retried like any
   * row (soon ones from here at once); an error is logged, and the row waits for a pass.
   */
  sendNow(workspaceId: number, key: string): void;
  /**
   * Announces this replica every third of a sending lease until stop(), however long a planning pass
   * keeps its passes waiting: it is counted among the replicas that send (see sending-leases.ts). For a
   * replica whose passes run on a metronome; a pass announces it too.
   */
  announce(): void;
  /** Starts no new delivery from now on (shutdown); deliveries in flight finish. */
  stop(): void;
  /**
   * After stop() and the last pass: waits for the rows sent at once, then hands back this replica's
   * sending leases and heartbeat, so the other replicas take its workspaces over at once.
   */
  close(): Promise<void>;
  /** Workspaces whose sends are paused, for health. */
  readonly outages: WorkspaceOutages;
  /** Sent and dead-lettered over the last hour, for health. */
  readonly stats: DeliveryStats;
}

const CHECKIN_KIND = ["checkin"] as const satisfies readonly WakeupKind[];
/** A row sent at once that must wait less than this (a 429's Retry-After) is tried again from here. */
const RETRY_SOON_MS = 60_000;

const noResult = (): DispatchResult => ({
  sent: 0,
  retried: 0,
  dead: 0,
  expired: 0,
  deferred: 0,
  merged: 0,
  refused: 0,
  paused: 0,
  putBack: 0,
});

export function createDispatcher(deps: {
  store: Store;
  platforms: ReadonlyMap<Platform, ChatPlatform>;
  /** E-mail delivery for `email:` addresses; without it (no SMTP_URL) they are dead-lettered, with why. */
  mail?: MailSender;
  clock: Clock;
  log: Logger;
  options?: Partial<DispatchOptions>;
  outages?: WorkspaceOutages;
  /** This replica's name for sending leases; every process on one SQLite file may share one. */
  replica?: string;
}): Dispatcher {
  const options = { ...DEFAULT_DISPATCH, ...deps.options };
  const log = deps.log.child({ component: "dispatcher" });
  const { store } = deps;
  const outages = deps.outages ?? createWorkspaceOutages({ log: deps.log });
  const sending = createSendingLeases(store, deps.replica ?? "local", options.sendLeaseMs, deps.clock);
  const leaseTimers = createLeaseTimers(sending, options.sendLeaseMs, log);
  let stopping = false;
  /** Reports and short versions queued during this process's passes: ready at once, so claimed again. */
  let followUps = 0;
  const stats = createDeliveryStats();
  const recipientsOf = createRecipientReader(store, log);
  const failures = createDeliveryFailures({
    store,
    log,
    stats,
    options,
    queued: (count) => {
      followUps += count;
    },
  });
  const { deadLetter, fail, refuse } = failures;
  const mail = createMailDelivery({ store, log, stats, clock: deps.clock, failures, sender: deps.mail });

  /** Rows put back while their workspace is paused; they are sent as soon as it resumes. */
  async function hold(items: readonly OutboxItem[], until: Date): Promise<void> {
    await putBack(items, until);
    outages.hold(
      items[0]!.workspaceId,
      items.map((item) => item.id),
    );
  }
  async function resume(workspaceId: number, now: Date): Promise<void> {
    const held = outages.resume(workspaceId);
    if (!held) return;
    await store.transaction(async () => {
      for (const id of held) await store.outbox.readyAt(id, now);
    });
    followUps += held.length;
  }

  /** Rows that wait unsent, their attempt not counted: a paused workspace, or a lane given up. */
  async function putBack(items: readonly OutboxItem[], until: Date): Promise<void> {
    await store.transaction(async () => {
      for (const item of items) await store.outbox.defer(item.id, until);
    });
  }

  /** A member has the delivery's message only when every row in it reached them. */
  function groupProgress(items: readonly OutboxItem[]): GroupProgress {
    const [first, ...rest] = items;
    const delivered = (first?.deliveredTo ?? []).filter((member) =>
      rest.every((item) => item.deliveredTo?.includes(member)),
    );
    return {
      delivered,
      memberDelivered: async (member) =>
        await store.transaction(async () => {
          for (const item of items) await store.outbox.markDelivered(item.id, member);
        }),
    };
  }

  /**
   * `leased`: sent by a pass, which sends only for the workspaces whose sending lease it holds. A row sent
   * at once is claimed by itself and needs no lease.
   */
  async function deliver(
    delivery: Delivery,
    now: Date,
    result: DispatchResult,
    leased = true,
  ): Promise<LaneStep> {
    const { items, merged } = delivery;
    let { address } = delivery;
    const first = items[0]!;
    const context = merged
      ? { outboxIds: items.map((i) => i.id), keys: items.map((i) => i.key) }
      : { outboxId: first.id, key: first.key, attempt: first.attempts };
    if (mailRecipient(address) !== undefined) {
      // Queued for e-mail before the person had a chat account: now that they have one, it goes there.
      const chat = await mail.chatAddressNow(first);
      if (chat) address = chat;
      else {
        if (leased && !sending.holds(first.workspaceId)) return undefined;
        return await mail.deliver(delivery, now, result, context);
      }
    }
    const name = platformOf(address);
    const platform = name && deps.platforms.get(name);
    if (!platform) {
      const why = `no configured platform can deliver to ${address.split(":")[0]}`;
      await deadLetter(items, why, now, result);
      log.error({ ...context, address }, "no platform for this address; add it to PLATFORMS");
      return undefined;
    }
    // The workspace's sending lease was found taken during this pass (a renewal came too late on a busy
    // database): its rows are the new holder's, so this replica neither sends nor writes them any more.
    if (leased && !sending.holds(first.workspaceId)) return undefined;
    const held = outages.holdUntil(first.workspaceId, now);
    if (held) {
      await hold(items, held);
      result.paused += items.length;
      return { giveUpUntil: held };
    }
    let ref: string | undefined;
    try {
      ref = (await platform.send(address, delivery.message, groupProgress(items))).ref;
    } catch (error) {
      if (isAppError(error) && error.code === "OUTAGE") {
        const until = outages.pause(first.workspaceId, error.message, now);
        await hold(items, until);
        result.paused += items.length;
        return { giveUpUntil: until };
      }
      if (isAppError(error) && error.code === "REFUSED") {
        await refuse(delivery, error, now, result);
        return undefined;
      }
      let retryAt: Date | undefined;
      for (const item of items) retryAt = (await fail(item, error, now, result, !leased)) ?? retryAt;
      return retryAt && { giveUpUntil: retryAt };
    }
    await resume(first.workspaceId, now);
    // One shared ref makes sentTo count the merged message once, even when the platform gave none.
    if (merged) ref ??= `merged:${first.id}`;
    const at = deps.clock.now();
    const markSent = async () => {
      for (const item of items) await store.outbox.markSent(item.id, at, ref);
    };
    // One row is one statement, atomic alone: on PostgreSQL a transaction around it was two more round trips.
    await (items.length === 1 ? markSent() : store.transaction(markSent));
    result.sent += items.length;
    stats.record("sent", items.length, at);
    if (merged) {
      result.merged += 1;
      log.info(
        { ...context, recipientId: merged.recipientId, count: items.length, budget: merged.budget },
        "merged messages into one to stay under the daily budget",
      );
    } else {
      log.debug(context, "message sent");
    }
    return undefined;
  }

  /**
   * The check-in rule waits for its prompt to be sent (or to expire or fail): it looks again at the next
   * tick, as it would if it polled, without re-examining every waiting prompt every minute.
   */
  async function wakeCheckins(batch: readonly OutboxItem[], now: Date): Promise<void> {
    const prompts = batch.flatMap((item) => {
      const internshipId = checkinKeys.promptInternship(item.key);
      return internshipId === undefined ? [] : [{ workspaceId: item.workspaceId, internshipId }];
    });
    // One statement for the batch (it was one per prompt, in a transaction of their own).
    if (prompts.length > 0) await store.wakeups.touchEach(prompts, CHECKIN_KIND, now);
  }

  async function dispatchBatch(
    batch: OutboxItem[],
    now: Date,
    cache: PassCache,
    result: DispatchResult,
    overdue: () => boolean,
  ) {
    const plan = planDeliveries(batch, await recipientsOf(batch, now, cache), now);
    for (const item of plan.expire) {
      await store.outbox.markExpired(item.id);
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
      await store.outbox.defer(item.id, until);
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
    await inLanes(
      deliveryLanes(plan.send),
      options.concurrency,
      async (delivery) => await deliver(delivery, now, result),
      async (deliveries, until) => {
        const items = deliveries.flatMap((d) => d.items);
        if (items.length === 0) return;
        await putBack(items, until ?? now);
        result.putBack += items.length;
      },
      overdue,
    );
    await wakeCheckins(batch, now);
  }

  let heartbeat: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  const retryTimers = new Set<NodeJS.Timeout>();

  /** `at`: a retry's own time, so a timer that fires a little early (or a test's clock) still finds it ready. */
  async function sendOne(workspaceId: number, key: string, at?: Date): Promise<void> {
    const now = new Date(Math.max(deps.clock.now().getTime(), at?.getTime() ?? 0));
    const item = await store.outbox.claimKey(workspaceId, key, now, options.leaseMs);
    if (!item) return;
    const delivery = { items: [item], address: item.address, message: item.payload };
    const retryAt = (await deliver(delivery, now, noResult(), false))?.giveUpUntil;
    const wait = retryAt && retryAt.getTime() - deps.clock.now().getTime();
    if (!retryAt || wait === undefined || wait > RETRY_SOON_MS || stopping) return;
    const timer = setTimeout(
      () => {
        retryTimers.delete(timer);
        sendNow(workspaceId, key, retryAt);
      },
      Math.max(wait, 0),
    );
    timer.unref();
    retryTimers.add(timer);
  }

  function sendNow(workspaceId: number, key: string, at?: Date): void {
    if (stopping) return;
    const sending = sendOne(workspaceId, key, at).catch((error: unknown) =>
      log.warn({ err: error, workspaceId, key }, "could not send this message at once; a pass sends it"),
    );
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  return {
    sendNow: (workspaceId, key) => sendNow(workspaceId, key),
    announce() {
      if (!stopping) heartbeat ??= leaseTimers.startHeartbeat();
    },
    async dispatch(now) {
      const result = noResult();
      const cache = newPassCache();
      const deadline = options.elapsed() + options.passMs;
      const overdue = () => stopping || options.elapsed() > deadline;
      const stopKeeping = leaseTimers.keepDuringPass();
      try {
        while (!overdue()) {
          const mine = await sending.take(now);
          if (mine.length === 0) break;
          const batch = await store.outbox.claim(now, options.leaseMs, options.batchSize, mine);
          if (batch.length === 0) break;
          const queued = followUps;
          await dispatchBatch(batch, now, cache, result, overdue);
          // A refusal or an unreachable recipient queued messages that are ready now: one more claim sends them.
          if (batch.length < options.batchSize && followUps === queued) break;
        }
      } finally {
        await stopKeeping();
      }
      await sending.settle(now);
      if (result.putBack > 0 && overdue()) {
        log.warn(
          { putBack: result.putBack, passMs: options.passMs, stopping },
          stopping
            ? "stopping: messages not yet started go back to the queue"
            : "this pass ran out of time; the rest waits for the next tick",
        );
      }
      return result;
    },
    stop() {
      stopping = true;
      clearInterval(heartbeat);
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
    },
    async close() {
      stopping = true;
      await Promise.all([...inFlight]);
      await sending.leave();
    },
    outages,
    stats,
  };
}
