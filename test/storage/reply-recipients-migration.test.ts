/**
 * Migration 0023 names the recipient of replies queued before replies carried one, on both stores: a reply
 * addressed to a person gets theirs; one to a Slack DM channel, or to someone Tandem does not know, stays
 * without; other rows are left as they were.
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

const BACKFILL = 23;
const folders: string[] = [];

/** The shipped migrations before the backfill, in a folder of their own. */
function migrationsBeforeBackfill(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "tandem-before-backfill-"));
  folders.push(copy);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
    if (Number(file.slice(0, 4)) < BACKFILL) cpSync(join(dir, file), join(copy, file));
  }
  return copy;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two workspaces, a person in each, and the rows the backfill reads: the same statements on both stores. */
const SEED = [
  "INSERT INTO workspaces (id, platform, external_id, created_at) VALUES (1, 'slack', 'T1', 0), (2, 'teams', 'tenant-1', 0)",
  `INSERT INTO people (id, workspace_id, key, name, timezone, country, contact_hours, created_at, updated_at)
     VALUES (1, 1, 'ana', 'Ana', 'UTC', 'BR', '09:00-17:00', 0, 0), (2, 2, 'bram', 'Bram', 'UTC', 'BE', '09:00-17:00', 0, 0)`,
  `INSERT INTO person_identities (workspace_id, platform, external_id, person_id)
     VALUES (1, 'slack', 'U0ANA', 1), (2, 'teams', 'aad-bram', 2)`,
  `INSERT INTO outbox (workspace_id, key, recipient_id, address, payload, status, not_before, created_at) VALUES
     (1, 'reply-to:Ev1', NULL, 'slack:T1:user:U0ANA', '{"text":"a"}', 'sent', 0, 0),
     (1, 'reply-to:Ev2', NULL, 'slack:T1:conv:D0ANA', '{"text":"b"}', 'sent', 0, 0),
     (2, 'reply-to:tenant|1', NULL, 'teams:tenant-1:user:aad-bram', '{"text":"c"}', 'pending', 0, 0),
     (1, 'reply-to:Ev3', NULL, 'slack:T1:user:U0GONE', '{"text":"d"}', 'sent', 0, 0),
     (1, 'reply-to:Ev4', NULL, 'teams:tenant-1:user:aad-bram', '{"text":"e"}', 'sent', 0, 0),
     (1, 'checkin:1:2026-12-01', NULL, 'slack:T1:user:U0ANA', '{"text":"f"}', 'sent', 0, 0)`,
];

const EXPECTED = [
  { key: "checkin:1:2026-12-01", recipient_id: null },
  { key: "reply-to:Ev1", recipient_id: 1 },
  { key: "reply-to:Ev2", recipient_id: null },
  { key: "reply-to:Ev3", recipient_id: null },
  // Another workspace's person is not this workspace's recipient.
  { key: "reply-to:Ev4", recipient_id: null },
  { key: "reply-to:tenant|1", recipient_id: 2 },
];

const ROWS = "SELECT key, recipient_id FROM outbox ORDER BY key";

describe("migration 0023: replies name their recipient", () => {
  it("on SQLite, fills in the person a reply was addressed to, where Tandem can know them", () => {
    const db = openDatabase(":memory:");
    try {
      migrate(db, migrationsBeforeBackfill(defaultMigrationsDir()));
      for (const statement of SEED) db.prepare(statement).run();
      expect(migrate(db)).toContain(BACKFILL); // later migrations run too
      expect(db.prepare(ROWS).all()).toEqual(EXPECTED);
    } finally {
      db.close();
    }
  });

  it("on PostgreSQL, the same", async () => {
    const pool = createPool(await freshDatabase(), { max: 1 });
    try {
      await migratePostgres(pool, migrationsBeforeBackfill(defaultPostgresMigrationsDir()));
      for (const statement of SEED) await pool.query(statement);
      expect(await migratePostgres(pool)).toContain(BACKFILL);
      const rows = (await pool.query<{ key: string; recipient_id: string | null }>(ROWS)).rows;
      expect(rows.map((r) => ({ ...r, recipient_id: r.recipient_id && Number(r.recipient_id) }))).toEqual(
        EXPECTED,
      );
    } finally {
      await pool.end();
    }
  });
});
