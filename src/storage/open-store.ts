import type { Config } from "../config.js";
import { openPostgresStore, type PostgresStore } from "./postgres/postgres-store.js";
import { openStore, type SqliteStore } from "./sqlite-store.js";

export interface OpenStoreOptions {
  /** When migrations are recorded as applied. */
  now?: Date;
  /** PostgreSQL only: an idle pooled connection failed (the pool replaces it). */
  onIdleError?: (error: Error) => void;
}

/** The configured store, migrated: PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export async function openStoreFor(
  config: Pick<Config, "databasePath" | "databaseUrl" | "databasePoolSize">,
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
