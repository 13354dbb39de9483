/**
 * The whole service with Teams on loopback: a temporary SQLite file seeded with a Teams programme,
 * startService with a settable clock, the real CloudAdapter on POST /api/messages, and the fake Bot
 * Connector as every activity's serviceUrl.
 */

import { DateTime } from "luxon";
import type { Config } from "../../../src/config.js";
import { startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { startFakeBotConnector } from "../../fakes/bot-connector.js";
import {
  type Common,
  personalConversationId,
  personalInstall,
  type TeamsUser,
} from "../../fakes/teams-activities.js";
import { eventually } from "../../helpers/eventually.js";
import { captureLog, errorSaying } from "../../helpers/log-capture.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { seededDatabase, tempDatabasePath } from "../../helpers/seeded-database.js";
import { createTerminal } from "../../helpers/streams.js";

export const TENANT = "tenant-1";
export const HOME = "19:home@thread.tacv2";
export const SP = "America/Sao_Paulo";
export const BXL = "Europe/Brussels";
export const APP_ID = "00000000-0000-0000-0000-0000000000b0";

const NAMES: Record<string, string> = {
  ana: "Ana Souza",
  bram: "Bram Peeters",
  chloe: "Chloé Martin",
  lena: "Lena Vogel",
  ben: "Ben Okafor",
  olga: "Olga Berg",
  piet: "Piet Smet",
};
/** People of the sample programme as Teams users: ana is aad-ana, bram aad-bram, ... */
export const user = (key: string): TeamsUser => ({ aad: `aad-${key}`, name: NAMES[key] ?? key });

/** The sample programme in tenant-1, everyone with an AAD object id; ana's home channel is HOME, likes acknowledge. */
export function teamsProgramme() {
  const base = sampleProgramme();
  return {
    ...base,
    workspace: { platform: "teams" as const, id: TENANT },
    people: base.people.map((p) => ({ ...p, ids: { teams: `aad-${p.key}` } })),
    internships: (base.internships ?? []).map((i) =>
      i.key === "ana-2026"
        ? {
            ...i,
            homeChannel: HOME,
            // Teams has a fixed set of reactions: a like acknowledges a message.
            agreement: { ...i.agreement, tools: ["Teams"], replies: { ackReaction: "like" } },
          }
        : i,
    ),
  };
}

/**
 * Matches the dead-letter errors for these people, who never installed Tandem: a test that installs
 * only some people allows the others' lines with `log.allowErrors(neverInstalledBy("ben", ...))`.
 */
export const neverInstalledBy = (...keys: string[]) =>
  errorSaying(new RegExp(`^no Teams conversation with (${keys.map((k) => `aad-${k}`).join("|")}):`));

export async function startTeamsService(options: { authenticated?: boolean } = {}) {
  const fake = await startFakeBotConnector();
  // Imported the day before the journeys, so every internship is awake from then on.
  const clock = createSettableClock(new Date("2026-11-30T08:00:00Z"));
  const databasePath = await seededDatabase(
    [teamsProgramme()],
    clock.now(),
    tempDatabasePath("tandem-teams"),
  );
  const log = captureLog();
  const config: Config = {
    platforms: ["teams"],
    databasePath,
    port: 0,
    // Unauthenticated Teams is refused on any other address.
    host: "127.0.0.1",
    logLevel: "info",
    scheduler: false,
    slack: { mode: "http" },
    teams: options.authenticated
      ? {
          appId: APP_ID,
          appPassword: "not-a-real-secret",
          appType: "MultiTenant",
          allowUnauthenticated: false,
        }
      : { appType: "MultiTenant", allowUnauthenticated: true },
  };
  const running = await startService(config, createTerminal(), { clock, log: log.log });
  /** A second connection on the same file (WAL), to look at what the service stored. */
  const peek = openStore(databasePath);
  const base = `http://127.0.0.1:${running.port}`;
  const workspace = (await peek.workspaces.find("teams", TENANT))!;

  /** Posts an activity to the bot as Teams would (without a token: authentication is off). */
  const post = (activity: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(activity),
    });

  /** The fields every activity from `key` shares: serviceUrl, tenant, sender, the clock's now. */
  const as = (key: string, extra: Partial<Common> = {}): Common => ({
    serviceUrl: fake.url,
    tenant: TENANT,
    from: user(key),
    timestamp: clock.now(),
    ...extra,
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
    as,
    /** The person installs Tandem for themselves: Teams sends conversationUpdate in their personal chat. */
    async install(key: string) {
      const response = await post(personalInstall(as(key)));
      if (response.status !== 200) throw new Error(`install for ${key} answered ${response.status}`);
    },
    /** Moves the clock and runs one planner and dispatcher pass, as the metronome would. */
    tickAt: (at: Date) => {
      clock.set(at);
      return running.tick(at);
    },
    local: (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate(),
    internship: async (key: string) => (await peek.internships.byKey(workspace.id, key))!,
    person: async (key: string) => (await peek.people.byKey(workspace.id, key))!,
    /**
     * Tandem's answer to an activity in someone's personal chat. It goes through the outbox (key
     * `reply-to:<conversation>|<activity id>`) and is posted proactively just after the activity is
     * answered: this waits for its row to be sent and returns what the connector accepted for it.
     */
    async replyTo(activity: { id: string; conversation: { id: string } }, timeoutMs = 5_000) {
      const key = `reply-to:${activity.conversation.id}|${activity.id}`;
      const row = await eventually(async () => {
        const found = await peek.outbox.get(workspace.id, key);
        return found?.status === "sent" ? found : undefined;
      }, timeoutMs);
      const posted = fake.activities().find((p) => p.id === row.platformRef);
      if (!posted) throw new Error(`the connector has no activity ${row.platformRef} for ${key}`);
      return posted;
    },
    /** What the connector accepted in this person's chat with Tandem, oldest first. */
    chat: (key: string) => fake.activities(personalConversationId(user(key))).map((p) => p.activity),
    logged: (msg: string) => log.lines.filter((l) => l.msg === msg),
    outbox: (prefix: string) =>
      peek.db
        .prepare("SELECT key, status, attempts, last_error AS error FROM outbox WHERE key LIKE ? ORDER BY id")
        .all(`${prefix}%`) as { key: string; status: string; attempts: number; error: string | null }[],
    async stop() {
      await running.stop();
      await peek.close();
      await fake.close();
    },
  };
}

export type TeamsService = Awaited<ReturnType<typeof startTeamsService>>;

/**
 * The journeys' start: the evening before, Ana and Bram have installed Tandem; the others never did, so what
 * the rules queue for them is dead-lettered (and logged as an error the tests expect).
 */
export async function startTeamsWithAnaAndBram(): Promise<TeamsService> {
  const teams = await startTeamsService();
  teams.clock.set(teams.local("2026-11-30T17:00", SP));
  await teams.install("ana");
  await teams.install("bram");
  teams.log.allowErrors(neverInstalledBy("ben", "chloe", "lena", "olga", "piet"));
  return teams;
}

/** The Adaptive Card of a posted activity, if it has one. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments as
    | { contentType: string; content: Record<string, unknown> }[]
    | undefined;
  return attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}

/** The Action.Submit data of a card's actions. */
export function submitData(card: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const actions = (card?.actions ?? []) as { type: string; data?: Record<string, unknown> }[];
  return actions.filter((a) => a.type === "Action.Submit").map((a) => a.data ?? {});
}

export { eventually };
