import type { Config } from "../config.js";
import { migrate } from "./migrate.js";
import { openDatabase } from "./open-database.js";
import { redactDatabaseUrl } from "./postgres/database-url.js";
import { migrate as migratePostgres } from "./postgres/migrate.js";
import { openPostgresStore, type PostgresStore, unusableDatabase } from "./postgres/postgres-store.js";
import { createPool } from "./postgres/sql.js";
import { openStore, type SqliteStore } from "./sqlite-store.js";

type DatabaseConfig = Pick<Config, "databasePath" | "databaseUrl" | "databasePoolSize">;

export interface OpenStoreOptions {
  /** When migrations are recorded as applied. */
  now?: Date;
  /** PostgreSQL only: an idle pooled connection failed (the pool replaces it). */
  onIdleError?: (error: Error) => void;
  /** PostgreSQL only: open the pool's connections now and keep them (a long-running service). */
  warm?: boolean;
}

/** The configured store, migrated: PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export async function openStoreFor(
  config: DatabaseConfig,
  options: OpenStoreOptions = {},
): Promise<SqliteStore | PostgresStore> {
  if (config.databaseUrl) {
    return openPostgresStore(config.databaseUrl, {
      ...options,
      ...(config.databasePoolSize ? { poolSize: config.databasePoolSize } : {}),
    });
  }
  return openStore(config.databasePath, options.now ? { now: options.now } : {});
}

export interface Migrated {
  dialect: "sqlite" | "postgres";
  /** Where, for people: the SQLite path, or the PostgreSQL URL without its password. */
  where: string;
  /** The versions this call applied (none when the database was up to date). */
  applied: number[];
}

/**
 * `tandem migrate`: applies the configured database's pending migrations. On PostgreSQL under the advisory
 * lock, so replicas running it at the same moment take turns and each file is applied once.
 */
export async function migrateStoreFor(config: DatabaseConfig, now: Date): Promise<Migrated> {
  const url = config.databaseUrl;
  if (url) {
    const pool = createPool(url, { max: 1 });
    try {
      const applied = await migratePostgres(pool, undefined, now.getTime());
      return { dialect: "postgres", where: redactDatabaseUrl(url), applied };
    } catch (error) {
      throw unusableDatabase(url, error);
    } finally {
      await pool.end().catch(() => undefined);
    }
  }
  const db = openDatabase(config.databasePath);
  try {
    return { dialect: "sqlite", where: config.databasePath, applied: migrate(db, undefined, now.getTime()) };
  } finally {
    db.close();
  }
}
