/** The SQLite side of `tandem copy` (see copy-store.ts): a file read on one snapshot, or written in one transaction. */
import Database from "better-sqlite3";
import { AppError } from "../domain/errors.js";
import { type CopySource, type CopyTable, type CopyTarget, quoteName } from "./copy-store.js";
import { defaultMigrationsDir, migrate } from "./migrate.js";
import { openDatabase, type SqliteDatabase } from "./open-database.js";

function tablesOf(db: SqliteDatabase): CopyTable[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  return names.map((name) => {
    const columns = db.pragma(`table_info(${quoteName(name)})`) as { name: string; pk: number }[];
    const parents = db.pragma(`foreign_key_list(${quoteName(name)})`) as { table: string }[];
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    return {
      name,
      columns: columns.map((c) => c.name),
      // A table without a declared key is read in rowid order: still one stable order.
      key: key.length > 0 ? key.map((c) => c.name) : ["rowid"],
      parents: [...new Set(parents.map((p) => p.table))],
    };
  });
}

function count(db: SqliteDatabase, table: string): number {
  return db
    .prepare(`SELECT COUNT(*) FROM ${quoteName(table)}`)
    .pluck()
    .get() as number;
}

/** Reads `path` without changing it (read-only: not even migrated). */
export function sqliteCopySource(path: string): CopySource {
  let db: SqliteDatabase;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
  } catch (cause) {
    throw new AppError("BAD_INPUT", `cannot read the SQLite file ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  return {
    migrations: async () => {
      const known = db
        .prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        .pluck()
        .get();
      const applied = known
        ? (db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all() as number[])
        : [];
      return { applied, dir: defaultMigrationsDir() };
    },
    tables: async () => tablesOf(db),
    async snapshot(fn) {
      // In WAL mode a read transaction sees the database as of its first read, whatever the service writes.
      db.exec("BEGIN");
      try {
        db.prepare("SELECT COUNT(*) FROM sqlite_master").get();
        return await fn();
      } finally {
        db.exec("COMMIT");
      }
    },
    count: async (table) => count(db, table),
    async *batches(table, size) {
      const columns = table.columns.map(quoteName).join(", ");
      const rows = db
        .prepare(
          `SELECT ${columns} FROM ${quoteName(table.name)} ORDER BY ${table.key.map(quoteName).join(", ")}`,
        )
        .raw(true)
        .iterate() as IterableIterator<unknown[]>;
      let batch: unknown[][] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    close: async () => {
      db.close();
    },
  };
}

/** Opens (creating it if needed) and migrates the file at `path`, to be written in one transaction. */
export function sqliteCopyTarget(path: string, now: Date): CopyTarget {
  let db: SqliteDatabase;
  try {
    db = openDatabase(path);
  } catch (error) {
    // openDatabase names DATABASE_PATH; here the file came from --to.
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    throw new AppError("BAD_INPUT", `cannot write the SQLite file ${path}: ${cause.message}`, { cause });
  }
  try {
    migrate(db, undefined, now.getTime());
  } catch (error) {
    db.close();
    throw error;
  }
  return databaseCopyTarget(db);
}

/** Writes a migrated database in one transaction (closing the target closes it). */
export function databaseCopyTarget(db: SqliteDatabase): CopyTarget {
  return {
    tables: async () => tablesOf(db),
    async transaction(fn) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const value = await fn();
        db.exec("COMMIT");
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    count: async (table) => count(db, table),
    async clear(tables) {
      for (const table of tables) db.prepare(`DELETE FROM ${quoteName(table.name)}`).run();
      // AUTOINCREMENT remembers the highest id ever used: start again from the copied rows' ids.
      db.prepare(`DELETE FROM sqlite_sequence WHERE name IN (${tables.map(() => "?").join(", ")})`).run(
        tables.map((t) => t.name),
      );
    },
    async insert(table, rows) {
      const insert = db.prepare(
        `INSERT INTO ${quoteName(table.name)} (${table.columns.map(quoteName).join(", ")}) VALUES (${table.columns.map(() => "?").join(", ")})`,
      );
      for (const row of rows) insert.run(row);
    },
    // An explicit id above sqlite_sequence's moves it: the next AUTOINCREMENT id already follows the copy.
    continueIds: async () => undefined,
    close: async () => {
      db.close();
    },
  };
}
