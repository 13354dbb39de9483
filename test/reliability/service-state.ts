/**
 * What the service did, read from where it left its traces: the database (outbox rows by key prefix
 * and status, inbound events, reply clocks, milestones) and the fake platforms (Web API calls Slack
 * accepted, activities the Bot Connector took). Reliability tests assert on this, never on counters a
 * scenario keeps itself.
 */
import type { FakeBotConnector } from "../fakes/bot-connector.js";
import type { FakeSlackApi } from "../fakes/slack-api.js";

type Db = { prepare(sql: string): { all(...params: unknown[]): unknown[] } };

export interface ServiceState {
  /** Outbox rows by "<key prefix>:<status>", e.g. "checkin:sent". */
  outbox: Record<string, number>;
  /** Platform events recorded for deduplication (all workspaces). */
  inboundEvents: number;
  /** Reply clocks by close reason ("open" while running). */
  clocks: Record<string, number>;
  /** Milestones by status. */
  milestones: Record<string, number>;
  /** Slack Web API calls the fake answered ok, by method. */
  slack: Record<string, number>;
  /** Activities the fake Bot Connector took. */
  teams: number;
}

const tally = (rows: unknown[]): Record<string, number> =>
  Object.fromEntries((rows as { k: string; n: number }[]).map((r) => [r.k, r.n]));

export function serviceState(
  db: Db,
  platforms: { slack?: FakeSlackApi; teams?: FakeBotConnector } = {},
  workspaceId?: number,
): ServiceState {
  const where = workspaceId === undefined ? "" : `WHERE workspace_id = ${Number(workspaceId)}`;
  const slack: Record<string, number> = {};
  for (const call of platforms.slack?.okCalls() ?? []) slack[call.method] = (slack[call.method] ?? 0) + 1;
  return {
    outbox: tally(
      db
        .prepare(
          `SELECT substr(key, 1, instr(key, ':') - 1) || ':' || status AS k, count(*) AS n FROM outbox ${where} GROUP BY 1 ORDER BY 1`,
        )
        .all(),
    ),
    inboundEvents: (db.prepare("SELECT count(*) AS n FROM inbound_events").all() as { n: number }[])[0]!.n,
    clocks: tally(
      db
        .prepare(
          `SELECT coalesce(close_reason, 'open') AS k, count(*) AS n FROM tracked_messages ${where} GROUP BY 1 ORDER BY 1`,
        )
        .all(),
    ),
    milestones: tally(
      db.prepare(`SELECT status AS k, count(*) AS n FROM milestones ${where} GROUP BY 1 ORDER BY 1`).all(),
    ),
    slack,
    teams: platforms.teams?.activities().length ?? 0,
  };
}

/** The outbox counts of one key prefix, e.g. checkins(state) -> { "checkin:sent": 200 }. */
export const outboxOf = (state: ServiceState, prefix: string): Record<string, number> =>
  Object.fromEntries(Object.entries(state.outbox).filter(([key]) => key.startsWith(`${prefix}:`)));
