import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.js";
import { openStoreFor } from "../../src/storage/open-store.js";
import { openPostgresStore, type PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { freshDatabase } from "../helpers/postgres.js";

const at = new Date("2026-11-30T12:00:00Z");
let url: string;
let store: PostgresStore;

beforeAll(async () => {
  url = await freshDatabase();
  store = await openPostgresStore(url, { now: at, poolSize: 3 });
});

afterAll(() => store.close());

describe("the PostgreSQL store", () => {
  it("opens migrated, on a pool of the configured size, and says which engine answers", async () => {
    expect(store.dialect).toBe("postgres");
    expect(store.sql.pool.options.max).toBe(3);
    expect(await store.migrations()).toMatchObject({ pending: [], current: true });
    expect(await store.ping()).toBe(true);
  });

  it("lets a second replica open the same database at once: both migrate, neither applies twice", async () => {
    const replicaUrl = await freshDatabase();
    const replicas = await Promise.all([openPostgresStore(replicaUrl), openPostgresStore(replicaUrl)]);
    try {
      for (const replica of replicas) expect((await replica.migrations()).current).toBe(true);
      const applied = await replicas[0]!.sql.rows<{ n: number }>(
        "SELECT count(*) AS n FROM schema_migrations GROUP BY version HAVING count(*) > 1",
      );
      expect(applied).toEqual([]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it("refuses a server it cannot reach with a CONFIG error that hides the password", async () => {
    const error = await openPostgresStore("postgres://tandem:hunter2@127.0.0.1:1/tandem").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFIG");
    expect((error as AppError).message).toMatch(
      /^DATABASE_URL postgres:\/\/tandem:\*\*\*@127\.0\.0\.1:1\/tandem cannot be used/,
    );
    expect((error as AppError).message).not.toContain("hunter2");
  });
});

describe("openStoreFor", () => {
  it("opens PostgreSQL for DATABASE_URL and SQLite otherwise", async () => {
    const postgres = await openStoreFor({ databasePath: ":memory:", databaseUrl: url, databasePoolSize: 2 });
    const sqlite = await openStoreFor({ databasePath: ":memory:" });
    try {
      expect(postgres.dialect).toBe("postgres");
      expect(sqlite.dialect).toBe("sqlite");
      expect(await postgres.ping()).toBe(true);
      expect(await sqlite.ping()).toBe(true);
    } finally {
      await Promise.all([postgres.close(), sqlite.close()]);
    }
  });
});
