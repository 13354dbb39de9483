/**
 * Group commit: work queued in the same turn of the event loop runs in one SQLite transaction, each piece
 * in its own savepoint. A commit costs more than most of the work inside it (WAL frames, checkpoints), so
 * under load one commit serves many inbound events; alone, a piece of work still commits within the turn.
 * A piece that throws is rolled back to its savepoint and rejects on its own; the others still commit.
 */
import type { Result } from "../domain/result.js";
import type { SqliteDatabase } from "./open-database.js";
import type { SqliteTransactions } from "./sqlite-transactions.js";

interface Pending {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = Result<unknown, unknown>;

export interface GroupCommit {
  /** Runs `work` atomically in the next shared transaction; resolves once that transaction committed. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs whatever is queued now (before the database closes). */
  flush(): Promise<void>;
}

export function createGroupCommit(db: SqliteDatabase, transactions: SqliteTransactions): GroupCommit {
  let queue: Pending[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  /** Runs the batch; returns each piece's outcome, or throws when nothing of it was committed. */
  function runBatch(batch: Pending[]): Promise<Outcome[]> {
    return transactions.exclusive(async (join) => {
      // IMMEDIATE: see sqlite-transactions.ts.
      db.exec("BEGIN IMMEDIATE");
      const outcomes: Outcome[] = [];
      try {
        for (const pending of batch) {
          try {
            outcomes.push({ ok: true, value: await join(() => transactions.transaction(pending.work)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
            // SQLite rolls the whole transaction back on some errors (a full disk): what follows must not
            // run outside it and commit on its own while the batch reports failure.
            if (!db.inTransaction) throw error;
          }
        }
        db.exec("COMMIT");
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
      return outcomes;
    });
  }

  async function flush(): Promise<void> {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = await runBatch(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduled ??= setImmediate(() => void flush());
      });
    },
    flush,
  };
}
