import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPostgresGroupCommit } from "../../src/storage/postgres/group-commit.js";
import { openPostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { createPool, createSql, type PostgresSql } from "../../src/storage/postgres/sql.js";
import { freshDatabase } from "../helpers/postgres.js";

let url: string;
let sql: PostgresSql;
/** A second connection: sees only what was committed. */
let other: pg.Client;

beforeAll(async () => {
  url = await freshDatabase();
  sql = createSql(createPool(url, { max: 4 }));
  await sql.run("CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL UNIQUE)");
  other = new pg.Client({ connectionString: url });
  await other.connect();
});

afterAll(async () => {
  await other.end();
  await sql.pool.end();
});

beforeEach(async () => {
  await sql.run("TRUNCATE notes RESTART IDENTITY");
});

const seen = async () =>
  (await other.query<{ text: string }>("SELECT text FROM notes ORDER BY id")).rows.map((r) => r.text);
const insert = (text: string) => sql.run("INSERT INTO notes (text) VALUES ($1)", [text]);

/** Counts the transactions the runner opens (BEGIN statements on its pool's connections). */
function countBegins(): { begins: () => number; stop: () => void } {
  const original = pg.Client.prototype.query;
  let begins = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (args[0] === "BEGIN") begins += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { begins: () => begins, stop: () => (pg.Client.prototype.query = original) };
}

describe("PostgreSQL group commit", () => {
  it("runs work queued together in one transaction, in order, and resolves after the commit", async () => {
    const group = createPostgresGroupCommit(sql);
    const counter = countBegins();
    const during: unknown[] = [];
    try {
      const first = group.run(async () => await insert("first"), "C1");
      const second = group.run(async () => {
        // The first piece's row is here, in the same transaction, and nobody else sees it yet.
        during.push(sql.inTransaction(), (await sql.rows("SELECT text FROM notes")).length, await seen());
        return await insert("second");
      }, "C1");
      expect(await Promise.all([first, second])).toEqual([1, 1]);
      expect(counter.begins()).toBe(1);
    } finally {
      counter.stop();
    }
    expect(during).toEqual([true, 1, []]);
    expect(await seen()).toEqual(["first", "second"]);
  });

  it("keeps a failure with its own piece: the others commit, the failed one leaves nothing", async () => {
    const group = createPostgresGroupCommit(sql);
    const results = await Promise.allSettled([
      group.run(async () => await insert("kept"), "C1"),
      group.run(async () => {
        await insert("half-written");
        throw new Error("refused");
      }, "C1"),
      group.run(async () => await insert("kept"), "C1"), // UNIQUE: fails on its own
      group.run(async () => await insert("also kept"), "C1"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused");
    expect((results[2] as PromiseRejectedResult).reason.code).toBe("23505");
    expect(await seen()).toEqual(["kept", "also kept"]);
  });

  it("refuses only the piece that swallowed a failed statement, never acknowledging a rolled-back commit", async () => {
    const group = createPostgresGroupCommit(sql);
    const results = await Promise.allSettled([
      group.run(async () => await insert("first"), "C1"),
      group.run(async () => {
        // Caught without `atomic`: PostgreSQL has aborted the transaction, and COMMIT will answer ROLLBACK.
        await sql.run("SELECT 1 / $1::int", [0]).catch(() => undefined);
      }, "C1"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect((results[1] as PromiseRejectedResult).reason.name).toBe("CommitRolledBack");
    expect(await seen()).toEqual(["first"]);
  });

  it("runs other conversations' pieces of a batch side by side in its one transaction", async () => {
    const group = createPostgresGroupCommit(sql, 1);
    const counter = countBegins();
    const order: string[] = [];
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const c1 = group.run(async () => {
        await insert("c1 first");
        await held;
        order.push("c1 first done");
      }, "C1");
      // Same conversation: waits for c1's first piece.
      const c1Next = group.run(async () => {
        order.push("c1 second starts");
        await insert("c1 second");
      }, "C1");
      // Another conversation: does not wait for C1, and its statement sees c1's row (one transaction).
      const c2 = group.run(async () => {
        await insert("c2");
        order.push(`c2 sees ${(await sql.rows("SELECT text FROM notes")).length}`);
        release();
      }, "C2");
      await Promise.all([c1, c1Next, c2]);
      expect(counter.begins()).toBe(1);
    } finally {
      counter.stop();
    }
    expect(order).toEqual(["c2 sees 2", "c1 first done", "c1 second starts"]);
    expect((await seen()).sort()).toEqual(["c1 first", "c1 second", "c2"]);
  });

  it("holds other pieces' statements while one piece's savepoint is open, so its rollback undoes only its own", async () => {
    const group = createPostgresGroupCommit(sql, 1);
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const results = await Promise.allSettled([
      group.run(async () => {
        await sql
          .atomic(async () => {
            await insert("undone");
            inside();
            // The other piece tries to write now; its statement must not land inside this savepoint.
            await new Promise((resolve) => setTimeout(resolve, 50));
            throw new Error("inner refused");
          })
          .catch(() => undefined);
        await insert("after the savepoint");
      }, "C1"),
      group.run(async () => {
        await opened;
        await insert("other conversation");
      }, "C2"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect((await seen()).sort()).toEqual(["after the savepoint", "other conversation"]);
  });

  it("gathers what arrives while a batch runs into the next one", async () => {
    const group = createPostgresGroupCommit(sql);
    const counter = countBegins();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const first = group.run(async () => {
        await insert("a");
        await held;
      }, "C1");
      await new Promise((resolve) => setTimeout(resolve, 20));
      const later = ["b", "c", "d"].map((text) => group.run(async () => await insert(text), "C1"));
      release();
      await Promise.all([first, ...later]);
      // The first alone, then b, c and d together.
      expect(counter.begins()).toBe(2);
    } finally {
      counter.stop();
    }
    expect(await seen()).toEqual(["a", "b", "c", "d"]);
  });

  it("runs another conversation's work alongside a batch that waits", async () => {
    const group = createPostgresGroupCommit(sql);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = group.run(async () => {
      await insert("slow");
      await held;
    }, "C1");
    // Found by its own lane while C1's batch holds its transaction open.
    const lanes = ["C2", "C3", "C4", "C5", "C6"];
    const others = await Promise.race([
      Promise.any(lanes.map((lane) => group.run(async () => await insert(lane), lane))),
      new Promise((resolve) => setTimeout(() => resolve("timed out"), 5_000)),
    ]);
    expect(others).toBe(1);
    release();
    await slow;
    await group.flush();
    expect((await seen()).sort()).toEqual(["C2", "C3", "C4", "C5", "C6", "slow"]);
  });

  it("rejects every piece and commits nothing when the transaction cannot be opened", async () => {
    const closed = createSql(createPool(url, { max: 1 }));
    await closed.end();
    const group = createPostgresGroupCommit(closed);
    const results = await Promise.allSettled([
      group.run(async () => await insert("x"), "C1"),
      group.run(async () => await insert("y"), "C1"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await seen()).toEqual([]);
  });
});

describe("the PostgreSQL store's batched work", () => {
  it("is committed before the store closes, even when the turn has not ended", async () => {
    const storeUrl = await freshDatabase();
    const now = new Date("2026-12-01T10:00:00Z");
    const store = await openPostgresStore(storeUrl, { now });
    const queued = store.batched(async () => await store.inbound.firstSeen("slack", "T1", "Ev1", now));
    await store.close();
    const again = await openPostgresStore(storeUrl, { now });
    try {
      expect(await again.inbound.firstSeen("slack", "T1", "Ev1", now)).toBe(false);
    } finally {
      await again.close();
    }
    return expect(queued).resolves.toBe(true);
  });

  it("inserts the dedupe rows of events sharing a transaction in one statement; a delivery twice in it is new once", async () => {
    const storeUrl = await freshDatabase();
    const now = new Date("2026-12-01T10:00:00Z");
    // Three connections: one lane for inbound batches, so the five events below share one transaction.
    const store = await openPostgresStore(storeUrl, { now, poolSize: 3 });
    const original = pg.Client.prototype.query;
    let inserts = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
      if (text?.includes("INSERT INTO inbound_events")) inserts += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      expect(await store.inbound.firstSeen("slack", "T1", "Ev0", now)).toBe(true);
      const seen = (id: string, lane: string) =>
        store.batched(async () => await store.inbound.firstSeen("slack", "T1", id, now), lane);
      inserts = 0;
      const results = await Promise.all([
        seen("Ev1", "C1"),
        seen("Ev0", "C2"),
        seen("Ev2", "C3"),
        seen("Ev2", "C4"),
        seen("Ev3", "C5"),
      ]);
      expect(results.filter((r) => r).length).toBe(3);
      expect(results[1]).toBe(false);
      expect([results[2], results[3]].sort()).toEqual([false, true]);
      expect(inserts).toBe(1);
    } finally {
      pg.Client.prototype.query = original;
      await store.close();
    }
  });

  it("joins the open transaction when called inside one", async () => {
    const storeUrl = await freshDatabase();
    const now = new Date("2026-12-01T10:00:00Z");
    const store = await openPostgresStore(storeUrl, { now });
    try {
      const result = await store.transaction(async () => {
        const inner = await store.batched(
          async () => await store.inbound.firstSeen("slack", "T1", "Ev2", now),
        );
        return [inner, await store.inbound.firstSeen("slack", "T1", "Ev2", now)];
      });
      expect(result).toEqual([true, false]);
    } finally {
      await store.close();
    }
  });
});
