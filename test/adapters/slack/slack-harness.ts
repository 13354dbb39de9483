/**
 * The whole service with Slack on loopback: a temporary SQLite file seeded with a Slack programme,
 * startService with a settable clock, the fake Web API, and signed requests to POST /slack/events.
 */

import { DateTime } from "luxon";
import type { Config } from "../../../src/config.js";
import { startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { startFakeSlackApi } from "../../fakes/slack-api.js";
import {
  blockActionsPayload,
  type CommandInput,
  type EnvelopeOptions,
  eventCallback,
  interactivityBody,
  signedRequest,
  slashCommandBody,
  viewSubmissionPayload,
} from "../../fakes/slack-requests.js";
import { captureLog } from "../../helpers/log-capture.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { seededDatabase, tempDatabasePath } from "../../helpers/seeded-database.js";
import { createTerminal } from "../../helpers/streams.js";

export const SECRET = "secret";
export const SP = "America/Sao_Paulo";
export const BXL = "Europe/Brussels";
/**
 * The platform paces chat.postMessage in real time (about 1.1 s per channel) whatever the test clock says,
 * and startService offers no way to shorten it: a tick that messages one person several times takes seconds.
 */
export const PACED_TIMEOUT = 60_000;

/** The sample programme in Slack workspace T1: ana is U0ANA, bram U0BRAM, ...; ana's home channel C0HOME. */
export function slackProgramme() {
  const base = sampleProgramme();
  return {
    ...base,
    workspace: { platform: "slack" as const, id: "T1" },
    people: base.people.map((p) => ({ ...p, ids: { slack: `U0${p.key.toUpperCase()}` } })),
    internships: (base.internships ?? []).map((i) =>
      i.key === "ana-2026" ? { ...i, homeChannel: "C0HOME" } : i,
    ),
  };
}

/**
 * `commandAckMs`: how long a slash command may work before "Working on it" (30 s here, so a busy machine
 * does not change the answers tests read; the service's own is 1.5 s).
 */
export async function startSlackService(options: { commandAckMs?: number } = {}) {
  const fake = await startFakeSlackApi();
  // Imported the day before the journeys, so every internship is awake from then on.
  const clock = createSettableClock(new Date("2026-11-30T08:00:00Z"));
  const databasePath = await seededDatabase(
    [slackProgramme()],
    clock.now(),
    tempDatabasePath("tandem-slack"),
  );
  const log = captureLog();
  const config: Config = {
    platforms: ["slack"],
    databasePath,
    port: 0,
    logLevel: "info",
    scheduler: false,
    slack: {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.url,
      commandAckMs: options.commandAckMs ?? 30_000,
    },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
  const running = await startService(config, createTerminal(), { clock, log: log.log });
  /** A second connection on the same file (WAL), to look at what the service stored. */
  const peek = openStore(databasePath);
  const base = `http://127.0.0.1:${running.port}`;
  const workspace = (await peek.workspaces.find("slack", "T1"))!;

  const post = (
    body: Record<string, unknown>,
    contentType: "json" | "form",
    headers?: Record<string, string>,
  ) =>
    signedRequest(base, SECRET, body, {
      contentType,
      timestamp: clock.now(),
      ...(headers ? { headers } : {}),
    });

  return {
    fake,
    clock,
    log,
    running,
    peek,
    base,
    workspace,
    post,
    command: (input: Omit<CommandInput, "command"> & { command?: string }) =>
      post(slashCommandBody({ command: "/tandem", ...input }), "form"),
    event: (event: Record<string, unknown>, options?: EnvelopeOptions, headers?: Record<string, string>) =>
      post(eventCallback(event, options), "json", headers),
    press: (input: Parameters<typeof blockActionsPayload>[0]) =>
      post(interactivityBody(blockActionsPayload(input)), "form"),
    submit: (input: Parameters<typeof viewSubmissionPayload>[0]) =>
      post(interactivityBody(viewSubmissionPayload(input)), "form"),
    /** Moves the clock and runs one planner and dispatcher pass, as the metronome would. */
    tickAt: (at: Date) => {
      clock.set(at);
      return running.tick(at);
    },
    local: (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate(),
    internship: async (key: string) => (await peek.internships.byKey(workspace.id, key))!,
    /** Messages Slack accepted into this person's direct message, oldest first. */
    dm: (user: string) =>
      fake.okCalls("chat.postMessage").filter((c) => c.response?.channel === fake.dmChannel(user)),
    /** Those of them whose text contains `text` (other rules may message the same people). */
    dmWith: (user: string, text: string) =>
      fake
        .okCalls("chat.postMessage")
        .filter((c) => c.response?.channel === fake.dmChannel(user) && String(c.params.text).includes(text)),
    logged: (msg: string) => log.lines.filter((l) => l.msg === msg),
    async stop() {
      await running.stop();
      await peek.close();
      await fake.close();
    },
  };
}

export type SlackService = Awaited<ReturnType<typeof startSlackService>>;

/** The text of every block of a recorded message or view, joined, for loose assertions. */
export function blockText(value: unknown): string {
  return JSON.stringify(value);
}

export { eventually } from "../../helpers/eventually.js";

export type Button = { type: string; action_id: string; value: string };

/** The buttons of a message's actions blocks. */
export const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks as { type: string; elements?: Button[] }[]) ?? [])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? []);
