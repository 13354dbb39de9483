import type { Logger } from "pino";
import type { OutboxDraft, Store } from "../ports/store.js";

/** One kind of due work (check-ins, reply alerts, ...): what should be in the outbox at `now`. */
export interface PlanRule {
  readonly name: string;
  /**
   * What is due at `now`. A rule runs its own transactions and may queue drafts itself through `enqueue`
   * as it goes, inside them, and return the rest (queued in one transaction after it): the wake-up rules
   * commit every few hundred internships, so a fan-out of 10,000 check-ins is neither in memory at once
   * nor held back from sending until the last one is planned. `committed` is called after such a part
   * when more may follow.
   */
  plan(
    now: Date,
    enqueue: (draft: OutboxDraft) => Promise<void>,
    committed: () => void,
  ): Promise<OutboxDraft[]>;
}

export interface PlanResult {
  enqueued: number;
  byRule: Record<string, number>;
  failedRules: string[];
}

export interface Planner {
  /** `committed`: a large rule committed part of its work, which can be sent while it plans the rest. */
  tick(now: Date, committed?: () => void): Promise<PlanResult>;
}

/**
 * Asks every rule what is due and inserts it into the outbox if absent. Keys say what is due,
 * so ticking twice, restarting, or running two processes still yields one message.
 */
export function createPlanner(deps: { store: Store; rules: readonly PlanRule[]; log: Logger }): Planner {
  const log = deps.log.child({ component: "planner" });
  return {
    async tick(now, committed = () => {}) {
      const result: PlanResult = { enqueued: 0, byRule: {}, failedRules: [] };
      for (const rule of deps.rules) {
        try {
          let count = 0;
          const enqueue = async (draft: OutboxDraft) => {
            if (await deps.store.outbox.enqueue(draft, now)) count += 1;
          };
          const rest = await rule.plan(now, enqueue, committed);
          if (rest.length > 0) {
            await deps.store.transaction(async () => {
              for (const draft of rest) await enqueue(draft);
            });
          }
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
