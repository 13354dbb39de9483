/**
 * One SQLite connection shared by asynchronous callers. A transaction spans several awaits, so while one is
 * open, calls from any other asynchronous context wait for it to end (they would otherwise run inside it and
 * share its commit or rollback); calls made in its own context (AsyncLocalStorage) join it, nested
 * transactions as savepoints. Alone, a call runs at once: the embedded default pays one promise per call.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SqliteDatabase } from "./open-database.js";
import type { Synchronous } from "./synchronous.js";

/** An open transaction: calls made in its asynchronous context join it. */
interface Scope {
  readonly kind: "transaction";
}

export interface SqliteTransactions {
  /** Runs one repository call in its turn. */
  call<T>(op: () => T): Promise<T>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the caller runs inside an open transaction (its calls join it). */
  joined(): boolean;
  /** Runs `fn` with the connection to itself (no transaction): group commit opens its own. */
  exclusive<T>(fn: (join: <U>(scope: () => Promise<U>) => Promise<U>) => Promise<T>): Promise<T>;
  /** Wraps a synchronous repository so that every call goes through `call`. */
  wrap<R extends object>(repo: Synchronous<R>): R;
}

export function createSqliteTransactions(db: SqliteDatabase): SqliteTransactions {
  const context = new AsyncLocalStorage<Scope>();
  let current: Scope | undefined;
  const waiting: (() => void)[] = [];
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  // One name for every savepoint: SQLite releases or rolls back to the innermost one of that name, and
  // savepoints here nest strictly, so prepared statements serve (exec would parse them on every event).
  const openSavepoint = db.prepare("SAVEPOINT tx");
  const releaseSavepoint = db.prepare("RELEASE tx");
  const rollbackToSavepoint = db.prepare("ROLLBACK TO tx");

  function release(): void {
    current = undefined;
    // Each waiter either runs one call at once or takes the connection (and stops the loop).
    while (!current && waiting.length > 0) waiting.shift()!();
  }

  function take(scope: Scope): Promise<void> | undefined {
    if (!current && waiting.length === 0) {
      current = scope;
      return undefined;
    }
    return new Promise<void>((resolve) =>
      waiting.push(() => {
        current = scope;
        resolve();
      }),
    );
  }

  function call<T>(op: () => T): Promise<T> {
    if (current && context.getStore() !== current) {
      return new Promise<T>((resolve, reject) =>
        waiting.push(() => {
          try {
            resolve(op());
          } catch (error) {
            reject(error);
          }
        }),
      );
    }
    try {
      return Promise.resolve(op());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async function savepoint<T>(fn: () => Promise<T>): Promise<T> {
    openSavepoint.run();
    try {
      const value = await fn();
      releaseSavepoint.run();
      return value;
    } catch (error) {
      // Some errors (a full disk) end the whole transaction: there is no savepoint left to roll back to.
      if (db.inTransaction) {
        rollbackToSavepoint.run();
        releaseSavepoint.run();
      }
      throw error;
    }
  }

  async function exclusive<T>(
    fn: (join: <U>(scope: () => Promise<U>) => Promise<U>) => Promise<T>,
  ): Promise<T> {
    const scope: Scope = { kind: "transaction" };
    await take(scope);
    try {
      return await fn((work) => context.run(scope, work));
    } finally {
      release();
    }
  }

  return {
    call,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      const scope = context.getStore();
      if (scope && scope === current) return savepoint(fn);
      return exclusive(async (join) => {
        // IMMEDIATE takes the write lock up front, so a writer in another process (the CLI) makes this
        // wait for busy_timeout instead of failing half-way when a read turns into a write.
        begin.run();
        try {
          const value = await join(fn);
          commit.run();
          return value;
        } catch (error) {
          if (db.inTransaction) rollback.run();
          throw error;
        }
      });
    },
    exclusive,
    joined: () => current !== undefined && context.getStore() === current,
    wrap<R extends object>(repo: Synchronous<R>): R {
      const wrapped: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(repo)) {
        wrapped[name] =
          typeof value === "function" ? (...args: unknown[]) => call(() => value(...args)) : value;
      }
      return wrapped as R;
    },
  };
}
