/**
 * better-sqlite3 answers at once, so the SQLite repositories are written synchronously and the store
 * wraps each call in a promise (see sqlite-transactions.ts): the port stays asynchronous for PostgreSQL.
 */
export type Synchronous<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => Promise<infer T> ? (...args: A) => T : R[K];
};
