import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGroupCommit } from "../../src/storage/group-commit.js";
import { openDatabase, type SqliteDatabase } from "../../src/storage/open-database.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";
import { createSqliteTransactions } from "../../src/storage/sqlite-transactions.js";

/** Two connections on one WAL file: `db` writes through the group commit, `other` sees only commits. */
function twoConnections() {
  const path = join(mkdtempSync(join(tmpdir(), "tandem-group-")), "g.db");
  const db = openDatabase(path);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)");
  const other = openDatabase(path);
  return { db, other };
}

const open: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setUp() {
  const { db, other } = twoConnections();
  open.push(db, other);
  const insert = db.prepare("INSERT INTO notes (text) VALUES (?)");
  const seen = () => other.prepare("SELECT text FROM notes ORDER BY id").pluck().all();
  return { db, group: createGroupCommit(db, createSqliteTransactions(db)), insert, seen };
}

describe("SQLite group commit", () => {
  it("runs work queued in one turn in one transaction, in order, and resolves after the commit", async () => {
    const { db, group, insert, seen } = setUp();
    const during: unknown[] = [];
    const first = group.run(async () => insert.run("first").lastInsertRowid);
    const second = group.run(async () => {
      // Same transaction as the first piece: its row is here, and not yet visible to anyone else.
      during.push(db.inTransaction, db.prepare("SELECT count(*) FROM notes").pluck().get(), seen());
      return insert.run("second").lastInsertRowid;
    });
    expect(seen()).toEqual([]);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(during).toEqual([true, 1, []]);
    expect(seen()).toEqual(["first", "second"]);
  });

  it("rolls back only the piece that throws; the others commit", async () => {
    const { group, insert, seen } = setUp();
    const results = await Promise.allSettled([
      group.run(async () => insert.run("kept")),
      group.run(async () => {
        insert.run("half-written");
        throw new Error("refused");
      }),
      group.run(async () => insert.run("kept")), // UNIQUE: fails on its own
      group.run(async () => insert.run("also kept")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused");
    expect(seen()).toEqual(["kept", "also kept"]);
  });

  it("fails every piece, and runs none outside a transaction, when SQLite abandons the transaction", async () => {
    const { db, group, insert, seen } = setUp();
    const results = await Promise.allSettled([
      group.run(async () => insert.run("before")),
      group.run(async () => {
        // What SQLite does by itself on a full disk: the whole transaction is gone.
        db.exec("ROLLBACK");
        throw new Error("disk full");
      }),
      group.run(async () => insert.run("after")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const result of results) expect((result as PromiseRejectedResult).reason.message).toBe("disk full");
    expect(seen()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it("rejects the whole batch, half-written nothing, while another connection holds the write lock", async () => {
    const { db, group, insert, seen } = setUp();
    const other = open[1]!;
    db.pragma("busy_timeout = 20");
    other.exec("BEGIN IMMEDIATE");
    const results = await Promise.allSettled([
      group.run(async () => insert.run("a")),
      group.run(async () => insert.run("b")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason.code).toBe("SQLITE_BUSY");
    other.exec("COMMIT");
    await group.run(async () => insert.run("c"));
    expect(seen()).toEqual(["c"]);
  });
});

describe("the SQLite store's batched work, reopened from its file", () => {
  let store: SqliteStore | undefined;
  afterEach(async () => await store?.close());

  it("is written before the database closes, even when the turn has not ended", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tandem-group-")), "s.db");
    const now = new Date("2026-12-01T10:00:00Z");
    store = openStore(path, { now });
    const queued = store.batched(async () => await store!.inbound.firstSeen("slack", "T1", "Ev1", now));
    await store.close();
    store = openStore(path, { now });
    expect(await store.inbound.firstSeen("slack", "T1", "Ev1", now)).toBe(false);
    return expect(queued).resolves.toBe(true);
  });
});
