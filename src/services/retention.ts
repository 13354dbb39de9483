/**
 * Retention: data older than its setting is deleted or blanked once a day, by the ticker, in batches so
 * a large backlog never holds the database for long (the rest waits for the next tick).
 */
import type { Logger } from "pino";
import { addDays } from "../domain/local-date.js";
import { localDateIn } from "../domain/zone-time.js";
import type { Store } from "../ports/store.js";

export interface RetentionPolicy {
  /** Inbound delivery ids (only needed while a platform may redeliver). */
  inboundDays: number;
  /** Payloads of sent, dead or expired outbox rows (they may carry forwarded blockers). */
  outboxDays: number;
  /** Check-ins and reflections, counted from the end of their internship. */
  answersDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { inboundDays: 30, outboxDays: 90, answersDays: 365 };

const DAY_MS = 86_400_000;
const BATCH = 500;
const BATCHES_PER_TICK = 10;

export interface Retention {
  /** Applies the policy if it has not finished today (UTC); true when nothing older is left. */
  run(now: Date): Promise<boolean>;
}

export function createRetention(deps: { store: Store; log: Logger; policy?: RetentionPolicy }): Retention {
  const policy = deps.policy ?? DEFAULT_RETENTION;
  const log = deps.log.child({ component: "retention" });
  let doneOn: string | undefined;
  return {
    async run(now) {
      const today = localDateIn("UTC", now);
      if (doneOn === today) return true;
      const { retention } = deps.store;
      const steps: [string, () => Promise<number>][] = [
        [
          "inbound ids",
          async () =>
            await retention.purgeInbound(new Date(now.getTime() - policy.inboundDays * DAY_MS), BATCH),
        ],
        [
          "outbox payloads",
          async () =>
            await retention.blankOutboxPayloads(new Date(now.getTime() - policy.outboxDays * DAY_MS), BATCH),
        ],
        [
          "check-ins and reflections",
          async () => await retention.purgeAnswers(addDays(today, -policy.answersDays), BATCH),
        ],
        [
          "expired portal sign-in links, sessions and limits",
          async () =>
            (await deps.store.portalLinks.prune(now)) +
            (await deps.store.portalSessions.prune(now)) +
            (await deps.store.portalLimits.prune(now)),
        ],
      ];
      let batches = 0;
      for (const [kind, step] of steps) {
        let removed = 0;
        for (;;) {
          if (batches >= BATCHES_PER_TICK) {
            if (removed) log.info({ kind, removed }, "retention applied (more next tick)");
            return false;
          }
          batches += 1;
          // One transaction per batch: other work gets the database between batches.
          const n = await deps.store.transaction(step);
          removed += n;
          if (n < BATCH) break;
        }
        if (removed) log.info({ kind, removed }, "retention applied");
      }
      doneOn = today;
      return true;
    },
  };
}
