import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.js";
import { defaultMigrationsDir, migrate, migrationStatus } from "../../src/storage/migrate.js";
import { openDatabase, type SqliteDatabase } from "../../src/storage/open-database.js";

let root: string;
let migrationsDir: string;
let dbPath: string;
const opened: SqliteDatabase[] = [];

function open(path = dbPath): SqliteDatabase {
  const db = openDatabase(path);
  opened.push(db);
  return db;
}

/** Every version shipped in migrations/, e.g. [1]. */
function shippedVersions(): number[] {
  return readdirSync(defaultMigrationsDir())
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => Number(f.slice(0, 4)));
}

function tables(db: SqliteDatabase): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a throw");
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tandem-migrate-"));
  migrationsDir = join(root, "migrations");
  cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
  dbPath = join(root, "data", "tandem.db");
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(root, { recursive: true, force: true });
});

describe("SQLite migrate", () => {
  it("applies every migration to a fresh database and creates the tables", () => {
    const db = open();
    const ran = migrate(db, migrationsDir, 1_000);
    expect(ran).toEqual(shippedVersions());
    expect(ran.length).toBeGreaterThan(0);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "schema_migrations",
        "workspaces",
        "people",
        "person_identities",
        "leave_periods",
        "internships",
        "agreements",
        "agreement_acks",
        "milestones",
        "milestone_history",
        "checkins",
        "tracked_messages",
        "introductions",
        "outbox",
        "inbound_events",
        "audit_log",
      ]),
    );
    const rows = db.prepare("SELECT version, name, applied_at FROM schema_migrations").all();
    expect(rows).toContainEqual({ version: 1, name: "initial", applied_at: 1_000 });
  });

  it("does nothing when run again, also after reopening the file", () => {
    const db = open();
    migrate(db, migrationsDir);
    expect(migrate(db, migrationsDir)).toEqual([]);
    db.close();
    expect(migrate(open(), migrationsDir)).toEqual([]);
  });

  it("applies only the new migration when one is added", () => {
    const db = open();
    migrate(db, migrationsDir);
    writeFileSync(join(migrationsDir, "0900_add_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
    expect(migrate(db, migrationsDir)).toEqual([900]);
    expect(tables(db)).toContain("notes");
  });

  it("refuses a database newer than the code, naming both versions and what to do", () => {
    const db = open();
    migrate(db, migrationsDir);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)").run(
      9999,
      "from_the_future",
      "x",
      0,
    );
    const error = thrown(() => migrate(db, migrationsDir));
    expect(error.code).toBe("MIGRATION");
    expect(error.message).toContain("9999");
    expect(error.message).toContain(`only up to ${Math.max(...shippedVersions())}`);
    expect(error.message).toMatch(/run the newer Tandem|restore a backup/);
  });

  it("refuses an applied migration whose file was edited, naming the file", () => {
    const db = open();
    migrate(db, migrationsDir);
    appendFileSync(join(migrationsDir, "0001_initial.sql"), "\n-- an innocent comment\n");
    const error = thrown(() => migrate(db, migrationsDir));
    expect(error.code).toBe("MIGRATION");
    expect(error.message).toContain("0001_initial.sql");
    expect(error.message).toContain("changed after it was applied");
    expect(error.message).toContain("new migration");
  });

  it("refuses an applied migration whose file is missing", () => {
    const db = open();
    migrate(db, migrationsDir);
    writeFileSync(join(migrationsDir, "0900_add_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
    migrate(db, migrationsDir);
    rmSync(join(migrationsDir, "0001_initial.sql"));
    const error = thrown(() => migrate(db, migrationsDir));
    expect(error.message).toContain("migration 1 (initial)");
    expect(error.message).toContain("restore the file");
  });

  it("refuses a badly named migration file before touching the database", () => {
    const db = open();
    writeFileSync(join(migrationsDir, "2_Add Stuff.sql"), "CREATE TABLE stuff (id INTEGER);");
    const error = thrown(() => migrate(db, migrationsDir));
    expect(error.code).toBe("MIGRATION");
    expect(error.message).toContain("2_Add Stuff.sql");
    expect(error.message).toContain("0002_add_table.sql");
    expect(tables(db)).not.toContain("people");
  });

  it("refuses two migration files with one number, naming both, before touching the database", () => {
    const db = open();
    const last = shippedVersions().at(-1)!;
    const number = String(last).padStart(4, "0");
    writeFileSync(join(migrationsDir, `${number}_raced_number.sql`), "CREATE TABLE raced (id INTEGER);");
    const error = thrown(() => migrate(db, migrationsDir));
    expect(error.code).toBe("MIGRATION");
    expect(error.message).toContain(`${number}_raced_number.sql`);
    expect(error.message).toContain("next free number");
    expect(tables(db)).not.toContain("people");
  });

  it("ships the same numbered files for PostgreSQL from 0012 on (0001 there holds 0001-0011)", () => {
    const sqlite = readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith(".sql"));
    const postgres = readdirSync(join(defaultMigrationsDir(), "postgres")).filter((f) => f.endsWith(".sql"));
    expect(postgres.filter((f) => Number(f.slice(0, 4)) >= 12)).toEqual(
      sqlite.filter((f) => Number(f.slice(0, 4)) >= 12),
    );
    expect(postgres.filter((f) => Number(f.slice(0, 4)) < 12)).toEqual(["0001_initial.sql"]);
  });

  it("rolls back a migration that fails halfway and records nothing for it", () => {
    const db = open();
    migrate(db, migrationsDir);
    writeFileSync(
      join(migrationsDir, "0900_broken.sql"),
      "CREATE TABLE half (id INTEGER PRIMARY KEY);\nTHIS IS NOT SQL;",
    );
    expect(() => migrate(db, migrationsDir)).toThrow();
    expect(tables(db)).not.toContain("half");
    expect(migrationStatus(db, migrationsDir).pending).toEqual([900]);
  });
});

describe("SQLite migrationStatus", () => {
  it("reports everything pending on a fresh database and current after migrating", () => {
    const db = open();
    expect(migrationStatus(db, migrationsDir)).toEqual({
      applied: [],
      pending: shippedVersions(),
      current: false,
    });
    migrate(db, migrationsDir);
    expect(migrationStatus(db, migrationsDir)).toEqual({
      applied: shippedVersions(),
      pending: [],
      current: true,
    });
  });

  it("reports a newly added file as pending", () => {
    const db = open();
    migrate(db, migrationsDir);
    writeFileSync(join(migrationsDir, "0900_add_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
    const status = migrationStatus(db, migrationsDir);
    expect(status.pending).toEqual([900]);
    expect(status.current).toBe(false);
  });

  it("reports a database newer than the code as not current", () => {
    const db = open();
    migrate(db, migrationsDir);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'x', 'x', 0)",
    ).run();
    const status = migrationStatus(db, migrationsDir);
    expect(status.pending).toEqual([]);
    expect(status.applied).toContain(9999);
    expect(status.current).toBe(false);
  });
});

describe("openDatabase (SQLite)", () => {
  it("creates the folder and sets WAL, foreign keys and a busy timeout on a file", () => {
    const db = open();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
  });

  it("enforces foreign keys on an in-memory database too", () => {
    const db = open(":memory:");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("gives a CONFIG error naming DATABASE_PATH when the path is a folder", () => {
    const error = thrown(() => open(root));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toContain("DATABASE_PATH");
    expect(error.message).toContain(root);
  });

  it("gives a CONFIG error naming DATABASE_PATH when the folder cannot be created", () => {
    // A file where the folder should be: fails even for root, unlike chmod.
    const blocker = join(root, "not-a-folder");
    writeFileSync(blocker, "");
    const path = join(blocker, "tandem.db");
    const error = thrown(() => open(path));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toContain("DATABASE_PATH");
    expect(error.message).toContain(path);
  });
});
