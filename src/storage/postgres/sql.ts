/**
 * The statement runner the PostgreSQL repositories share, over one pool. A transaction holds one pooled
 * client; every call made in its asynchronous context (AsyncLocalStorage) runs on that client, nested
 * transactions as savepoints. Outside a transaction a call takes any free client: replicas and concurrent
 * requests commit in parallel, which is what the pool is for.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";
import { corkUntilNextTick, createGatherer } from "./pipeline.js";

export interface Sql {
  /** Rows of a query, run on the transaction's client when called inside store.transaction, else the pool. */
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it touched. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
  /**
   * Runs `fn` atomically: joins the open transaction (as a savepoint, so a throw undoes only `fn`'s writes),
   * else opens one. Inside a transaction a failed statement aborts the whole transaction, as PostgreSQL
   * does: a repository that catches a failed statement and goes on must wrap it in `atomic`.
   */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether this call runs inside a transaction (its statements join it). */
  inTransaction(): boolean;
  /**
   * Runs `fn` in the open transaction as a piece of its own, so that several run side by side: their
   * statements are pipelined on the transaction's connection instead of waiting for each other's answers.
   * A savepoint one of them opens holds the others' statements back until it is released, so rolling it
   * back undoes only its own. Outside a transaction, just runs `fn`.
   */
  alongside<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Calls of one `kind` that the pieces of one transaction make in the same turn (each at its own top
   * level, not inside a savepoint) are gathered into one call of `flush` with all their items, which
   * returns one result per item, in order: one statement for the batch instead of one per piece. Outside
   * a transaction, or inside a savepoint, `flush` gets the one item.
   */
  gather<I, R>(kind: string, item: I, flush: (items: I[]) => Promise<R[]>): Promise<R>;
}

export interface PostgresSql extends Sql {
  readonly pool: pg.Pool;
  /**
   * Refuses new work, lets the work already started finish, then ends the pool. pg's own pool.end() would
   * strand a transaction still waiting for a connection (it fails after connectionTimeoutMillis).
   */
  end(): Promise<void>;
}

export interface PoolOptions {
  /** Most connections this process opens (DATABASE_POOL_SIZE). */
  max?: number;
  /** An idle connection failed (the server restarted): the pool drops it and opens a new one when needed. */
  onIdleError?: (error: Error) => void;
  /** Connections kept open while idle (each keeps the statements it prepared); 0 when omitted. */
  min?: number;
}

/** A statement PostgreSQL refused: its message and SQLSTATE, without the values it was given. */
export class PostgresError extends Error {
  /** The SQLSTATE, such as 23505 for a unique violation. */
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  /** The statement text (placeholders, never the values). */
  readonly statement: string;

  constructor(error: pg.DatabaseError, statement: string) {
    super(withoutValues(error));
    this.name = "PostgresError";
    this.code = error.code;
    this.constraint = error.constraint;
    this.table = error.table;
    this.column = error.column;
    this.statement = statement.length > 500 ? `${statement.slice(0, 500)}...` : statement;
  }
}

/**
 * PostgreSQL's message. Its `detail` ("Key (external_id)=(U123) already exists", "Failing row contains ...")
 * is left out, and so are the quoted inputs of data errors (class 22: `invalid input syntax for type
 * bigint: "..."`): both show values, which may be what people wrote.
 */
function withoutValues(error: pg.DatabaseError): string {
  return error.code?.startsWith("22") ? error.message.replace(/"[^"]*"/g, '"..."') : error.message;
}

function safe(error: unknown, statement: string): unknown {
  return error instanceof pg.DatabaseError ? new PostgresError(error, statement) : error;
}

/**
 * COMMIT answered ROLLBACK: a statement of the transaction failed and the code that ran it went on (it
 * should have used `atomic`). Nothing was written, so the caller must not report success.
 */
export class CommitRolledBack extends Error {
  constructor() {
    super("the transaction was rolled back at COMMIT: one of its statements had failed and was caught");
    this.name = "CommitRolledBack";
  }
}

/** BIGINT (int8) as a JS number: ids, counts and epoch-millisecond instants all fit in 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`a BIGINT value does not fit a JS number: ${text}`);
  return value;
}

/** A pool for a postgres:// URL whose int8 columns read as numbers (its own parsers: pg's globals stay). */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    min: options.min ?? 0,
    types,
    application_name: "tandem",
    // Statements sent on one connection without waiting for the previous answer (the pieces of a shared
    // inbound transaction, see `alongside`); each still has its own Sync, so a failure stays with its own.
    pipeline: true,
    // A database that does not answer fails readiness checks and requests instead of hanging them.
    connectionTimeoutMillis: 10_000,
  });
  // Without a listener an idle connection's error (a server restart) would crash the process.
  pool.on("error", (error) => options.onIdleError?.(error));
  return pool;
}

/**
 * Opens `count` of the pool's connections at once and gives them back: the first events after a start then
 * find them ready instead of each waiting for a connection and a server process to be set up.
 */
export async function warmPool(pool: pg.Pool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  for (const client of clients) client.release();
}

/** One transaction: its client, and whether it is still open (a late call after commit must not use it). */
interface Transaction {
  client: pg.PoolClient;
  open: boolean;
  savepoints: number;
  /** The piece (see `alongside`) whose savepoint is open: other pieces' statements wait for `released`. */
  exclusive: { piece: object; released: Promise<void> } | undefined;
}

/**
 * A level of nesting: savepoints opened from the same level run one after another. `piece`: which of the
 * transaction's pieces (`alongside`) this runs in; savepoints nested in a piece keep its identity.
 */
interface Scope {
  tx: Transaction;
  turn: Promise<void>;
  piece: object;
  /** Savepoints open around this call within its piece. */
  depth: number;
}

/** Another piece of the transaction holds a savepoint open: this one's statements wait (checked after each wait). */
const othersHold = (scope: Scope | undefined): boolean =>
  scope?.tx.exclusive !== undefined && scope.tx.exclusive.piece !== scope.piece;

/**
 * Distinct statement texts run as named (prepared) statements: each connection parses and plans a text once,
 * and the server may keep a generic plan, instead of parsing and planning it on every call (about half of
 * the server's time per statement on the inbound path). The repositories' texts are fixed, so a few hundred
 * names cover them; texts beyond that (built with a varying number of placeholders) stay unnamed, and so do
 * statements without values.
 */
const MOST_NAMED_STATEMENTS = 500;

export function createSql(pool: pg.Pool): PostgresSql {
  const context = new AsyncLocalStorage<Scope>();
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MOST_NAMED_STATEMENTS) {
      // From the text, not a counter: two runners over one pool (tests, tools) share its connections.
      name = `tandem_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  const gatherer = createGatherer();
  /** Statements and transactions started outside a transaction, until they settle. */
  const inFlight = new Set<Promise<unknown>>();
  let ending = false;

  function tracked<T>(work: () => Promise<T>): Promise<T> {
    if (ending) return Promise.reject(new Error("the PostgreSQL store is closed"));
    const promise = work();
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function query<T extends pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] | undefined,
  ): Promise<pg.QueryResult<T>> {
    const scope = context.getStore();
    // No await between this check and the statement's submission below: nothing can slip in between.
    while (othersHold(scope)) await scope?.tx.exclusive?.released;
    const on = scope?.tx.open ? scope.tx.client : pool;
    if (on !== pool) corkUntilNextTick(on as pg.PoolClient);
    try {
      // Without values pg sends the simple protocol, which also runs scripts of several statements.
      const name = values && values.length > 0 ? nameOf(text) : undefined;
      const run = () =>
        on.query<T>(
          name === undefined
            ? { text, values: values as unknown[] | undefined }
            : { name, text, values: values as unknown[] | undefined },
        );
      return await (on === pool ? tracked(run) : run());
    } catch (error) {
      throw safe(error, text);
    }
  }

  /** BEGIN, COMMIT and savepoint statements: their failures read like any other statement's. */
  async function control(client: pg.PoolClient, text: string): Promise<void> {
    let result: pg.QueryResult;
    try {
      result = await client.query(text);
    } catch (error) {
      throw safe(error, text);
    }
    if (text === "COMMIT" && result.command === "ROLLBACK") throw new CommitRolledBack();
  }

  async function savepoint<T>(scope: Scope, fn: () => Promise<T>): Promise<T> {
    // Two savepoints opened side by side (Promise.all) would interleave on the one client: take turns.
    const previous = scope.turn;
    let done!: () => void;
    scope.turn = new Promise((resolve) => {
      done = resolve;
    });
    await previous;
    const { tx } = scope;
    // Other pieces' statements must not fall between this savepoint and its rollback.
    while (othersHold(scope)) await tx.exclusive?.released;
    let release: (() => void) | undefined;
    if (!tx.exclusive) {
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      tx.exclusive = { piece: scope.piece, released };
    }
    const name = `s${++tx.savepoints}`;
    try {
      await control(tx.client, `SAVEPOINT ${name}`);
      try {
        const value = await context.run(
          { tx, turn: Promise.resolve(), piece: scope.piece, depth: scope.depth + 1 },
          fn,
        );
        await control(tx.client, `RELEASE SAVEPOINT ${name}`);
        return value;
      } catch (error) {
        // When the connection itself failed this fails too: the outer transaction's rollback reports it.
        await tx.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        throw error;
      }
    } finally {
      if (release) {
        tx.exclusive = undefined;
        release();
      }
      done();
    }
  }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const tx: Transaction = { client, open: true, savepoints: 0, exclusive: undefined };
    let broken: Error | undefined;
    try {
      await control(client, "BEGIN");
      const value = await context.run({ tx, turn: Promise.resolve(), piece: {}, depth: 0 }, fn);
      await control(client, "COMMIT");
      return value;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        // The connection is unusable: the pool must close it rather than hand it out again.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      tx.open = false;
      client.release(broken);
    }
  }

  return {
    pool,
    async rows<T>(text: string, values?: readonly unknown[]): Promise<T[]> {
      return (await query<T & pg.QueryResultRow>(text, values)).rows;
    },
    async one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined> {
      return (await query<T & pg.QueryResultRow>(text, values)).rows[0];
    },
    async run(text: string, values?: readonly unknown[]): Promise<number> {
      return (await query(text, values)).rowCount ?? 0;
    },
    atomic<T>(fn: () => Promise<T>): Promise<T> {
      const scope = context.getStore();
      return scope?.tx.open ? savepoint(scope, fn) : tracked(() => transaction(fn));
    },
    inTransaction: () => context.getStore()?.tx.open === true,
    alongside<T>(fn: () => Promise<T>): Promise<T> {
      const scope = context.getStore();
      return scope?.tx.open
        ? context.run({ tx: scope.tx, turn: Promise.resolve(), piece: {}, depth: 0 }, fn)
        : fn();
    },
    gather<I, R>(kind: string, item: I, flush: (items: I[]) => Promise<R[]>): Promise<R> {
      const scope = context.getStore();
      // Only at a piece's top level: a savepoint's rollback must undo what was written for it.
      const shared = scope?.tx.open && scope.depth === 0 ? scope.tx : undefined;
      return gatherer.gather(shared, kind, item, flush);
    },
    async end(): Promise<void> {
      ending = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await pool.end();
    },
  };
}
