/**
 * Helpers for sending a transaction's statements together (see sql.ts, `alongside` and `gather`): one write
 * for the statements of one burst, and one statement for the calls of one kind made in the same turn.
 */
import type { Socket } from "node:net";
import type pg from "pg";

/**
 * Holds a transaction connection's writes until the current burst of work ends (process.nextTick runs after
 * the promise continuations already queued), so the statements its pieces send together leave in one
 * system call instead of one each (a system call costs tens of microseconds on this kind of VM).
 */
const corked = new WeakSet<object>();
export function corkUntilNextTick(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
  if (!stream || corked.has(stream) || typeof stream.cork !== "function") return;
  corked.add(stream);
  stream.cork();
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork();
  });
}

/** Items of one kind waiting for the end of the turn, and who waits for each result. */
interface Gathered {
  items: unknown[];
  waiters: { resolve(value: unknown): void; reject(error: unknown): void }[];
}

export interface Gatherer {
  /**
   * Calls of one `kind` for the same `shared` transaction in the same turn get one `flush` of all their items
   * (one result per item, in order); without `shared`, `flush` gets the one item at once.
   */
  gather<I, R>(
    shared: object | undefined,
    kind: string,
    item: I,
    flush: (items: I[]) => Promise<R[]>,
  ): Promise<R>;
}

export function createGatherer(): Gatherer {
  const gathered = new WeakMap<object, Map<string, Gathered>>();
  return {
    gather<I, R>(
      shared: object | undefined,
      kind: string,
      item: I,
      flush: (items: I[]) => Promise<R[]>,
    ): Promise<R> {
      if (!shared) return flush([item]).then((results) => results[0] as R);
      let kinds = gathered.get(shared);
      if (!kinds) {
        kinds = new Map();
        gathered.set(shared, kinds);
      }
      let group = kinds.get(kind);
      if (!group) {
        const open: Gathered = { items: [], waiters: [] };
        const of = kinds;
        kinds.set(kind, open);
        // After the promise continuations already queued: every piece that resumed in this turn is in.
        // Runs in the first caller's asynchronous context, so on the transaction's connection.
        process.nextTick(() => {
          of.delete(kind);
          (flush as (items: unknown[]) => Promise<unknown[]>)(open.items).then(
            (results) => {
              for (const [i, waiter] of open.waiters.entries()) waiter.resolve(results[i]);
            },
            (error: unknown) => {
              for (const waiter of open.waiters) waiter.reject(error);
            },
          );
        });
        group = open;
      }
      const joined = group;
      return new Promise<R>((resolve, reject) => {
        joined.items.push(item);
        joined.waiters.push({ resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}
