import type { Store } from "../ports/store.js";
import { createActivityRepo } from "./activity-repo.js";
import { createAgreementRepo } from "./agreement-repo.js";
import { createAuditRepo } from "./audit-repo.js";
import { createCheckinRepo } from "./checkin-repo.js";
import { createDaysOffRepo } from "./days-off-repo.js";
import { createGroupCommit } from "./group-commit.js";
import { createInboundRepo } from "./inbound-repo.js";
import { createInstallationRepo } from "./installation-repo.js";
import { createInternshipRepo } from "./internship-repo.js";
import { createIntroductionRepo } from "./introduction-repo.js";
import { migrate } from "./migrate.js";
import { createMilestoneRepo } from "./milestone-repo.js";
import { openDatabase, type SqliteDatabase } from "./open-database.js";
import { createOutboxRepo } from "./outbox-repo.js";
import { createPeopleRepo } from "./people-repo.js";
import { createPersonDataRepo, createRetentionRepo } from "./person-data-repo.js";
import { createPlatformRefRepo } from "./platform-ref-repo.js";
import { createReplyClockRepo } from "./reply-clock-repo.js";
import { createReflectionRepo, createSignalRepo } from "./signal-repo.js";
import { createWakeupRepo } from "./wakeup-repo.js";
import { createWorkspaceRepo } from "./workspace-repo.js";

export interface SqliteStore extends Store {
  readonly db: SqliteDatabase;
}

export function createSqliteStore(db: SqliteDatabase): SqliteStore {
  const ping = db.prepare("SELECT 1 AS ok");
  const probe = db.prepare(
    "INSERT INTO health_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
  );
  const group = createGroupCommit(db);
  return {
    db,
    // better-sqlite3 turns a nested transaction into a savepoint, so services can compose freely.
    transaction: (fn) => db.transaction(fn)(),
    batched: (fn) => group.run(fn),
    workspaces: createWorkspaceRepo(db),
    daysOff: createDaysOffRepo(db),
    people: createPeopleRepo(db),
    internships: createInternshipRepo(db),
    agreements: createAgreementRepo(db),
    milestones: createMilestoneRepo(db),
    outbox: createOutboxRepo(db),
    inbound: createInboundRepo(db),
    audit: createAuditRepo(db),
    checkins: createCheckinRepo(db),
    replyClocks: createReplyClockRepo(db),
    activity: createActivityRepo(db),
    introductions: createIntroductionRepo(db),
    signals: createSignalRepo(db),
    reflections: createReflectionRepo(db),
    platformRefs: createPlatformRefRepo(db),
    installations: createInstallationRepo(db),
    wakeups: createWakeupRepo(db),
    personData: createPersonDataRepo(db),
    retention: createRetentionRepo(db),
    ping: () => (ping.get() as { ok: number } | undefined)?.ok === 1,
    probeWrite: (at) => {
      probe.run(at.getTime());
    },
    close: () => {
      group.flush();
      db.close();
    },
  };
}

/** Opens, migrates and wraps the database: what main, the CLI and tests use. */
export function openStore(path: string, options: { migrationsDir?: string; now?: Date } = {}): SqliteStore {
  const db = openDatabase(path);
  try {
    migrate(db, options.migrationsDir, options.now?.getTime() ?? 0);
  } catch (error) {
    db.close();
    throw error;
  }
  return createSqliteStore(db);
}
