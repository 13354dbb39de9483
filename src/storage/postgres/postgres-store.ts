/**
 * The Store on PostgreSQL, for several replicas sharing one database. Transactions hold one pooled client
 * each and commit in parallel; inbound events (`batched`) share transactions (group-commit.ts).
 */
import { AppError } from "../../domain/errors.js";
import type { Store } from "../../ports/store.js";
import type { MigrationStatus } from "../migrate.js";
import { createActivityRepo } from "./activity-repo.js";
import { createAgreementRepo } from "./agreement-repo.js";
import { createAuditRepo } from "./audit-repo.js";
import { createCertificateRepo } from "./certificate-repo.js";
import { createCheckinRepo } from "./checkin-repo.js";
import { redactDatabaseUrl } from "./database-url.js";
import { createDaysOffRepo } from "./days-off-repo.js";
import { createEvaluationRepo } from "./evaluation-repo.js";
import { createPostgresGroupCommit } from "./group-commit.js";
import { createInboundRepo } from "./inbound-repo.js";
import { createInstallationRepo } from "./installation-repo.js";
import { createInternshipRepo } from "./internship-repo.js";
import { createIntroductionRepo } from "./introduction-repo.js";
import { createLearningRepo } from "./learning-repo.js";
import { createLeaseRepo } from "./lease-repo.js";
import { memorySnapshot } from "./memory-snapshot.js";
import { defaultPostgresMigrationsDir, migrate, migrationStatus } from "./migrate.js";
import { createMilestoneRepo } from "./milestone-repo.js";
import { createOutboxRepo } from "./outbox-repo.js";
import { createPeopleRepo } from "./people-repo.js";
import { createPersonDataRepo, createRetentionRepo } from "./person-data-repo.js";
import { createPlatformRefRepo } from "./platform-ref-repo.js";
import { createPortalLimitRepo, createPortalLinkRepo, createPortalSessionRepo } from "./portal-repo.js";
import { createProgrammeAdminRepo } from "./programme-admin-repo.js";
import { createReplicaRepo } from "./replica-repo.js";
import { createReplyClockRepo } from "./reply-clock-repo.js";
import { createReflectionRepo, createSignalRepo } from "./signal-repo.js";
import { createPool, createSql, type PostgresSql, warmPool } from "./sql.js";
import { createWakeupRepo } from "./wakeup-repo.js";
import { createWorkspaceRepo } from "./workspace-repo.js";

export interface PostgresStore extends Store {
  readonly dialect: "postgres";
  readonly sql: PostgresSql;
  /** Applied and pending migrations, for /healthz. */
  migrations(): Promise<MigrationStatus>;
}

export interface PostgresStoreOptions {
  /** When migrations are recorded as applied. */
  now?: Date;
  migrationsDir?: string;
  /** Connections this process may open (DATABASE_POOL_SIZE); 10 when omitted. */
  poolSize?: number;
  /** An idle pooled connection failed (the server restarted); the pool replaces it. Ignored when omitted. */
  onIdleError?: (error: Error) => void;
  /**
   * A long-running service (`tandem start`): every connection is opened before the first event and kept
   * while idle, with the statements it prepared, instead of opened during the first burst and closed after
   * ten idle seconds. Commands that open the store for one job leave it off.
   */
  warm?: boolean;
}

export function createPostgresStore(
  sql: PostgresSql,
  migrationsDir = defaultPostgresMigrationsDir(),
): PostgresStore {
  let closed: Promise<void> | undefined;
  // Inbound batches may take all but two of the pool's connections: the dispatcher and the planner keep some.
  const group = createPostgresGroupCommit(sql, (sql.pool.options.max ?? 10) - 2);
  return {
    dialect: "postgres",
    sql,
    transaction: (fn) => sql.atomic(fn),
    // Inside a transaction, waiting for the next shared one would wait for this one: join it instead.
    batched: (fn, lane) => (sql.inTransaction() ? sql.atomic(fn) : group.run(fn, lane)),
    workspaces: createWorkspaceRepo(sql),
    daysOff: createDaysOffRepo(sql),
    people: createPeopleRepo(sql),
    internships: createInternshipRepo(sql),
    agreements: createAgreementRepo(sql),
    milestones: createMilestoneRepo(sql),
    outbox: createOutboxRepo(sql),
    inbound: createInboundRepo(sql),
    audit: createAuditRepo(sql),
    checkins: createCheckinRepo(sql),
    replyClocks: createReplyClockRepo(sql),
    activity: createActivityRepo(sql),
    introductions: createIntroductionRepo(sql),
    signals: createSignalRepo(sql),
    reflections: createReflectionRepo(sql),
    platformRefs: createPlatformRefRepo(sql),
    installations: createInstallationRepo(sql),
    wakeups: createWakeupRepo(sql),
    leases: createLeaseRepo(sql),
    evaluations: createEvaluationRepo(sql),
    replicas: createReplicaRepo(sql),
    certificates: createCertificateRepo(sql),
    learning: createLearningRepo(sql),
    programmeAdmins: createProgrammeAdminRepo(sql),
    personData: createPersonDataRepo(sql),
    retention: createRetentionRepo(sql),
    portalLinks: createPortalLinkRepo(sql),
    portalSessions: createPortalSessionRepo(sql),
    portalLimits: createPortalLimitRepo(sql),
    ping: async () => (await sql.one<{ ok: number }>("SELECT 1 AS ok"))?.ok === 1,
    probeWrite: async (at) => {
      await sql.run(
        "INSERT INTO health_probe (id, probed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
        [at.getTime()],
      );
    },
    migrations: () => migrationStatus(sql.pool, migrationsDir),
    // An in-memory SQLite copy (preview week): read on its own pooled connection, outside any transaction.
    snapshot: (scope) => memorySnapshot(sql.pool, scope),
    close: () => {
      // pg refuses a second end(): closing twice (a signal during shutdown) is harmless here. Work already
      // started (a batched event waiting for a connection) finishes first, as on SQLite.
      closed ??= group.flush().then(() => sql.end());
      return closed;
    },
  };
}

/** Connects, migrates (safe with several replicas starting at once) and wraps the database. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const max = options.poolSize ?? 10;
  const pool = createPool(url, {
    max,
    ...(options.warm ? { min: max } : {}),
    ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
  });
  const migrationsDir = options.migrationsDir ?? defaultPostgresMigrationsDir();
  try {
    await migrate(pool, migrationsDir, options.now?.getTime() ?? 0);
    if (options.warm) await warmPool(pool, max);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unusableDatabase(url, error);
  }
  return createPostgresStore(createSql(pool), migrationsDir);
}

/** A failure to reach or migrate the database at `url`, as one clear line without the password. */
export function unusableDatabase(url: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    "CONFIG",
    `DATABASE_URL ${redactDatabaseUrl(url)} cannot be used (${(error as Error).message}); check the host, port, user, password and database name, and that the server accepts connections from here`,
    { cause: error },
  );
}
