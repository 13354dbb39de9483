/**
 * Group commit on PostgreSQL: inbound work arriving while the previous batch runs shares one transaction,
 * so one BEGIN and one COMMIT (one WAL flush) serve many events. Unlike SQLite, a savepoint per piece costs
 * two round trips here, as many as the transaction it saves: the pieces run without one, and when any of
 * them fails (a refused statement aborts the whole transaction anyway) the batch is rolled back and each
 * piece runs again in a transaction of its own, so a failure still stays with its own piece. Nothing is
 * acknowledged before its commit: a piece resolves only after COMMIT answered.
 *
 * Batches run in a few lanes side by side (a round trip waits on two processes being scheduled, so one
 * chain of statements at a time leaves the machine idle). Work of one conversation keeps to one lane, in
 * order: batches in different lanes rarely touch the same rows (a wake-up, a clock), and would have to
 * take two of them in opposite orders to deadlock, which PostgreSQL detects after a second and this undoes
 * like any failed piece.
 */
import type { GroupCommit } from "../group-commit.js";
import { CommitRolledBack, type Sql } from "./sql.js";

interface Pending {
  work: () => Promise<unknown>;
  /** The conversation: pieces with the same key run one after another, the others side by side. */
  key: string | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Pieces per shared transaction: bounds how long its locks are held and how long the last piece waits. */
const MOST_PER_BATCH = 32;

/** Thrown inside the shared transaction when a piece failed: rolls it back. */
class PieceFailed extends Error {}

interface Lane {
  queue: Pending[];
  scheduled: NodeJS.Immediate | undefined;
  running: Promise<void> | undefined;
}

/** FNV-1a: the same key always goes to the same lane. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface PostgresGroupCommit extends GroupCommit {
  /** `lane`: work with the same lane (a conversation) runs in arrival order; other lanes run alongside. */
  run<T>(work: () => Promise<T>, lane?: string): Promise<T>;
}

/** `lanes`: batches that may run side by side, each holding a pooled connection while it runs. */
export function createPostgresGroupCommit(sql: Sql, laneCount = 8): PostgresGroupCommit {
  const count = Math.max(1, laneCount);
  const lanes: Lane[] = Array.from({ length: count }, () => ({
    queue: [],
    scheduled: undefined,
    running: undefined,
  }));
  let turn = 0;

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

  /**
   * The batch's pieces in one transaction, side by side (their statements pipelined on its connection),
   * except that a piece waits for the one before it with the same key: one conversation's events in order.
   */
  function sideBySide(batch: Pending[]): Promise<unknown>[] {
    const last = new Map<string, Promise<unknown>>();
    return batch.map((pending) => {
      const before = pending.key === undefined ? undefined : last.get(pending.key);
      const run = () => sql.alongside(pending.work);
      const piece = before === undefined ? run() : before.then(run, run);
      if (pending.key !== undefined) last.set(pending.key, piece);
      return piece;
    });
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return await oneByOne(batch);
    let values: unknown[];
    try {
      values = await sql.atomic(async () => {
        // Every piece settles before COMMIT or ROLLBACK: none may still be sending statements after it.
        const settled = await Promise.allSettled(sideBySide(batch));
        if (settled.some((s) => s.status === "rejected")) throw new PieceFailed();
        return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
      });
    } catch (error) {
      // A piece failed: rolled back, every piece gets its own transaction. Otherwise BEGIN or COMMIT
      // failed (the connection): nothing is known to be committed, and the platform retries.
      // COMMIT answering ROLLBACK means a piece swallowed a failed statement: also one by one, so that only
      // that piece is refused.
      if (error instanceof PieceFailed || error instanceof CommitRolledBack) return await oneByOne(batch);
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const [i, pending] of batch.entries()) pending.resolve(values[i]);
  }

  async function drain(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.slice(0, MOST_PER_BATCH);
      lane.queue = lane.queue.slice(batch.length);
      await runBatch(batch);
    }
  }

  function start(lane: Lane): void {
    lane.scheduled = undefined;
    lane.running ??= drain(lane).finally(() => {
      lane.running = undefined;
      // Work queued between the last batch and this line would otherwise wait for the next arrival.
      if (lane.queue.length > 0) lane.scheduled ??= setImmediate(() => start(lane));
    });
  }

  return {
    run<T>(work: () => Promise<T>, key?: string): Promise<T> {
      const lane = lanes[(key === undefined ? turn++ : hash(key)) % count]!;
      return new Promise<T>((resolve, reject) => {
        lane.queue.push({ work, key, resolve: resolve as (value: unknown) => void, reject });
        // Work queued in this turn joins the batch; while a batch runs, the next one gathers.
        if (!lane.running) lane.scheduled ??= setImmediate(() => start(lane));
      });
    },
    async flush(): Promise<void> {
      for (const lane of lanes) {
        if (lane.scheduled) clearImmediate(lane.scheduled);
        start(lane);
      }
      await Promise.all(lanes.map((lane) => lane.running));
    },
  };
}
