/**
 * Store.snapshot on PostgreSQL, for `preview week`: an in-memory SQLite copy of the database made with
 * `tandem copy`'s machinery (one REPEATABLE READ snapshot, every row with its id, the same tables and
 * columns on both engines), so the preview runs the same rules on the same rows as on SQLite. What the copy
 * leaves out (sending leases, directory versions, the health probe) the preview does not need: a sending
 * lease belongs to a replica, and the copy's dispatcher sends for itself.
 */
import type pg from "pg";
import { databaseCopyTarget } from "../copy-sqlite.js";
import { copyStore } from "../copy-store.js";
import { migrate } from "../migrate.js";
import { openDatabase } from "../open-database.js";
import { createSqliteStore, type SqliteStore } from "../sqlite-store.js";
import { type CopyScope, poolCopySource } from "./copy-postgres.js";

/**
 * The database as one snapshot sees it, in memory, or only one workspace's rows (a preview needs no
 * other: people, internships and messages all belong to one workspace); the caller closes it. Reads
 * through `pool`, never writes.
 */
export async function memorySnapshot(pool: pg.Pool, scope?: CopyScope): Promise<SqliteStore> {
  const db = openDatabase(":memory:");
  try {
    migrate(db, undefined, 0);
    // The pool is the service's: the source leaves it open.
    await copyStore(
      poolCopySource(pool, async () => undefined, scope),
      databaseCopyTarget(db),
      { replace: true },
    );
  } catch (error) {
    db.close();
    throw error;
  }
  return createSqliteStore(db);
}
