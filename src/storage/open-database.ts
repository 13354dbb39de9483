import { dirname } from "node:path";
import Database from "better-sqlite3";
import { AppError } from "../domain/errors.js";
import { makePrivate, makePrivateFolder } from "../private-files.js";

export type SqliteDatabase = Database.Database;

/** Opens the database file (or `:memory:`) with the pragmas Tandem relies on. */
export function openDatabase(path: string): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    // Inside the try: a folder that cannot be created, or a read-only file, is the same configuration mistake.
    if (path !== ":memory:") makePrivateFolder(dirname(path));
    db = new Database(path);
    // Owner-only before the WAL exists: SQLite gives -wal and -shm the database file's mode.
    if (path !== ":memory:") for (const suffix of ["", "-wal", "-shm"]) makePrivate(`${path}${suffix}`);
    // WAL lets readers (health checks, exports, backups) run while the service writes.
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    return db;
  } catch (cause) {
    db?.close();
    throw new AppError(
      "CONFIG",
      `DATABASE_PATH "${path}" cannot be opened (${(cause as Error).message}); point it at a writable file such as ./data/tandem.db`,
      { cause },
    );
  }
}
