import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPool, createSql, PostgresError, type PostgresSql } from "../../src/storage/postgres/sql.js";
import { freshDatabase } from "../helpers/postgres.js";

let url: string;
let sql: PostgresSql;

beforeAll(async () => {
  url = await freshDatabase();
  sql = createSql(createPool(url, { max: 4 }));
  await sql.run("CREATE TABLE items (id BIGINT PRIMARY KEY, label TEXT NOT NULL UNIQUE)");
});

afterAll(() => sql.pool.end());

beforeEach(async () => {
  await sql.run("DELETE FROM items");
});

const labels = async () =>
  (await sql.rows<{ label: string }>("SELECT label FROM items ORDER BY id")).map((r) => r.label);

/** A promise and the function that settles it, for steps that must happen in a given order. */
function signal(): { wait: Promise<void>; give: () => void } {
  let give!: () => void;
  const wait = new Promise<void>((resolve) => {
    give = resolve;
  });
  return { wait, give };
}

describe("the PostgreSQL statement runner", () => {
  it("runs statements on the pool outside a transaction: rows, one and run", async () => {
    expect(await sql.run("INSERT INTO items VALUES ($1, $2), ($3, $4)", [1, "a", 2, "b"])).toBe(2);
    expect(await sql.rows("SELECT id, label FROM items ORDER BY id")).toEqual([
      { id: 1, label: "a" },
      { id: 2, label: "b" },
    ]);
    expect(await sql.one("SELECT label FROM items WHERE id = $1", [2])).toEqual({ label: "b" });
    expect(await sql.one("SELECT label FROM items WHERE id = $1", [3])).toBeUndefined();
    expect(await sql.run("UPDATE items SET label = label || '!' WHERE id > $1", [5])).toBe(0);
  });

  it("reads BIGINT as a JS number on its own pool, leaving pg's global parsers alone", async () => {
    const row = await sql.one<{ big: unknown; count: unknown }>(
      "SELECT 9007199254740991::bigint AS big, count(*) AS count FROM items",
    );
    expect(row).toEqual({ big: 9007199254740991, count: 0 });
    await expect(sql.one("SELECT 9007199254740993::bigint AS big")).rejects.toThrow(/does not fit/);

    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    try {
      expect((await plain.query("SELECT 5::bigint AS n")).rows[0]).toEqual({ n: "5" });
    } finally {
      await plain.end();
    }
  });

  it("commits everything atomic() wrote, and returns what its function returned", async () => {
    const value = await sql.atomic(async () => {
      await sql.run("INSERT INTO items VALUES (1, 'a')");
      await sql.run("INSERT INTO items VALUES (2, 'b')");
      return "done";
    });
    expect(value).toBe("done");
    expect(await labels()).toEqual(["a", "b"]);
  });

  it("rolls every write back when the function throws, and rejects with its error", async () => {
    const failure = new Error("changed my mind");
    await expect(
      sql.atomic(async () => {
        await sql.run("INSERT INTO items VALUES (1, 'a')");
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(
      sql.atomic(async () => {
        await sql.run("INSERT INTO items VALUES (2, 'b')");
        await sql.run("INSERT INTO items VALUES (3, 'b')"); // duplicate label
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await labels()).toEqual([]);
  });

  it("runs a nested atomic() as a savepoint: its throw undoes only its own writes", async () => {
    await sql.atomic(async () => {
      await sql.run("INSERT INTO items VALUES (1, 'outer before')");
      await expect(
        sql.atomic(async () => {
          await sql.run("INSERT INTO items VALUES (2, 'inner')");
          await sql.run("INSERT INTO items VALUES (3, 'inner')"); // aborts the statement, not the outer work
        }),
      ).rejects.toMatchObject({ code: "23505" });
      await sql.atomic(async () => {
        await sql.run("INSERT INTO items VALUES (4, 'inner kept')");
      });
      await sql.run("INSERT INTO items VALUES (5, 'outer after')");
    });
    expect(await labels()).toEqual(["outer before", "inner kept", "outer after"]);
  });

  it("rolls a committed savepoint back with its outer transaction", async () => {
    await expect(
      sql.atomic(async () => {
        await sql.atomic(() => sql.run("INSERT INTO items VALUES (1, 'inner')"));
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await labels()).toEqual([]);
  });

  it("takes turns for savepoints opened side by side in one transaction", async () => {
    await sql.atomic(async () => {
      const results = await Promise.allSettled([
        sql.atomic(async () => {
          await sql.run("INSERT INTO items VALUES (1, 'first')");
          await sql.run("INSERT INTO items VALUES (2, 'first')");
        }),
        sql.atomic(() => sql.run("INSERT INTO items VALUES (3, 'second')")),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    });
    expect(await labels()).toEqual(["second"]);
  });

  it("runs the calls made inside a transaction on its client: they see its writes, others do not", async () => {
    const written = signal();
    // Started outside the transaction: runs on another client when the signal comes.
    const outside = written.wait.then(() => sql.one<{ n: number }>("SELECT count(*) AS n FROM items"));
    await sql.atomic(async () => {
      await sql.run("INSERT INTO items VALUES (1, 'a')");
      // A deeper asynchronous path (a timer) is still inside the transaction.
      const inside = await new Promise<{ n: number } | undefined>((resolve, reject) =>
        setTimeout(() => sql.one<{ n: number }>("SELECT count(*) AS n FROM items").then(resolve, reject), 1),
      );
      expect(inside).toEqual({ n: 1 });
      written.give();
      expect(await outside).toEqual({ n: 0 });
    });
    expect(await labels()).toEqual(["a"]);
  });

  it("commits transactions from separate callers in parallel, each on its own client", async () => {
    const bothOpen = signal();
    let open = 0;
    const work = (id: number) =>
      sql.atomic(async () => {
        await sql.run("INSERT INTO items VALUES ($1, $2)", [id, `t${id}`]);
        open += 1;
        if (open === 2) bothOpen.give();
        await bothOpen.wait; // would never resolve if the second waited for the first
        return (await sql.one<{ pid: number }>("SELECT pg_backend_pid() AS pid"))!.pid;
      });
    const [a, b] = await Promise.all([work(1), work(2)]);
    expect(a).not.toBe(b);
    expect(await labels()).toEqual(["t1", "t2"]);
  });

  it("gives its client back to the pool whatever way a transaction ends", async () => {
    const one = createSql(createPool(url, { max: 1 }));
    try {
      for (let i = 0; i < 3; i += 1) {
        await expect(one.atomic(() => Promise.reject(new Error("thrown")))).rejects.toThrow("thrown");
        await expect(one.atomic(() => one.run("SELECT * FROM no_such_table"))).rejects.toThrow(
          /no_such_table/,
        );
        await expect(one.atomic(() => one.run("SELECT 1"))).resolves.toBe(1);
      }
      // With one connection, any client kept would make this wait for connectionTimeoutMillis and fail.
      expect(await one.one("SELECT 1 AS ok")).toEqual({ ok: 1 });
      expect(one.pool.idleCount).toBe(one.pool.totalCount);
    } finally {
      await one.pool.end();
    }
  });

  it("rejects with PostgreSQL's message and SQLSTATE, never with the values it was given", async () => {
    await sql.run("INSERT INTO items VALUES ($1, $2)", [1, "ana@example.org"]);
    const duplicate = await sql
      .run("INSERT INTO items VALUES ($1, $2)", [2, "ana@example.org"])
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(PostgresError);
    expect(duplicate).toMatchObject({
      code: "23505",
      constraint: "items_label_key",
      table: "items",
      statement: "INSERT INTO items VALUES ($1, $2)",
    });
    expect((duplicate as Error).message).toMatch(/duplicate key value violates unique constraint/);

    const badInput = await sql
      .one("SELECT * FROM items WHERE id = $1", ["secret-id-42"])
      .catch((error: unknown) => error);
    expect(badInput).toMatchObject({ code: "22P02" });
    expect((badInput as Error).message).toMatch(/invalid input syntax for type bigint/);
    for (const error of [duplicate, badInput]) {
      const everything = JSON.stringify({ ...(error as object), message: (error as Error).message });
      expect(everything).not.toMatch(/ana@example\.org|secret-id-42/);
    }
  });
});
