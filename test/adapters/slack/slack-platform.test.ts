import { afterEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../../adapters/slack/slack-platform.js";
import { groupAddress, userAddress } from "../../../src/domain/addresses.js";
import { type AppError, isAppError } from "../../../src/domain/errors.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { type FakeSlackApi, type FakeSlackOptions, startFakeSlackApi } from "../../fakes/slack-api.js";
import { captureLog } from "../../helpers/log-capture.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function platform(options: { token?: string; fake?: FakeSlackOptions; perChannelMs?: number } = {}) {
  fake = await startFakeSlackApi(options.fake);
  const log = captureLog();
  const slack = createSlackPlatform(
    {
      auth: { kind: "token", botToken: options.token ?? "xoxb-test" },
      connection: { mode: "http", signingSecret: "secret" },
      apiUrl: fake.url,
      ...(options.perChannelMs !== undefined ? { perChannelMs: options.perChannelMs } : {}),
    },
    { clock: createSettableClock(new Date("2026-12-01T12:00:00Z")), log: log.log },
  );
  return { slack, log, fake };
}

async function sendError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the send to fail");
}

describe("the Slack platform", () => {
  it("connects with auth.test and says which token to copy when Slack refuses it", async () => {
    const { slack, fake } = await platform({ token: "xoxb-wrong" });
    const error = await sendError(slack.start(async () => undefined));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toMatch(
      /^SLACK_BOT_TOKEN was refused by Slack \(.*invalid_auth.*\); copy the Bot User OAuth Token/,
    );
    expect(error.message).not.toContain("xoxb-wrong");
    expect(fake.calls("auth.test")[0]?.token).toBe("xoxb-wrong");
  });

  it("posts to a person by user id, with the bot token, and returns Slack's ts as the ref", async () => {
    const { slack, fake } = await platform();
    const result = await slack.send(userAddress("slack", "T1", "U0ANA"), { text: "Hello & welcome" });
    const [call] = fake.calls("chat.postMessage");
    expect(call?.token).toBe("xoxb-test");
    expect(call?.params).toMatchObject({
      channel: "U0ANA",
      text: "Hello &amp; welcome",
      unfurl_links: "false",
    });
    expect(result.ref).toBe(call?.response?.ts);
  });

  it("opens a group conversation for a group address, then posts into it", async () => {
    const { slack, fake } = await platform();
    await slack.send(groupAddress("slack", "T1", ["U0BRAM", "U0ANA"]), { text: "Meet each other" });
    expect(fake.calls("conversations.open")[0]?.params.users).toBe("U0ANA,U0BRAM");
    expect(fake.calls("chat.postMessage")[0]?.params.channel).toBe("G0ANA0BRAM");
  });

  it("reports final Slack errors as not retryable and passing trouble as retryable", async () => {
    const { slack, fake } = await platform({ perChannelMs: 0 });
    const to = userAddress("slack", "T1", "U0ANA");
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    const final = await sendError(slack.send(to, { text: "x" }));
    expect(final).toMatchObject({ code: "UNREACHABLE", retryable: false });
    expect(final.message).toBe("Slack refused the message: channel_not_found");
    fake.failNext("chat.postMessage", { error: "internal_error" });
    expect((await sendError(slack.send(to, { text: "x" }))).retryable).toBe(true);
    fake.failNext("chat.postMessage", { status: 503 });
    expect((await sendError(slack.send(to, { text: "x" }))).retryable).toBe(true);
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    expect(await sendError(slack.send(to, { text: "x" }))).toMatchObject({
      retryable: true,
      retryAfterMs: 7_000,
    });
    // The client itself does not retry: each failure above was one call.
    expect(fake.calls("chat.postMessage")).toHaveLength(4);
  });

  it("paces messages to one channel so Slack's one-per-second limit is not hit", async () => {
    const { slack, fake } = await platform({ fake: { perChannelPerSecond: 1, channelBurst: 1 } });
    const to = userAddress("slack", "T1", "U0BRAM");
    await Promise.all([1, 2, 3].map((n) => slack.send(to, { text: `message ${n}` })));
    expect(fake.calls("chat.postMessage").map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it("would be rate limited by the fake without pacing, which proves the fake enforces the limit", async () => {
    const { slack, fake } = await platform({
      fake: { perChannelPerSecond: 1, channelBurst: 1 },
      perChannelMs: 0,
    });
    const to = userAddress("slack", "T1", "U0BRAM");
    const results = await Promise.allSettled([1, 2].map((n) => slack.send(to, { text: `message ${n}` })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(
      fake
        .calls("chat.postMessage")
        .map((c) => c.status)
        .sort(),
    ).toEqual([200, 429]);
  });
});
