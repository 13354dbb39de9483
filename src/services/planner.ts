import type { Logger } from "pino";
import type { OutboxDraft, Store } from "../ports/store.js";

/** One kind of due work (check-ins, reply alerts, ...): what should be in the outbox at `now`. */
export interface PlanRule {
  readonly name: string;
  /**
   * What is due at `now`. A rule may queue drafts itself through `enqueue` as it goes, in the same
   * transaction, and return the rest: the wake-up rules do, so the drafts of a fan-out of 10,000 check-ins
   * are never all in memory at once.
   */
  plan(now: Date, enqueue: (draft: OutboxDraft) => Promise<void>): Promise<OutboxDraft[]>;
}

export interface PlanResult {
  enqueued: number;
  byRule: Record<string, number>;
  failedRules: string[];
}

export interface Planner {
  tick(now: Date): Promise<PlanResult>;
}

/**
 * Asks every rule what is due and inserts it into the outbox if absent. Keys say what is due,
 * so ticking twice, restarting, or running two processes still yields one message.
 */
export function createPlanner(deps: { store: Store; rules: readonly PlanRule[]; log: Logger }): Planner {
  const log = deps.log.child({ component: "planner" });
  return {
    async tick(now) {
      const result: PlanResult = { enqueued: 0, byRule: {}, failedRules: [] };
      for (const rule of deps.rules) {
        try {
          const count = await deps.store.transaction(async () => {
            let inserted = 0;
            const enqueue = async (draft: OutboxDraft) => {
              if (await deps.store.outbox.enqueue(draft, now)) inserted += 1;
            };
            for (const draft of await rule.plan(now, enqueue)) await enqueue(draft);
            return inserted;
          });
          result.byRule[rule.name] = count;
          result.enqueued += count;
        } catch (error) {
          // One broken rule must not stop the others; its work is planned again next tick.
          result.failedRules.push(rule.name);
          log.error({ err: error, rule: rule.name }, "plan rule failed");
        }
      }
      if (result.enqueued > 0)
        log.info({ enqueued: result.enqueued, byRule: result.byRule }, "planned messages");
      return result;
    },
  };
}
