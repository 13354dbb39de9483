import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../domain/errors.js";
import type { MigrationStatus } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export type { MigrationStatus } from "../ports/store.js";

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations folder that ships with the code, found by walking up from this file. */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    if (existsSync(join(dir, "migrations")) && existsSync(join(dir, "package.json")))
      return join(dir, "migrations");
    dir = dirname(dir);
  }
  throw new AppError("MIGRATION", "the migrations folder was not found next to package.json");
}

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  const seen = new Map<string, string>();
  return files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new AppError("MIGRATION", `migration file "${file}" must be named like 0002_add_table.sql`);
    }
    // Two files with one number would each be applied or skipped by chance of name order: refuse both.
    const other = seen.get(match[1]!);
    if (other) {
      throw new AppError(
        "MIGRATION",
        `migration files "${other}" and "${file}" share the number ${match[1]}: give the newer one the next free number`,
      );
    }
    seen.set(match[1]!, file);
    const sql = readFileSync(join(dir, file), "utf8");
    return {
      version: Number(match[1]),
      name: match[2]!,
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    };
  });
}

function ensureTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    checksum   TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
}

export interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** Refuses a database that is newer than the code or whose applied migrations were edited. */
export function verifyApplied(applied: AppliedRow[], files: MigrationFile[]): void {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const newestKnown = files.at(-1)?.version ?? 0;
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new AppError(
        "MIGRATION",
        row.version > newestKnown
          ? `the database is at migration ${row.version} (${row.name}) but this version of Tandem knows only up to ${newestKnown}: run the newer Tandem, or restore a backup made for this version`
          : `migration ${row.version} (${row.name}) was applied to the database but its file is missing from migrations/: restore the file`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new AppError(
        "MIGRATION",
        `migration ${String(row.version).padStart(4, "0")}_${row.name}.sql changed after it was applied: migrations are forward-only, so restore the original file and put the change in a new migration`,
      );
    }
  }
}

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export function migrate(db: SqliteDatabase, dir = defaultMigrationsDir(), nowMs = 0): number[] {
  ensureTable(db);
  const files = readMigrations(dir);
  const applied = db
    .prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
    .all() as AppliedRow[];
  verifyApplied(applied, files);
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
  );
  const ran: number[] = [];
  for (const file of files) {
    if (done.has(file.version)) continue;
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, nowMs);
    })();
    ran.push(file.version);
  }
  return ran;
}

/** What /healthz reports: applied versions and whether the code's migrations are all applied. */
export function migrationStatus(db: SqliteDatabase, dir = defaultMigrationsDir()): MigrationStatus {
  ensureTable(db);
  const files = readMigrations(dir);
  const applied = (
    db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]
  ).map((row) => row.version);
  const appliedSet = new Set(applied);
  const pending = files.map((f) => f.version).filter((v) => !appliedSet.has(v));
  const newestKnown = files.at(-1)?.version ?? 0;
  return { applied, pending, current: pending.length === 0 && (applied.at(-1) ?? 0) <= newestKnown };
}
