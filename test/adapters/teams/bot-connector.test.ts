import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";

let fake: FakeBotConnector | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const post = (path: string, body: unknown) =>
  fetch(`${fake!.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const activity = (text: string) => ({ type: "message", from: { id: "28:bot-id" }, text });
const conv = (id: string) => `v3/conversations/${encodeURIComponent(id)}/activities`;

describe("the fake Bot Connector", () => {
  it("answers sends, replies and new conversations with ids, and records every call", async () => {
    fake = await startFakeBotConnector();
    const sent = await post(conv("a:1aad-ana"), activity("hi"));
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const reply = await post(`${conv("19:c@thread.tacv2;messageid=1")}/1`, activity("re"));
    expect(reply.status).toBe(200);
    const created = await post("v3/conversations", { bot: { id: "28:bot-id" }, members: [{ id: "29:1" }] });
    expect(await created.json()).toMatchObject({ id: "a:new" });
    expect(fake.activities("a:1aad-ana")).toEqual([
      { id, conversationId: "a:1aad-ana", activity: activity("hi") },
    ]);
    expect(fake.activities("19:c@thread.tacv2")[0]).toMatchObject({ replyToId: "1" });
    expect(fake.calls.map((c) => [c.path, c.status])).toEqual([
      ["/v3/conversations/a:1aad-ana/activities", 200],
      ["/v3/conversations/19:c@thread.tacv2;messageid=1/activities/1", 200],
      ["/v3/conversations", 200],
    ]);
    expect((await post("v3/unknown", {})).status).toBe(404);
  });

  it("refuses a message over 100 KB (counted as UTF-16) with 413 MessageSizeTooBig, as Teams does", async () => {
    fake = await startFakeBotConnector();
    const big = await post(conv("a:1"), activity("😀".repeat(26_000)));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: "MessageSizeTooBig" } });
    expect((await post(conv("a:1"), activity("a".repeat(50_000)))).status).toBe(200);
    expect(fake.activities()).toHaveLength(1);
  });

  it("throttles a bot in one conversation at 7 per second and 8 per 2 seconds, with Retry-After", async () => {
    let now = 0;
    fake = await startFakeBotConnector({ now: () => now });
    for (let i = 0; i < 7; i += 1) expect((await post(conv("a:1"), activity(`m${i}`))).status).toBe(200);
    const eighth = await post(conv("a:1"), activity("m7"));
    expect(eighth.status).toBe(429);
    expect(eighth.headers.get("retry-after")).toBe("1");
    // Another conversation has its own budget.
    expect((await post(conv("a:2"), activity("other"))).status).toBe(200);
    now = 1_000;
    expect((await post(conv("a:1"), activity("m8"))).status).toBe(200);
    const ninth = await post(conv("a:1"), activity("m9"));
    expect(ninth.status).toBe(429);
    expect(ninth.headers.get("retry-after")).toBe("1");
    now = 2_000;
    expect((await post(conv("a:1"), activity("m10"))).status).toBe(200);
    expect(fake.activities("a:1")).toHaveLength(9);
  });

  it("throttles at 60 per 30 seconds", async () => {
    let now = 0;
    fake = await startFakeBotConnector({ now: () => now });
    for (let i = 0; i < 60; i += 1) {
      now = i * 400;
      expect((await post(conv("a:1"), activity(`m${i}`))).status).toBe(200);
    }
    now = 24_000;
    const over = await post(conv("a:1"), activity("over"));
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("6");
  });

  it("fails the next calls with a given status, then answers again", async () => {
    fake = await startFakeBotConnector();
    fake.failNext(2, 429, 7);
    const first = await post(conv("a:1"), activity("a"));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    fake.failNext(1, 412);
    expect((await post(conv("a:1"), activity("b"))).status).toBe(412);
    for (const status of [403, 502, 504] as const) {
      fake.failNext(1, status);
      expect((await post(conv("a:1"), activity("c"))).status).toBe(status);
    }
    expect((await post(conv("a:1"), activity("d"))).status).toBe(200);
    expect(fake.activities()).toHaveLength(1);
  });

  it("can hang a call until it is closed", async () => {
    fake = await startFakeBotConnector();
    fake.failNext(1, "hang");
    const pending = post(conv("a:1"), activity("a")).catch(() => "aborted");
    const race = await Promise.race([pending, new Promise((r) => setTimeout(() => r("still hanging"), 300))]);
    expect(race).toBe("still hanging");
    expect(fake.calls[0]?.status).toBe(0);
    await fake.close();
    expect(await pending).toBe("aborted");
    fake = undefined;
  });
});
