// Placeholder until pg-infra's runner lands: the interface fixed in the issue-16 plan, nothing else.
export interface Sql {
  /** Rows of a query, run on the transaction's client when called inside store.transaction, else the pool. */
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it touched. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
  /** Runs `fn` atomically: joins the open transaction, else opens one. */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
}
