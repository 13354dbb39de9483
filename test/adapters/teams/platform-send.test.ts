/** createTeamsPlatform's proactive sends against the fake Bot Connector, with references in a real store. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsPlatform } from "../../../adapters/teams/teams-platform.js";
import { AppError } from "../../../src/domain/errors.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import type { SqliteStore } from "../../../src/storage/sqlite-store.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";
import { BOT, personalConversationId, teamsUserId } from "../../fakes/teams-activities.js";
import { type CapturedLog, captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";

const TENANT = "tenant-1";
let fake: FakeBotConnector;
let store: SqliteStore;
let captured: CapturedLog;
let teams: ChatPlatform;

/** What TurnContext.getConversationReference stores for a person's personal chat with Tandem. */
async function rememberPersonalChat(key: string) {
  const aad = `aad-${key}`;
  const reference = {
    activityId: "1764000000001",
    user: { id: teamsUserId({ aad, name: key }), name: key, aadObjectId: aad },
    bot: BOT,
    conversation: {
      id: personalConversationId({ aad, name: key }),
      conversationType: "personal",
      tenantId: TENANT,
    },
    channelId: "msteams",
    locale: "en-US",
    serviceUrl: fake.url,
  };
  await store.platformRefs.save("teams", TENANT, "user", aad, JSON.stringify(reference), new Date());
}

beforeEach(async () => {
  fake = await startFakeBotConnector();
  store = createTestStore();
  captured = captureLog();
  const clock = createSettableClock(new Date("2026-12-01T12:00:00Z"));
  teams = createTeamsPlatform(
    { appType: "MultiTenant", allowUnauthenticated: true, sendTimeoutMs: 300 },
    { clock, log: captured.log, refs: store.platformRefs },
  );
  await teams.start(async () => undefined);
});
afterEach(async () => {
  await teams.stop();
  await store.close();
  await fake.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("proactive sends in Teams", () => {
  it("posts a card into the person's personal chat through their stored reference", async () => {
    await rememberPersonalChat("ana");
    const result = await teams.send(`teams:${TENANT}:user:aad-ana`, {
      text: "Hi Ana, time for your check-in",
      buttons: [{ action: "checkin.open", value: "2026-12-01", label: "Answer" }],
    });
    const [posted] = fake.activities("a:1aad-ana");
    expect(result).toEqual({ ref: posted?.id });
    expect(posted?.activity).toMatchObject({
      type: "message",
      from: { id: BOT.id },
      recipient: { aadObjectId: "aad-ana" },
      conversation: { id: "a:1aad-ana" },
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive" }],
    });
  });

  it("reports a person without a stored reference as unreachable, without calling Teams", async () => {
    const error = await failure(teams.send(`teams:${TENANT}:user:aad-bram`, { text: "hello" }));
    expect(error.code).toBe("UNREACHABLE");
    expect(error.retryable).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  it("treats 403 (the app was removed) as unreachable", async () => {
    await rememberPersonalChat("ana");
    fake.failNext(1, 403);
    const error = await failure(teams.send(`teams:${TENANT}:user:aad-ana`, { text: "hello" }));
    expect(error.code).toBe("UNREACHABLE");
    expect(error.retryable).toBe(false);
  });

  it.each([412, 429, 502, 504] as const)(
    "hands %i back to the outbox at once as retryable, after one call (no hidden SDK retries)",
    async (status) => {
      await rememberPersonalChat("ana");
      fake.failNext(1, status, 3);
      const error = await failure(teams.send(`teams:${TENANT}:user:aad-ana`, { text: "hello" }));
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBe(status === 429 ? 3_000 : undefined);
      expect(fake.calls.map((c) => c.status)).toEqual([status]);
      expect(fake.activities()).toEqual([]);
    },
  );

  it("gives up on a connector that hangs after the send timeout, as a retryable failure", async () => {
    await rememberPersonalChat("ana");
    fake.failNext(1, "hang");
    const error = await failure(teams.send(`teams:${TENANT}:user:aad-ana`, { text: "hello" }));
    expect(error.retryable).toBe(true);
    // The send timeout aborted the request (a hang with no timeout would time the test out instead).
    expect(error.message).toMatch(/aborted/);
    expect(fake.calls).toHaveLength(1);
  });

  it("sends a group message to each member who can be reached, and names the others in the log", async () => {
    await rememberPersonalChat("ana");
    await rememberPersonalChat("olga");
    await teams.send(`teams:${TENANT}:group:aad-ana,aad-bram,aad-olga`, { text: "Meet each other" });
    expect(fake.activities("a:1aad-ana")).toHaveLength(1);
    expect(fake.activities("a:1aad-olga")).toHaveLength(1);
    const warning = captured.lines.find(
      (l) => l.msg === "some members of a group message could not be reached",
    );
    expect(warning?.unreachable).toEqual(["aad-bram"]);
    const none = await failure(teams.send(`teams:${TENANT}:group:aad-bram,aad-ben`, { text: "x" }));
    expect(none.code).toBe("UNREACHABLE");
  });

  it("refuses addresses of other platforms", async () => {
    const error = await failure(teams.send("slack:T1:user:U1", { text: "x" }));
    expect(error.code).toBe("PLATFORM");
  });
});
