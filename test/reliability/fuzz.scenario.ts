/**
 * Fuzz: random command texts and payloads through signed Slack slash commands, DMs and @mentions,
 * Teams personal and channel messages, and random or broken JSON to /slack/events and /api/messages.
 * Never a 5xx; the service keeps answering /healthz; no reply pings anyone (no unescaped <!channel>,
 * <!here>, <@U...>, bare @here or Teams <at>); every reply is valid Block Kit; a refused command
 * (one the parser rejects, or from someone Tandem does not know) changes no table; and the milestones
 * table only ever holds complete rows.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { mentionCommand } from "../../adapters/slack/inbound.js";
import { plainText, commandText as teamsCommandText } from "../../adapters/teams/inbound.js";
import { MAX_TITLE } from "../../src/domain/command-syntax/milestone-title.js";
import { parseCommand } from "../../src/domain/command-syntax/parse.js";
import { checkBlocks } from "../fakes/slack-blocks.js";
import { appMentionEvent, messageEvent, slackTs } from "../fakes/slack-requests.js";
import {
  BOT,
  type Common,
  channelMessage,
  personalInstall,
  personalMessage,
} from "../fakes/teams-activities.js";
import { CONNECTOR, type FuzzInput, fuzzInput } from "./fuzz-inputs.js";
import { slackSample, TEAMS_HOME, teamsSample } from "./programmes.js";
import { eventually, fingerprint, type ReliableService, startReliableService } from "./service.js";
import type { ServiceState } from "./service-state.js";

export interface FuzzReport {
  cases: number;
  byKind: Record<string, number>;
  refusedUnchanged: number;
  replies: number;
  statuses: Record<string, number>;
  /** What the service did, read from the database and the fakes at the end. */
  state?: ServiceState;
  /** Slack requests the receiver handled to their end, by its own log. */
  slackProcessed?: number;
  /** The database's own checks at the end. */
  integrity?: string;
}

/** HTTP answers of 500 and above; 501 is Bot Framework's own answer to an invoke Tandem does not implement. */
export const serverErrors = (report: FuzzReport): string[] =>
  Object.keys(report.statuses).filter((status) => Number(status) >= 500 && status !== "501");

const KNOWN = new Set(["U0ANA", "U0BRAM", "ana", "bram"]);
const SLACK_REPLIES = new Set([
  "chat.postMessage",
  "chat.postEphemeral",
  "views.open",
  "views.publish",
  "response_url",
]);
/** Slack markup that pings, and the bare words Slack would turn into pings with link_names. */
const SLACK_PING =
  /<!(channel|here|everyone|group|subteam)|<@[UW]|(^|[^\p{L}\p{N}_@\u200b])@(here|channel|everyone)\b/iu;
const TEAMS_PING = /<at[\s>]|(^|[^\p{L}\p{N}_@\u200b])@(here|channel|everyone)\b/iu;

/** Text a person sees in a Slack payload: everything but button values and ids. */
function visible(value: unknown): string {
  return JSON.stringify(value, (key, v) =>
    key === "value" || key === "action_id" || key === "private_metadata" ? undefined : v,
  );
}

/** What the command parser will see for a typed text, exactly as the adapters hand it over. */
function coreText(input: FuzzInput): string | undefined {
  const form = (text: string) =>
    new URLSearchParams(new URLSearchParams({ t: text }).toString()).get("t") ?? "";
  const json = (text: string) => JSON.parse(JSON.stringify(text)) as string;
  switch (input.kind) {
    case "slash": {
      const text = form(input.text).trim();
      return input.command === "/milestone" ? `milestone ${text}`.trim() : text;
    }
    case "dm":
      return json(input.text) === "" ? undefined : json(input.text);
    case "mention":
      return mentionCommand(
        "T1",
        "x",
        { user: input.user, channel: "C0HOME", ts: "1.1", text: `<@UBOT> ${json(input.text)}` },
        "UBOT",
      )?.text;
    case "teams":
      return plainText(json(input.text));
    case "teams-mention":
      return teamsCommandText(
        {
          type: "message",
          text: `<at>${BOT.name}</at> ${json(input.text)}`,
          recipient: { id: BOT.id },
          entities: [
            { type: "mention", mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>` },
          ],
        },
        () => undefined,
      );
    default:
      return undefined;
  }
}

function isUnknownInvoke(body: unknown): boolean {
  const activity = body as { type?: unknown; name?: unknown } | null;
  return activity?.type === "invoke" && activity.name !== "adaptiveCard/action";
}

const incomplete = (s: ReliableService) =>
  s.peek.db
    .prepare(
      `SELECT m.id, m.title, m.due_date FROM milestones m LEFT JOIN internships i ON i.id = m.internship_id
       WHERE i.id IS NULL OR i.workspace_id <> m.workspace_id OR length(trim(m.title)) = 0 OR length(m.title) > ?
          OR m.due_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR NOT EXISTS (SELECT 1 FROM milestone_history h WHERE h.milestone_id = m.id AND h.action = 'add')`,
    )
    .all(MAX_TITLE * 4);

/**
 * What a refused command must leave as it was: every table, but of the outbox only the rows that are not
 * replies (a DM's answer, the refusal itself, is an outbox row sent at once: see InboundEvent.replyTo).
 */
function unchanged(db: Parameters<typeof fingerprint>[0]): string {
  const outbox = db.prepare("SELECT * FROM outbox WHERE key NOT LIKE 'reply-to:%' ORDER BY id").all();
  return `${fingerprint(db, { except: ["outbox"] })}\n${JSON.stringify(outbox)}`;
}

export async function fuzzEverything(numRuns: number, seed?: number): Promise<FuzzReport> {
  const s = await startReliableService({
    programmes: [slackSample("T1"), teamsSample("tenant-1")],
    platforms: ["slack", "teams"],
    fakeSlack: { perChannelPerSecond: 1_000_000, channelBurst: 1_000_000 },
    connectorLimits: [],
    // The receiver's debug line says when a request's listeners are done.
    logLevel: "debug",
  });
  const report: FuzzReport = { cases: 0, byKind: {}, refusedUnchanged: 0, replies: 0, statuses: {} };
  const as = (key: string): Common => ({
    serviceUrl: s.connector.url,
    tenant: "tenant-1",
    from: { aad: `aad-${key}`, name: key },
    timestamp: s.clock.now(),
  });
  try {
    s.clock.set(new Date("2026-12-01T13:00:00Z"));
    for (const key of ["ana", "bram"]) expect((await s.activity(personalInstall(as(key)))).status).toBe(200);

    async function send(input: FuzzInput): Promise<Response> {
      const ts = slackTs(s.clock.now());
      switch (input.kind) {
        case "slash":
          return s.command({
            command: input.command,
            user_id: input.user,
            text: input.text,
            response_url: s.fake.responseUrl("cmd"),
          });
        case "dm":
          return s.event(
            messageEvent({
              user: input.user,
              channel: `D${input.user.slice(1)}`,
              text: input.text,
              ts,
              channel_type: "im",
            }),
          );
        case "mention":
          return s.event(
            appMentionEvent({ user: input.user, channel: "C0HOME", text: `<@UBOT> ${input.text}`, ts }),
          );
        case "teams":
          return s.activity(personalMessage({ ...as(input.user), text: input.text }));
        case "teams-mention":
          return s.activity(
            channelMessage({ ...as(input.user), channel: TEAMS_HOME, atBot: true, text: input.text }),
          );
        case "slack-json":
          return s.post(JSON.stringify(input.body ?? null), "json");
        case "slack-broken":
          return s.post(input.raw, input.contentType);
        case "interactivity":
          return s.post(`payload=${encodeURIComponent(input.payload)}`, "form");
        case "teams-json":
          return s.activity(
            undefined,
            JSON.stringify(input.body ?? null).replaceAll(CONNECTOR, s.connector.url),
          );
        case "teams-broken":
          return s.activity(undefined, input.raw);
      }
    }

    const property = fc.asyncProperty(fuzzInput, async (input) => {
      const slackFrom = s.fake.calls().length;
      const teamsFrom = s.connector.activities().length;
      const text = coreText(input);
      const user = "user" in input ? input.user : "";
      const refused =
        text !== undefined && (!KNOWN.has(user) || !parseCommand(text, { today: "2026-12-01" }).ok);
      const before = refused ? unchanged(s.peek.db) : "";
      const logFrom = s.log.lines.length;
      // Every input is answered; how fast is measured in bench/, and the test's timeout catches a hang.
      const response = await send(input);
      const body = await response.text();
      const what = `${input.kind} ${JSON.stringify(input).slice(0, 300)}`;
      // Bot Framework's own answer to an invoke the bot does not implement (task/fetch, ...) is 501.
      const unknownInvoke = input.kind === "teams-json" && isUnknownInvoke(input.body);
      expect(response.status, what).toBeLessThan(unknownInvoke ? 502 : 500);
      // A direct message from someone Tandem knows that is not a command is chat: a hint at most once a
      // day, nothing at all for "thanks" (issue 14 §7). Every command, and every @mention, is answered.
      const chat = input.kind === "dm" && KNOWN.has(user) && refused;
      if ((input.kind === "dm" && !chat) || input.kind === "mention") {
        if (text !== undefined)
          await eventually(() =>
            s.fake
              .calls()
              .slice(slackFrom)
              .some((c) => SLACK_REPLIES.has(c.method)),
          );
      }
      // Slash commands answer in their acknowledgement; events and interactions finish after it.
      await s.slackSettled();
      if (input.kind === "slash" && body) {
        const ack = JSON.parse(body) as { blocks?: unknown };
        expect(checkBlocks(ack.blocks, "message"), what).toBeUndefined();
        expect(visible(ack), what).not.toMatch(SLACK_PING);
      }
      for (const call of s.fake
        .calls()
        .slice(slackFrom)
        .filter((c) => SLACK_REPLIES.has(c.method))) {
        report.replies += 1;
        expect(
          { status: call.status, ok: call.response?.ok, error: call.response?.error },
          `${call.method} for ${what}`,
        ).toMatchObject({ status: 200, ok: true });
        expect(visible(call.params), what).not.toMatch(SLACK_PING);
      }
      for (const { activity } of s.connector.activities().slice(teamsFrom)) {
        report.replies += 1;
        expect(JSON.stringify(activity), what).not.toMatch(TEAMS_PING);
        expect(
          (activity.entities as { type?: string }[] | undefined)?.some((e) => e.type === "mention") ?? false,
        ).toBe(false);
      }
      if (input.kind.startsWith("teams")) expect(body, what).not.toMatch(TEAMS_PING);
      if (refused) {
        expect(unchanged(s.peek.db), `a refused command changed data: ${what}`).toBe(before);
        report.refusedUnchanged += 1;
      }
      expect(incomplete(s), what).toEqual([]);
      // Hostile text in a well-formed payload gets a clear answer; it never fails a listener or a turn.
      const errors =
        text === undefined ? [] : s.log.lines.slice(logFrom).filter((l) => (l.level as number) >= 50);
      expect(
        errors.map((l) => `${l.msg}: ${(l.err as { message?: string } | undefined)?.message}`),
        what,
      ).toEqual([]);
      report.cases += 1;
      report.byKind[input.kind] = (report.byKind[input.kind] ?? 0) + 1;
      report.statuses[response.status] = (report.statuses[response.status] ?? 0) + 1;
      if (report.cases % 250 === 0) expect(await s.healthy()).toBe(true);
    });
    await fc.assert(property, { numRuns, ...(seed === undefined ? {} : { seed }), endOnFailure: true });
    expect(await s.healthy()).toBe(true);
    expect(s.peek.db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(s.peek.db.pragma("foreign_key_check")).toEqual([]);
    report.state = s.state();
    report.slackProcessed = s.slackProcessed();
    report.integrity = String(s.peek.db.pragma("integrity_check", { simple: true }));
    return report;
  } finally {
    await s.stop();
  }
}
