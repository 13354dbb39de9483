import { afterEach, describe, expect, it } from "vitest";
import { type FakeSlackApi, type FakeSlackOptions, startFakeSlackApi } from "../../fakes/slack-api.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options?: FakeSlackOptions) {
  fake = await startFakeSlackApi(options);
  return fake;
}

function call(method: string, params: Record<string, unknown>, token = "xoxb-test", json = false) {
  const body = json
    ? JSON.stringify(params)
    : new URLSearchParams(
        Object.entries(params).map(([k, v]): [string, string] => [
          k,
          typeof v === "string" ? v : JSON.stringify(v),
        ]),
      ).toString();
  return fetch(`${fake!.url}${method}`, {
    method: "POST",
    headers: {
      "content-type": json ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
    signal: AbortSignal.timeout(2_000),
  });
}

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

describe("the fake Slack Web API", () => {
  it("answers auth.test with the bot's identity, and refuses a wrong or missing token", async () => {
    await start();
    expect(await json(await call("auth.test", {}))).toMatchObject({
      ok: true,
      user_id: "UBOT",
      bot_id: "BBOT",
      team_id: "T1",
    });
    expect(await json(await call("auth.test", {}, "xoxb-other"))).toEqual({
      ok: false,
      error: "invalid_auth",
    });
    expect(await json(await call("auth.test", {}, ""))).toEqual({ ok: false, error: "not_authed" });
    expect(await json(await call("emoji.list", {}))).toEqual({ ok: false, error: "unknown_method" });
  });

  it("records calls with parsed params, form or JSON, and gives each message a unique ts", async () => {
    await start();
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hi" } }];
    const a = await json(await call("chat.postMessage", { channel: "C1", text: "hi", blocks }));
    const b = await json(await call("chat.postMessage", { channel: "U0ANA", text: "hi" }, "xoxb-test", true));
    expect(a).toMatchObject({ ok: true, channel: "C1" });
    expect(b).toMatchObject({ ok: true, channel: "D0ANA" });
    expect(a.ts).not.toBe(b.ts);
    expect(fake!.calls("chat.postMessage").map((c) => c.params)).toEqual([
      { channel: "C1", text: "hi", blocks },
      { channel: "U0ANA", text: "hi" },
    ]);
  });

  it("refuses blocks and views that break Slack's limits", async () => {
    await start();
    const long = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    expect(await json(await call("chat.postMessage", { channel: "C1", blocks: long }))).toMatchObject({
      error: "invalid_blocks",
    });
    const modal = {
      type: "modal",
      title: { type: "plain_text", text: "A title longer than 24 chars" },
      blocks: [],
    };
    expect(await json(await call("views.open", { trigger_id: "t1", view: modal }))).toMatchObject({
      error: "invalid_arguments",
    });
  });

  it("refuses repeated action ids in a block, too many blocks and too much text, as Slack does", async () => {
    await start();
    const button = (id: string, value: string) => ({
      type: "button",
      action_id: id,
      value,
      text: { type: "plain_text", text: "Accept" },
    });
    const post = async (blocks: unknown[]) => json(await call("chat.postMessage", { channel: "C1", blocks }));
    const twice = [
      { type: "actions", elements: [button("milestone.accept", "1"), button("milestone.accept", "2")] },
    ];
    expect(await post(twice)).toMatchObject({ ok: false, error: "invalid_blocks" });
    const apart = [
      { type: "actions", elements: [button("milestone.accept", "1"), button("milestone.accept#2", "2")] },
    ];
    expect(await post(apart)).toMatchObject({ ok: true });
    const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
    expect(await post(Array.from({ length: 51 }, () => section("x")))).toMatchObject({
      error: "invalid_blocks",
    });
    const field = { type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2001) }] };
    expect(await post([field])).toMatchObject({ error: "invalid_blocks" });
    expect(await post(Array.from({ length: 5 }, () => section("t".repeat(2500))))).toMatchObject({
      ok: false,
      error: "msg_blocks_too_long",
    });
    expect(await post(Array.from({ length: 4 }, () => section("t".repeat(2500))))).toMatchObject({
      ok: true,
    });
    const ephemeral = await call("chat.postEphemeral", { channel: "C1", user: "U1", blocks: twice });
    expect(await json(ephemeral)).toMatchObject({ ok: false, error: "invalid_blocks" });
  });

  it("accepts a trigger id once, as Slack does", async () => {
    await start();
    const view = { type: "modal", title: { type: "plain_text", text: "Hi" }, blocks: [] };
    expect(await json(await call("views.open", { trigger_id: "t1", view }))).toMatchObject({ ok: true });
    expect(await json(await call("views.open", { trigger_id: "t1", view }))).toMatchObject({
      error: "expired_trigger_id",
    });
  });

  it("limits chat.postMessage per channel with a small burst, answering 429 with Retry-After", async () => {
    let now = 1_000_000;
    await start({ now: () => now, perChannelPerSecond: 1, channelBurst: 2 });
    const post = (channel: string) => call("chat.postMessage", { channel, text: "x" });
    expect((await post("C1")).status).toBe(200);
    expect((await post("C1")).status).toBe(200);
    const limited = await post("C1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await post("C2")).status).toBe(200);
    now += 1_000;
    expect((await post("C1")).status).toBe(200);
  });

  it("caps chat.postMessage per workspace per minute", async () => {
    let now = 1_000_000;
    await start({ now: () => now, workspacePerMinute: 3 });
    for (const channel of ["C1", "C2", "C3"])
      expect((await call("chat.postMessage", { channel, text: "x" })).status).toBe(200);
    now += 20_000;
    const limited = await call("chat.postMessage", { channel: "C4", text: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("40");
    now += 40_000;
    expect((await call("chat.postMessage", { channel: "C4", text: "x" })).status).toBe(200);
  });

  it("measures each workspace's busiest minute of a method, the calls it refused included", async () => {
    let now = 1_000_000;
    await start({ now: () => now, workspacePerMinute: 3, tokens: { "xoxb-test": "T1", "xoxb-two": "T2" } });
    for (const channel of ["C1", "C2", "C3", "C4"]) await call("chat.postMessage", { channel, text: "x" });
    now += 59_999;
    await call("chat.postMessage", { channel: "C5", text: "x" });
    now += 1;
    await call("chat.postMessage", { channel: "C6", text: "x" }, "xoxb-two");
    expect(fake!.calls("chat.postMessage").filter((c) => c.status === 429)).toHaveLength(2);
    // T1: four calls at the start and one 59.999 s later fall within one minute.
    expect(fake!.peakPerMinute("chat.postMessage")).toEqual(
      new Map([
        ["T1", 5],
        ["T2", 1],
      ]),
    );
    expect(fake!.peakPerMinute("chat.postMessage", { from: 1_000_001, to: 1_060_000 })).toEqual(
      new Map([["T1", 1]]),
    );
    expect(fake!.workspacePerMinute).toBe(3);
  });

  it("fails the next calls of a method as told, only for matching params when asked", async () => {
    await start();
    fake!.failNext("chat.postMessage", { error: "channel_not_found", when: { channel: "C9" } }, 2);
    fake!.failNext("views.publish", { status: 503 });
    expect(await json(await call("chat.postMessage", { channel: "C1", text: "x" }))).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 2; i++) {
      expect(await json(await call("chat.postMessage", { channel: "C9", text: "x" }))).toMatchObject({
        error: "channel_not_found",
      });
    }
    expect(await json(await call("chat.postMessage", { channel: "C9", text: "x" }))).toMatchObject({
      ok: true,
    });
    expect((await call("views.publish", { user_id: "U1", view: { type: "home", blocks: [] } })).status).toBe(
      503,
    );
  });

  it("holds a hung call until released", async () => {
    await start();
    fake!.hangNext("chat.postMessage");
    await expect(
      fetch(`${fake!.url}chat.postMessage`, {
        method: "POST",
        headers: { authorization: "Bearer xoxb-test" },
        body: "channel=C1&text=x",
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    fake!.hangNext("chat.postMessage");
    const pending = call("chat.postMessage", { channel: "C1", text: "x" });
    await fake!.waitFor("chat.postMessage", 2);
    expect(fake!.calls("chat.postMessage")[1]?.status).toBeUndefined();
    fake!.release();
    expect((await pending).status).toBe(200);
  });
});
