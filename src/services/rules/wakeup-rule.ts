import type { Logger } from "pino";
import type { OutboxDraft, Store } from "../../ports/store.js";
import {
  type ContextReads,
  type InternshipContext,
  loadInternshipContext,
  sharedContextReads,
} from "../internship-context.js";
import type { PlanRule } from "../planner.js";
import { capAtInternshipEnd, ENDS_WITH_INTERNSHIP } from "./after-end.js";

/** Every kind of due work that wakes up per internship. Touching an internship brings all of them forward. */
export const WAKEUP_KINDS = [
  "checkin",
  "milestones",
  "replies",
  "isolation",
  "patterns",
  "introductions",
  "digest",
  "reflection",
  "agreement",
  "welcome-back",
  "evaluations",
] as const;
/** "welcome" is not among them: only an import wakes it (a changed milestone is no reason to welcome anyone). */
export type WakeupKind = (typeof WAKEUP_KINDS)[number] | "welcome";

export interface Evaluation {
  drafts: OutboxDraft[];
  /** When to look at this internship again; undefined: never (the internship is over). */
  next: Date | undefined;
}

/** How long to wait before looking again at an internship whose evaluation failed. */
const RETRY_AFTER_FAILURE_MS = 60 * 60_000;
/**
 * Internships evaluated per transaction. A part commits before the next is claimed, so what it queued
 * can be sent meanwhile, and a transaction stays short (on PostgreSQL it holds its rows and a connection).
 */
export const WAKEUP_BATCH = 500;

/**
 * A plan rule driven by the wake-ups table: only internships whose wake-up has come are evaluated,
 * so a tick with nothing due costs one index lookup however many internships there are.
 */
export function createWakeupRule(deps: {
  kind: WakeupKind;
  store: Store;
  log: Logger;
  evaluate(context: InternshipContext, now: Date): Promise<Evaluation>;
}): PlanRule {
  const log = deps.log.child({ rule: deps.kind });
  const { store } = deps;
  return {
    name: deps.kind,
    async plan(now, enqueue, committed) {
      // Batch after batch until nothing is due: every evaluated wake-up moves past `now`, so this ends,
      // and a fan-out of many thousands is planned in one tick instead of one batch a minute. Each batch
      // is claimed and evaluated in one transaction (a failed one is claimed again next tick).
      for (;;) {
        const size = await store.transaction(async () => {
          const batch = await store.wakeups.due(deps.kind, now, WAKEUP_BATCH);
          const reads = sharedContextReads(store);
          await reads.prefetch(batch);
          await evaluateBatch(batch, now, enqueue, reads);
          return batch.length;
        });
        if (size < WAKEUP_BATCH) return [];
        committed();
      }
    },
  };

  async function evaluateBatch(
    batch: { workspaceId: number; internshipId: number }[],
    now: Date,
    enqueue: (draft: OutboxDraft) => Promise<void>,
    reads: ContextReads,
  ): Promise<void> {
    for (const { workspaceId, internshipId } of batch) {
      let outboxFailed = false;
      try {
        // Each internship in its own savepoint: one bad record cannot undo the others.
        await store.transaction(async () => {
          const context = await loadInternshipContext(store, workspaceId, internshipId, reads);
          const result = context ? await deps.evaluate(context, now) : { drafts: [], next: undefined };
          const drafts =
            context && ENDS_WITH_INTERNSHIP.has(deps.kind)
              ? capAtInternshipEnd(context, result.drafts)
              : result.drafts;
          // Queued with the wake-up's move, in the internship's savepoint, and not kept in memory.
          for (const draft of drafts) {
            outboxFailed = true;
            await enqueue(draft);
            outboxFailed = false;
          }
          if (result.next && result.next.getTime() > now.getTime()) {
            await store.wakeups.set(workspaceId, internshipId, deps.kind, result.next);
          } else if (result.next) {
            await store.wakeups.set(workspaceId, internshipId, deps.kind, new Date(now.getTime() + 60_000));
          } else {
            await store.wakeups.clear(internshipId, deps.kind);
          }
        });
      } catch (error) {
        // The outbox could not be written (a full disk, a lost connection): not this internship's fault, so
        // the whole rule fails and the planner tries again at the next tick, not in an hour.
        if (outboxFailed) throw error;
        log.error({ err: error, internshipId }, "evaluating an internship failed; trying again in an hour");
        await store.wakeups.set(
          workspaceId,
          internshipId,
          deps.kind,
          new Date(now.getTime() + RETRY_AFTER_FAILURE_MS),
        );
      }
    }
  }
}

/** Something about an internship changed (import, agreement, leave, milestones): look again now. */
export async function touchInternship(
  store: Store,
  workspaceId: number,
  internshipId: number,
  at: Date,
): Promise<void> {
  await store.wakeups.touch(workspaceId, internshipId, WAKEUP_KINDS, at);
}
