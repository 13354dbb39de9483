import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotConnector, startFakeBotConnector } from "../../fakes/bot-connector.js";
import { eventually } from "../../helpers/eventually.js";

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
const withCard = (content: unknown) => ({
  ...activity("card"),
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content }],
});
const card = { type: "AdaptiveCard", version: "1.5", body: [], actions: [{ type: "Action.Submit" }] };
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
    expect(await created.json()).toMatchObject({ id: "a:new-1" });
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
    let answered = false;
    const pending = post(conv("a:1"), activity("a")).then(
      (response) => {
        answered = true;
        return response.status;
      },
      () => "aborted",
    );
    await eventually(() => fake?.calls[0]);
    // A later call is answered while the first one still waits.
    expect((await post(conv("a:1"), activity("b"))).status).toBe(200);
    expect(answered).toBe(false);
    expect(fake.calls[0]?.status).toBe(0);
    await fake.close();
    expect(await pending).toBe("aborted");
    fake = undefined;
  });

  it("refuses calls without the bearer token it expects with 401, and takes those with it", async () => {
    fake = await startFakeBotConnector({ token: "connector-token" });
    const call = (authorization?: string) =>
      fetch(`${fake!.url}${conv("a:1")}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity("hi")),
      });
    for (const header of [undefined, "Bearer other-token", "Basic Y29ubmVjdG9yLXRva2Vu", "Bearer "]) {
      const refused = await call(header);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "Unauthorized" } });
    }
    expect((await call("Bearer connector-token")).status).toBe(200);
    expect(fake.activities()).toHaveLength(1);
  });

  it("serves a bot with authentication off (no header), but still refuses a header that is not a bearer token", async () => {
    fake = await startFakeBotConnector();
    expect((await post(conv("a:1"), activity("hi"))).status).toBe(200);
    const basic = await fetch(`${fake.url}${conv("a:1")}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic YTpi" },
      body: JSON.stringify(activity("hi")),
    });
    expect(basic.status).toBe(401);
  });

  it("gives each new conversation its own id, and the same members the same one again", async () => {
    fake = await startFakeBotConnector();
    const create = async (members: unknown) => {
      const response = await post("v3/conversations", { bot: { id: "28:bot-id" }, members });
      return { status: response.status, id: ((await response.json()) as { id?: string }).id };
    };
    const ana = await create([{ id: "29:ana" }]);
    const bram = await create([{ id: "29:bram" }]);
    expect(ana.id).not.toBe(bram.id);
    expect((await create([{ id: "29:ana" }])).id).toBe(ana.id);
    expect((await create([])).status).toBe(400);
    expect((await create(undefined)).status).toBe(400);
  });

  it.each([
    ["a card whose type is not AdaptiveCard", { ...card, type: "HeroCard" }],
    ["a card without a type", { version: "1.5", body: [] }],
    ["version 1.6", { ...card, version: "1.6" }],
    ["version 2.0", { ...card, version: "2.0" }],
    ["a version that is not a number", { ...card, version: "latest" }],
    ["a body that is not an array", { ...card, body: { type: "TextBlock", text: "x" } }],
    ["an action without a type", { ...card, actions: [{ title: "Go" }] }],
    ["actions that are not an array", { ...card, actions: { type: "Action.Submit" } }],
    [
      "an untyped action in an ActionSet",
      { ...card, body: [{ type: "ActionSet", actions: [{ title: "Go" }] }] },
    ],
  ])("refuses %s with 400 and posts nothing", async (_, content) => {
    fake = await startFakeBotConnector();
    const refused = await post(conv("a:1"), withCard(content));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "BadArgument" } });
    expect(fake.activities()).toEqual([]);
  });

  it("takes a well-formed card up to version 1.5", async () => {
    fake = await startFakeBotConnector();
    expect((await post(conv("a:1"), withCard(card))).status).toBe(200);
    expect((await post(conv("a:1"), withCard({ ...card, version: "1.2" }))).status).toBe(200);
    expect(fake.activities()).toHaveLength(2);
  });
});
