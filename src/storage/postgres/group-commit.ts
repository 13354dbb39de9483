/**
 * Group commit on PostgreSQL: inbound work arriving while the previous batch runs shares one transaction,
 * so one BEGIN and one COMMIT (one WAL flush) serve many events. Unlike SQLite, a savepoint per piece costs
 * two round trips here, as many as the transaction it saves: the pieces run without one, and when any of
 * them fails (a refused statement aborts the whole transaction anyway) the batch is rolled back and each
 * piece runs again in a transaction of its own, so a failure still stays with its own piece. Nothing is
 * acknowledged before its commit: a piece resolves only after COMMIT answered.
 *
 * One batch at a time per process: two batches holding row locks of the same internships in different
 * orders could deadlock, which PostgreSQL only detects after a second.
 */
import type { GroupCommit } from "../group-commit.js";
import type { Sql } from "./sql.js";

interface Pending {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Pieces per shared transaction: bounds how long its locks are held and how long the last piece waits. */
const MOST_PER_BATCH = 64;

/** Thrown inside the shared transaction when a piece failed: rolls it back. */
class PieceFailed extends Error {}

export function createPostgresGroupCommit(sql: Sql): GroupCommit {
  let queue: Pending[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let running: Promise<void> | undefined;

  /** Each piece alone, one after another, in its own transaction: after a shared one failed. */
  async function oneByOne(batch: Pending[]): Promise<void> {
    for (const pending of batch) {
      try {
        pending.resolve(await sql.atomic(pending.work));
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return await oneByOne(batch);
    let values: unknown[];
    try {
      values = await sql.atomic(async () => {
        const done: unknown[] = [];
        for (const pending of batch) {
          try {
            done.push(await pending.work());
          } catch {
            throw new PieceFailed();
          }
        }
        return done;
      });
    } catch (error) {
      // A piece failed: rolled back, every piece gets its own transaction. Otherwise BEGIN or COMMIT
      // failed (the connection): nothing is known to be committed, and the platform retries.
      if (error instanceof PieceFailed) return await oneByOne(batch);
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const [i, pending] of batch.entries()) pending.resolve(values[i]);
  }

  async function drain(): Promise<void> {
    scheduled = undefined;
    while (queue.length > 0) {
      const batch = queue.slice(0, MOST_PER_BATCH);
      queue = queue.slice(batch.length);
      await runBatch(batch);
    }
  }

  function start(): void {
    scheduled = undefined;
    running ??= drain().finally(() => {
      running = undefined;
      // Work queued between the last batch and this line would otherwise wait for the next arrival.
      if (queue.length > 0) scheduled ??= setImmediate(start);
    });
  }

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        // Work queued in this turn joins the batch; while a batch runs, the next one gathers.
        if (!running) scheduled ??= setImmediate(start);
      });
    },
    async flush(): Promise<void> {
      if (scheduled) clearImmediate(scheduled);
      start();
      await running;
    },
  };
}
