/**
 * Migration 0025 clears the answer time of the introductions Tandem let lapse (the audit log's
 * 'introduction.lapse'), on both stores, so they read as "no answer (lapsed)"; a colleague's own decline
 * keeps its time.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate } from "../../src/storage/migrate.js";
import { openDatabase } from "../../src/storage/open-database.js";
import {
  defaultPostgresMigrationsDir,
  migrate as migratePostgres,
} from "../../src/storage/postgres/migrate.js";
import { createPool } from "../../src/storage/postgres/sql.js";
import { freshDatabase } from "../helpers/postgres.js";

const BACKFILL = 25;
const folders: string[] = [];

function migrationsBeforeBackfill(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "tandem-before-lapse-"));
  folders.push(copy);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
    if (Number(file.slice(0, 4)) < BACKFILL) cpSync(join(dir, file), join(copy, file));
  }
  return copy;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SEED = [
  "INSERT INTO workspaces (id, platform, external_id, created_at) VALUES (1, 'slack', 'T1', 0)",
  `INSERT INTO people (id, workspace_id, key, name, timezone, country, contact_hours, created_at, updated_at)
     VALUES (1, 1, 'ana', 'Ana', 'UTC', 'BR', '09:00-17:00', 0, 0), (2, 1, 'bram', 'Bram', 'UTC', 'BE', '09:00-17:00', 0, 0),
            (3, 1, 'dries', 'Dries', 'UTC', 'BE', '09:00-17:00', 0, 0), (4, 1, 'sofie', 'Sofie', 'UTC', 'BE', '09:00-17:00', 0, 0)`,
  `INSERT INTO internships (id, workspace_id, key, intern_id, supervisor_id, start_date, end_date, created_at, updated_at)
     VALUES (1, 1, 'ana-2026', 1, 2, '2026-11-01', '2027-03-31', 0, 0)`,
  `INSERT INTO introductions (id, workspace_id, internship_id, colleague_id, status, proposed_at, responded_at) VALUES
     (1, 1, 1, 3, 'declined', 1000, 9000), (2, 1, 1, 4, 'declined', 2000, 3000)`,
  `INSERT INTO audit_log (workspace_id, actor_label, action, entity, entity_id, at)
     VALUES (1, 'tandem', 'introduction.lapse', 'introduction', 1, 9000)`,
];

const ROWS = "SELECT id, responded_at FROM introductions ORDER BY id";
const EXPECTED = [
  { id: 1, responded_at: null },
  { id: 2, responded_at: 3000 },
];

describe("migration 0025: lapsed introductions keep no answer time", () => {
  it("on SQLite", () => {
    const db = openDatabase(":memory:");
    try {
      migrate(db, migrationsBeforeBackfill(defaultMigrationsDir()));
      for (const statement of SEED) db.prepare(statement).run();
      expect(migrate(db)).toContain(BACKFILL);
      expect(db.prepare(ROWS).all()).toEqual(EXPECTED);
    } finally {
      db.close();
    }
  });

  it("on PostgreSQL", async () => {
    const pool = createPool(await freshDatabase(), { max: 1 });
    try {
      await migratePostgres(pool, migrationsBeforeBackfill(defaultPostgresMigrationsDir()));
      for (const statement of SEED) await pool.query(statement);
      expect(await migratePostgres(pool)).toContain(BACKFILL);
      const rows = (await pool.query<{ id: string; responded_at: string | null }>(ROWS)).rows;
      expect(
        rows.map((r) => ({ id: Number(r.id), responded_at: r.responded_at && Number(r.responded_at) })),
      ).toEqual(EXPECTED);
    } finally {
      await pool.end();
    }
  });
});
