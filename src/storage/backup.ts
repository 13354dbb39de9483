/**
 * Online backups with SQLite's backup API: the service keeps writing (WAL lets a reader copy a consistent
 * snapshot while writers go on), the copy is checked with `PRAGMA integrity_check` and only then appears
 * under its final name, so a crash or a failed check never leaves a half-written backup behind.
 */
import { accessSync, constants, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { AppError } from "../domain/errors.js";
import { err, ok, type Result } from "../domain/result.js";
import { makePrivate } from "../private-files.js";
import type { SqliteDatabase } from "./open-database.js";

/** Copies every page in one step: a multi-step backup restarts whenever another connection writes. */
const ALL_PAGES = 0x7fffffff;

/** Whether a backup may go to `target`, or why not in one sentence. */
function checkTarget(target: string): Result<void> {
  const folder = dirname(target);
  if (!existsSync(folder)) return err(`the folder ${folder} does not exist`);
  if (!statSync(folder).isDirectory()) return err(`${folder} is not a folder`);
  if (existsSync(target) && statSync(target).isDirectory()) return err(`${target} is a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return err(`the folder ${folder} is not writable`);
  }
  return ok(undefined);
}

/** `PRAGMA integrity_check` on a database file: "ok", or SQLite's list of problems. */
export function integrityOf(file: string): string {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const rows = copy.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    copy.close();
  }
}

/**
 * Writes a consistent copy of `db` to `file` while other connections may be writing, checks it, and
 * leaves it as a single self-contained file (rollback journal, no -wal or -shm needed to open it).
 */
export async function backupDatabase(db: SqliteDatabase, file: string): Promise<void> {
  const target = resolve(file);
  const checked = checkTarget(target);
  if (!checked.ok) throw new AppError("BAD_INPUT", `cannot write the backup to ${file}: ${checked.error}`);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
    const verdict = integrityOf(partial);
    if (verdict !== "ok") throw new AppError("INTERNAL", `the copy failed its integrity check: ${verdict}`);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    makePrivate(partial);
    renameSync(partial, target);
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${partial}${suffix}`, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      "INTERNAL",
      `cannot write the backup to ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Opens an existing database file for backing up; never creates an empty one by mistake. */
export function openForBackup(path: string): SqliteDatabase {
  if (path === ":memory:" || !existsSync(path)) {
    throw new AppError(
      "CONFIG",
      `DATABASE_PATH "${path}" does not exist, so there is nothing to back up; point it at the service's database file`,
    );
  }
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      // Reading the schema fails at once for a file that is not a SQLite database.
      db.prepare("SELECT count(*) FROM sqlite_master").get();
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  } catch (cause) {
    throw new AppError("CONFIG", `DATABASE_PATH "${path}" cannot be opened (${(cause as Error).message})`, {
      cause,
    });
  }
}
