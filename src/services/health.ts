/**
 * What /healthz and /readyz say, truthfully: the database answers and can be written (a cheap write
 * probe), its migrations are current, the last tick did not fail, messages are not all dead-lettering,
 * and which workspaces have their sends paused. Status: "ok", "degraded" (working, but someone should
 * look) or "failing" (503).
 */
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";
import type { Dispatcher } from "./dispatcher.js";
import type { Ticker } from "./ticker.js";

export type HealthStatus = "ok" | "degraded" | "failing";

export interface HealthReport {
  ok: boolean;
  status: HealthStatus;
  checks: Record<string, unknown>;
}

export interface ReadyReport {
  ready: boolean;
  status: HealthStatus | "starting";
  reasons: string[];
  /** The store's engine and state; never where it is (a URL would carry the password). */
  database?: { engine: Store["dialect"]; state: DatabaseState; migrationsCurrent: boolean };
}

export type DatabaseState = "ok" | "not writable" | "down";

/**
 * What went wrong, in words that carry no secret: a driver's code (ECONNREFUSED, a SQLSTATE), never its
 * message, which may name the server or, for PostgreSQL, echo a URL.
 */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "unreachable";
}

/** At least this many dead letters in the last hour and nothing sent: delivery is failing, not one person. */
const ALL_DEAD = 5;
/** A flood of /healthz must not become a flood of writes. */
const PROBE_EVERY_MS = 1_000;

export interface Health {
  health(): Promise<HealthReport>;
  ready(started: boolean): Promise<ReadyReport>;
}

export function createHealth(deps: {
  store: Store;
  clock: Clock;
  dispatcher: Dispatcher;
  ticker: Ticker;
  migrations: () => Promise<{ current: boolean }>;
}): Health {
  const { store, clock } = deps;
  let probed: { at: number; writable: boolean; error?: string } | undefined;

  async function writable(now: Date): Promise<{ writable: boolean; error?: string }> {
    if (probed && now.getTime() - probed.at < PROBE_EVERY_MS && now.getTime() >= probed.at) return probed;
    try {
      await store.probeWrite(now);
      probed = { at: now.getTime(), writable: true };
    } catch (error) {
      // SQLite's own words ("database or disk is full", "attempt to write a readonly database") carry no secret.
      const code = (error as { code?: string }).code;
      probed = { at: now.getTime(), writable: false, error: code ?? "write failed" };
    }
    return probed;
  }

  function paused() {
    return Promise.all(
      deps.dispatcher.outages.list().map(async (o) => {
        // A database that stopped answering still lets health say which workspaces are paused, by id.
        const workspace = await store.workspaces.get(o.workspaceId).catch(() => undefined);
        return {
          workspace: workspace ? `${workspace.platform}:${workspace.externalId}` : String(o.workspaceId),
          since: o.since.toISOString(),
          reason: o.reason,
        };
      }),
    );
  }

  /** Whether the database answers; a PostgreSQL server that is down rejects instead of answering false. */
  async function ping(): Promise<{ answers: boolean; error?: string }> {
    try {
      return { answers: await store.ping() };
    } catch (error) {
      return { answers: false, error: errorCode(error) };
    }
  }

  async function migrationState(answers: boolean): Promise<{ current: boolean; error?: string }> {
    if (!answers) return { current: false, error: "the database does not answer" };
    try {
      return await deps.migrations();
    } catch (error) {
      return { current: false, error: errorCode(error) };
    }
  }

  async function health(): Promise<HealthReport> {
    const now = clock.now();
    const { answers, error: pingError } = await ping();
    const write = answers
      ? await writable(now)
      : { writable: false, ...(pingError ? { error: pingError } : {}) };
    const migrations = await migrationState(answers);
    const tick = deps.ticker.health();
    const deliveries = deps.dispatcher.stats.lastHour(now);
    const pausedWorkspaces = await paused();
    const failing = [
      !answers && "the database does not answer",
      answers && !write.writable && "the database cannot be written (disk full or read-only?)",
      answers && !migrations.current && "migrations are not current",
      tick.failing && "the last tick failed",
      deliveries.dead >= ALL_DEAD &&
        deliveries.sent === 0 &&
        "every message in the last hour was dead-lettered",
    ].filter((r): r is string => typeof r === "string");
    const degraded = [
      pausedWorkspaces.length > 0 && "sends are paused in some workspaces",
      deliveries.dead > 0 && "messages were dead-lettered in the last hour",
    ].filter((r): r is string => typeof r === "string");
    const status: HealthStatus = failing.length > 0 ? "failing" : degraded.length > 0 ? "degraded" : "ok";
    return {
      ok: status !== "failing",
      status,
      checks: {
        database: (answers ? (write.writable ? "ok" : "not writable") : "down") satisfies DatabaseState,
        databaseEngine: store.dialect,
        ...(write.error ? { databaseError: write.error } : {}),
        migrations,
        lastTick: tick.lastTickAt?.toISOString() ?? null,
        ...(tick.failing
          ? {
              tickFailing: {
                at: tick.failing.at.toISOString(),
                failedRules: tick.failing.failedRules,
                ...(tick.failing.error ? { error: tick.failing.error } : {}),
              },
            }
          : {}),
        lastHour: deliveries,
        pausedWorkspaces,
        problems: [...failing, ...degraded],
      },
    };
  }

  return {
    health,
    async ready(started) {
      if (!started) return { ready: false, status: "starting", reasons: ["Tandem is starting or stopping"] };
      const report = await health();
      const reasons: string[] = [];
      if (report.checks.database === "down") reasons.push("the database does not answer");
      else if (report.checks.database !== "ok") reasons.push("the database cannot be written");
      // Every workspace paused (the one workspace of a single bot token): nothing can be sent at all.
      // Some paused among many: the others still work, so the instance stays in service ("degraded").
      const pausedCount = (report.checks.pausedWorkspaces as unknown[]).length;
      const down = report.checks.database === "down";
      const chatWorkspaces = down
        ? 0
        : (await store.workspaces.list()).filter((w) => w.platform !== "console").length;
      if (!down && pausedCount > 0 && pausedCount >= chatWorkspaces) {
        reasons.push("sends are paused in every workspace: the platform refuses Tandem's credentials");
      }
      const database = {
        engine: store.dialect,
        state: report.checks.database as DatabaseState,
        migrationsCurrent: (report.checks.migrations as { current: boolean }).current,
      };
      return {
        ready: reasons.length === 0,
        status: reasons.length ? "failing" : report.status,
        reasons,
        database,
      };
    },
  };
}
