/**
 * The same repositories on SQLite and on PostgreSQL, seeded with the same rows, so a test can run one
 * scenario on both and require the same answers (ordering, undefined vs null, booleans, counts).
 */

import type pg from "pg";
import { expect } from "vitest";
import type { Repositories } from "../../src/ports/store.js";
import { createActivityRepo } from "../../src/storage/postgres/activity-repo.js";
import { createCheckinRepo } from "../../src/storage/postgres/checkin-repo.js";
import { createInstallationRepo } from "../../src/storage/postgres/installation-repo.js";
import { createIntroductionRepo } from "../../src/storage/postgres/introduction-repo.js";
import { createPersonDataRepo, createRetentionRepo } from "../../src/storage/postgres/person-data-repo.js";
import { createPlatformRefRepo } from "../../src/storage/postgres/platform-ref-repo.js";
import { createReplyClockRepo } from "../../src/storage/postgres/reply-clock-repo.js";
import { createReflectionRepo, createSignalRepo } from "../../src/storage/postgres/signal-repo.js";
import type { Sql } from "../../src/storage/postgres/sql.js";
import type { SqliteStore } from "../../src/storage/sqlite-store.js";
import { createTestStore } from "./test-store.js";
import { freshDatabase, type ThrowawayPostgres, testSql } from "./throwaway-postgres.js";

export type TwinRepos = Pick<
  Repositories,
  | "checkins"
  | "replyClocks"
  | "activity"
  | "introductions"
  | "signals"
  | "reflections"
  | "platformRefs"
  | "installations"
  | "personData"
  | "retention"
>;

/** A statement with literal values only (fixtures), valid in both dialects; the rows it returns. */
export type Raw = (text: string) => Promise<Record<string, unknown>[]>;

export interface Twin {
  repos: TwinRepos;
  raw: Raw;
}

export interface Twins {
  sqlite: Twin;
  postgres: Twin & { pool: pg.Pool; sql: Sql };
  /** Runs the scenario on SQLite, then on PostgreSQL; expects the same result from both, and returns it. */
  same<T>(scenario: (twin: Twin) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Two workspaces; Ana (intern) with Bram (supervisor), Carla and Dan (colleagues); Eve's internship ended. */
export const SEED = `
INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES
  (1, 'console', 'test', 'Test', 0), (2, 'console', 'other', 'Other', 0);
INSERT INTO people (id, workspace_id, key, name, timezone, country, contact_hours, is_colleague, created_at, updated_at)
VALUES
  (1, 1, 'ana', 'Ana Souza', 'America/Sao_Paulo', 'BR', 'Mon-Fri 09:00-17:00', 0, 0, 0),
  (2, 1, 'bram', 'Bram Peeters', 'Europe/Brussels', 'BE', 'Mon-Fri 09:00-17:00', 0, 0, 0),
  (3, 1, 'carla', 'Carla Rossi', 'Europe/Rome', 'IT', 'Mon-Fri 09:00-17:00', 1, 0, 0),
  (4, 1, 'dan', 'Dan Berg', 'Europe/Stockholm', 'SE', 'Mon-Fri 09:00-17:00', 1, 0, 0),
  (5, 1, 'eve', 'Eve Martin', 'Europe/Paris', 'FR', 'Mon-Fri 09:00-17:00', 0, 0, 0);
INSERT INTO person_identities (workspace_id, platform, external_id, person_id) VALUES
  (1, 'console', 'ana', 1), (1, 'slack', 'U_ANA', 1), (1, 'console', 'bram', 2);
INSERT INTO internships (id, workspace_id, key, intern_id, supervisor_id, coordinator_id, start_date, end_date,
  created_at, updated_at) VALUES
  (1, 1, 'ana-2026', 1, 2, 3, '2026-11-01', '2027-03-31', 0, 0),
  (2, 1, 'eve-2026', 5, 2, NULL, '2026-01-05', '2026-06-30', 0, 0);
`;

async function sqliteTwin(now: Date): Promise<{ store: SqliteStore; twin: Twin }> {
  const store = createTestStore(now);
  store.db.exec(SEED);
  const raw: Raw = async (text) => {
    const statement = store.db.prepare(text);
    if (statement.reader) return statement.all() as Record<string, unknown>[];
    statement.run();
    return [];
  };
  return { store, twin: { repos: store, raw } };
}

export function postgresRepos(sql: Sql): TwinRepos {
  return {
    checkins: createCheckinRepo(sql),
    replyClocks: createReplyClockRepo(sql),
    activity: createActivityRepo(sql),
    introductions: createIntroductionRepo(sql),
    signals: createSignalRepo(sql),
    reflections: createReflectionRepo(sql),
    platformRefs: createPlatformRefRepo(sql),
    installations: createInstallationRepo(sql),
    personData: createPersonDataRepo(sql),
    retention: createRetentionRepo(sql),
  };
}

export async function createTwins(server: ThrowawayPostgres, now: Date): Promise<Twins> {
  const lite = await sqliteTwin(now);
  const pool = await freshDatabase(server);
  await pool.query(SEED);
  const sql = testSql(pool);
  const postgres = {
    pool,
    sql,
    repos: postgresRepos(sql),
    raw: async (text: string) => (await pool.query(text)).rows as Record<string, unknown>[],
  };
  return {
    sqlite: lite.twin,
    postgres,
    async same(scenario) {
      const fromSqlite = await scenario(lite.twin);
      const fromPostgres = await scenario(postgres);
      expect(fromPostgres).toStrictEqual(fromSqlite);
      return fromPostgres;
    },
    async close() {
      await lite.store.close();
      await pool.end();
    },
  };
}
