/**
 * The whole service for reliability scenarios: a temporary SQLite file seeded with programmes,
 * startService with a settable clock, the fake Slack Web API (optionally behind a proxy that injects
 * faults) and the fake Bot Connector, signed Slack requests and Teams activities on loopback.
 */

import type { Config } from "../../src/config.js";
import type { HttpLimits } from "../../src/http-server.js";
import { startService } from "../../src/main.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { startFakeBotConnector } from "../fakes/bot-connector.js";
import { type FakeSlackOptions, startFakeSlackApi } from "../fakes/slack-api.js";
import {
  blockActionsPayload,
  type CommandInput,
  type EnvelopeOptions,
  eventCallback,
  interactivityBody,
  signedRequest,
  slashCommandBody,
  viewSubmissionPayload,
} from "../fakes/slack-requests.js";
import { eventually } from "../helpers/eventually.js";
import { captureLog } from "../helpers/log-capture.js";
import { seededDatabase, tempDatabasePath } from "../helpers/seeded-database.js";
import { createTerminal } from "../helpers/streams.js";
import { type ServiceState, serviceState } from "./service-state.js";

export const SECRET = "secret";
/** The day the scenarios run: Tuesday 1 December 2026; programmes are imported the day before. */
export const IMPORTED_AT = new Date("2026-11-30T08:00:00Z");

export interface ServiceOptions {
  programmes: ProgrammeInput[];
  platforms?: ("slack" | "teams")[];
  /** Where the service sends Web API calls; the fake's own URL when omitted (e.g. a fault proxy). */
  slackApiUrl?: (fakeUrl: string) => Promise<string> | string;
  fakeSlack?: FakeSlackOptions;
  /** Throttling of the fake Bot Connector; Teams' documented limits when omitted. */
  connectorLimits?: { max: number; perMs: number }[];
  /** A temporary file when omitted. */
  databasePath?: string;
  /**
   * Slack workspaces installed through OAuth (several workspaces, each with its own token) instead of
   * one bot token: a single token serves its own workspace only.
   */
  slackInstalls?: string[];
  /** LOG_MESSAGE_TEXT: debug lines may show what people wrote. */
  logMessageText?: boolean;
  /** The HTTP server's timeouts and connection cap, when a test needs them short. */
  httpLimits?: Partial<HttpLimits>;
  /** What the captured log keeps; "info" by default (debug lines add up in long runs). */
  logLevel?: "debug" | "info" | "warn";
}

export async function startReliableService(options: ServiceOptions) {
  const platforms = options.platforms ?? ["slack"];
  const installs = options.slackInstalls ?? [];
  const fake = await startFakeSlackApi({
    tokens: { "xoxb-test": "T1" },
    workspacePerMinute: 1_000_000,
    installs: Object.fromEntries(
      installs.map((team) => [`code-${team}`, { team, token: `xoxb-${team}`, botUserId: "UBOT" }]),
    ),
    ...options.fakeSlack,
  });
  const connector = await startFakeBotConnector(
    options.connectorLimits ? { limits: options.connectorLimits } : {},
  );
  const apiUrl = options.slackApiUrl ? await options.slackApiUrl(fake.url) : fake.url;
  const databasePath = await seededDatabase(
    options.programmes,
    IMPORTED_AT,
    options.databasePath ?? tempDatabasePath("tandem-reliability"),
  );
  const clock = createSettableClock(IMPORTED_AT);
  const logLevel = options.logLevel ?? "info";
  const log = captureLog(logLevel);
  const config: Config = {
    platforms,
    databasePath,
    port: 0,
    // Unauthenticated Teams is refused on any other address.
    host: "127.0.0.1",
    ...(options.logMessageText ? { logMessageText: true } : {}),
    logLevel,
    scheduler: false,
    slack: installs.length
      ? {
          mode: "http",
          signingSecret: SECRET,
          apiUrl,
          // As in the Slack harness: a busy machine must not turn an answer into "Working on it".
          commandAckMs: 30_000,
          oauth: {
            clientId: "123.456",
            clientSecret: "client-secret",
            stateSecret: "a-long-enough-state-secret",
            tokenKey: Buffer.alloc(32, 7).toString("base64"),
          },
        }
      : { mode: "http", botToken: "xoxb-test", signingSecret: SECRET, apiUrl, commandAckMs: 30_000 },
    teams: { appType: "MultiTenant", allowUnauthenticated: true },
  };
  const running = await startService(config, createTerminal(), {
    clock,
    log: log.log,
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
  });
  /** A second connection on the same file (WAL), to look at what the service stored. */
  const peek = openStore(databasePath);
  const base = `http://127.0.0.1:${running.port}`;
  for (const team of installs) await installSlack(base, team);

  let slackPosts = 0;
  const post = (body: Record<string, unknown> | string, contentType: "json" | "form", headers?: object) => {
    slackPosts += 1;
    return signedRequest(base, SECRET, body as Record<string, unknown>, {
      contentType,
      timestamp: clock.now(),
      ...(headers ? { headers: headers as Record<string, string> } : {}),
    });
  };
  // The receiver logs this at debug once a request's listeners have returned (read incrementally).
  let processed = 0;
  let scanned = 0;
  const slackProcessed = () => {
    for (; scanned < log.lines.length; scanned++)
      if (log.lines[scanned]!.msg === "Slack request processed") processed += 1;
    return processed;
  };

  return {
    platforms,
    fake,
    connector,
    clock,
    log,
    running,
    peek,
    base,
    databasePath,
    post,
    command: (input: Omit<CommandInput, "command"> & { command?: string }) =>
      post(slashCommandBody({ command: "/tandem", ...input }), "form"),
    event: (event: Record<string, unknown>, envelope?: EnvelopeOptions, headers?: object) =>
      post(eventCallback(event, envelope), "json", headers),
    press: (input: Parameters<typeof blockActionsPayload>[0]) =>
      post(interactivityBody(blockActionsPayload(input)), "form"),
    submit: (input: Parameters<typeof viewSubmissionPayload>[0]) =>
      post(interactivityBody(viewSubmissionPayload(input)), "form"),
    /** Posts a Teams activity (authentication is off, as in the emulator). */
    activity: (activity: unknown, raw?: string) =>
      fetch(`${base}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: raw ?? JSON.stringify(activity),
      }),
    /** Moves the clock and runs one planner and dispatcher pass, as the metronome would. */
    tickAt: (at: Date) => {
      clock.set(at);
      return running.tick(at);
    },
    /**
     * Waits until every Slack request posted so far was handled to its end, replies included: Slack is
     * answered before its listeners run, so "nothing happened" can only be checked after this.
     */
    async slackSettled(timeoutMs = 10_000): Promise<void> {
      if (logLevel !== "debug")
        throw new Error('slackSettled() needs the service started with logLevel "debug"');
      await eventually(() => slackProcessed() >= slackPosts, timeoutMs);
    },
    /** Slack requests the receiver handled to their end, by its own debug line. */
    slackProcessed,
    /** What the service did so far, read from the database and the fake platforms (see service-state.ts). */
    state: (workspaceId?: number): ServiceState =>
      serviceState(peek.db, { slack: fake, teams: connector }, workspaceId),
    workspace: async (platform: "slack" | "teams", id: string) => (await peek.workspaces.find(platform, id))!,
    async healthy(): Promise<boolean> {
      const response = await fetch(`${base}/healthz`);
      return response.status === 200;
    },
    async stop() {
      await running.stop();
      await peek.close();
      await fake.close();
      await connector.close();
    },
  };
}

/** Adds Tandem to a Slack workspace as an admin would: the install page, then Slack's redirect. */
async function installSlack(base: string, team: string): Promise<void> {
  const page = await fetch(`${base}/slack/install`, { redirect: "manual" });
  const state = /state=([^"&]+)/.exec(await page.text())?.[1];
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  const done = await fetch(`${base}/slack/oauth_redirect?code=code-${team}&state=${state}`, {
    headers: { cookie },
  });
  if (done.status !== 200) throw new Error(`installing Tandem in ${team} failed: ${done.status}`);
}

export type ReliableService = Awaited<ReturnType<typeof startReliableService>>;

/**
 * Every row of every table but the bookkeeping ones, as one string: equal fingerprints mean that nothing
 * was written. Left out: inbound_events (the dedupe record itself) and platform_references (Teams keeps
 * the latest conversation reference of every activity). With `workspaceId`, only that workspace's rows.
 */
export function fingerprint(
  db: { prepare(sql: string): { all(...params: unknown[]): unknown[] } },
  options: { except?: string[]; workspaceId?: number } = {},
): string {
  const except = new Set(["inbound_events", "platform_references", ...(options.except ?? [])]);
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((name) => !except.has(name))
    .sort();
  // Some tables are WITHOUT ROWID: rows are compared as sorted JSON instead of in rowid order.
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  const rows = (name: string) => {
    if (options.workspaceId === undefined) return sorted(db.prepare(`SELECT * FROM "${name}"`).all());
    if (name === "workspaces") {
      return sorted(db.prepare("SELECT * FROM workspaces WHERE id = ?").all(options.workspaceId));
    }
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as { name: string }[];
    if (!columns.some((c) => c.name === "workspace_id")) return [];
    return sorted(db.prepare(`SELECT * FROM "${name}" WHERE workspace_id = ?`).all(options.workspaceId));
  };
  return JSON.stringify(tables.map((name) => [name, rows(name)]));
}

export { eventually } from "../helpers/eventually.js";
