import Database from "better-sqlite3";
import type { Store } from "../ports/store.js";
import { createActivityRepo } from "./activity-repo.js";
import { createAgreementRepo } from "./agreement-repo.js";
import { createAuditRepo } from "./audit-repo.js";
import { createCertificateRepo } from "./certificate-repo.js";
import { createCheckinRepo } from "./checkin-repo.js";
import { createDaysOffRepo } from "./days-off-repo.js";
import { createEvaluationRepo } from "./evaluation-repo.js";
import { createGroupCommit } from "./group-commit.js";
import { createInboundRepo } from "./inbound-repo.js";
import { createInstallationRepo } from "./installation-repo.js";
import { createInternshipRepo } from "./internship-repo.js";
import { createIntroductionRepo } from "./introduction-repo.js";
import { createLearningRepo } from "./learning-repo.js";
import { createLeaseRepo } from "./lease-repo.js";
import { migrate, migrationStatus } from "./migrate.js";
import { createMilestoneRepo } from "./milestone-repo.js";
import { openDatabase, type SqliteDatabase } from "./open-database.js";
import { createOutboxRepo } from "./outbox-repo.js";
import { createPeopleRepo } from "./people-repo.js";
import { createPersonDataRepo, createRetentionRepo } from "./person-data-repo.js";
import { createPlatformRefRepo } from "./platform-ref-repo.js";
import { createPortalLimitRepo, createPortalLinkRepo, createPortalSessionRepo } from "./portal-repo.js";
import { createProgrammeAdminRepo } from "./programme-admin-repo.js";
import { createReplicaRepo } from "./replica-repo.js";
import { createReplyClockRepo } from "./reply-clock-repo.js";
import { createReflectionRepo, createSignalRepo } from "./signal-repo.js";
import { createSqliteTransactions } from "./sqlite-transactions.js";
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
  const transactions = createSqliteTransactions(db);
  const group = createGroupCommit(db, transactions);
  const wrap = transactions.wrap;
  return {
    db,
    dialect: "sqlite",
    transaction: (fn) => transactions.transaction(fn),
    // Inside a transaction, waiting for the next shared commit would wait for this one: join it instead.
    batched: (fn) => (transactions.joined() ? transactions.transaction(fn) : group.run(fn)),
    workspaces: wrap(createWorkspaceRepo(db)),
    daysOff: wrap(createDaysOffRepo(db)),
    people: wrap(createPeopleRepo(db)),
    internships: wrap(createInternshipRepo(db)),
    agreements: wrap(createAgreementRepo(db)),
    milestones: wrap(createMilestoneRepo(db)),
    outbox: wrap(createOutboxRepo(db)),
    inbound: wrap(createInboundRepo(db)),
    audit: wrap(createAuditRepo(db)),
    checkins: wrap(createCheckinRepo(db)),
    replyClocks: wrap(createReplyClockRepo(db)),
    activity: wrap(createActivityRepo(db)),
    introductions: wrap(createIntroductionRepo(db)),
    signals: wrap(createSignalRepo(db)),
    reflections: wrap(createReflectionRepo(db)),
    platformRefs: wrap(createPlatformRefRepo(db)),
    installations: wrap(createInstallationRepo(db)),
    wakeups: wrap(createWakeupRepo(db)),
    leases: wrap(createLeaseRepo(db)),
    evaluations: wrap(createEvaluationRepo(db)),
    replicas: wrap(createReplicaRepo(db)),
    certificates: wrap(createCertificateRepo(db)),
    learning: wrap(createLearningRepo(db)),
    programmeAdmins: wrap(createProgrammeAdminRepo(db)),
    personData: wrap(createPersonDataRepo(db)),
    retention: wrap(createRetentionRepo(db)),
    portalLinks: wrap(createPortalLinkRepo(db)),
    portalSessions: wrap(createPortalSessionRepo(db)),
    portalLimits: wrap(createPortalLimitRepo(db)),
    migrations: () => transactions.call(() => migrationStatus(db)),
    ping: () => transactions.call(() => (ping.get() as { ok: number } | undefined)?.ok === 1),
    probeWrite: (at) =>
      transactions.call(() => {
        probe.run(at.getTime());
      }),
    close: async () => {
      await group.flush();
      db.close();
    },
    // In its turn, like any call: a transaction of another caller is not half in the copy.
    snapshot: () => transactions.call(() => createSqliteStore(copyDatabase(db))),
  };
}

/** Bytes 18 and 19 of a database image: 2 in WAL mode, which an in-memory database cannot open. */
const FILE_FORMAT_OFFSETS = [18, 19];

/** An in-memory copy of the database as this connection sees it. */
function copyDatabase(db: SqliteDatabase): SqliteDatabase {
  const image = db.serialize();
  for (const offset of FILE_FORMAT_OFFSETS) image[offset] = 1;
  const copy = new Database(image);
  copy.pragma("foreign_keys = ON");
  return copy;
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
