/**
 * The inputs the reliability suite found mishandled, pinned down one by one: each once answered 5xx,
 * failed a listener or a turn, kept Slack waiting 3 s, pinged a channel, or skipped a question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appHomeOpenedEvent, appMentionEvent, messageEvent, slackTs } from "../fakes/slack-requests.js";
import { type Common, personalInstall, personalMessage, submitMessage } from "../fakes/teams-activities.js";
import { slackSample, teamsSample } from "./programmes.js";
import { eventually, type ReliableService, startReliableService } from "./service.js";

let s: ReliableService;
const as = (key: string): Common => ({
  serviceUrl: s.connector.url,
  tenant: "tenant-1",
  from: { aad: `aad-${key}`, name: key },
  timestamp: s.clock.now(),
});
const teamsBase = () => ({
  type: "invoke",
  id: "inv1",
  channelId: "msteams",
  serviceUrl: s.connector.url,
  from: { id: "29:1aad-ana", aadObjectId: "aad-ana" },
  recipient: { id: "28:bot-id" },
  conversation: { id: "a:1aad-ana", conversationType: "personal", tenantId: "tenant-1" },
});
const interaction = (payload: unknown) =>
  s.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, "form");
/** The status and text of an answer (speed is measured in bench/, never asserted here). */
const answered = async (request: Promise<Response>) => {
  const response = await request;
  return { status: response.status, text: await response.text() };
};

beforeAll(async () => {
  s = await startReliableService({
    programmes: [slackSample("T1"), teamsSample("tenant-1")],
    platforms: ["slack", "teams"],
    fakeSlack: { perChannelPerSecond: 1_000_000, channelBurst: 1_000_000 },
    connectorLimits: [],
  });
  s.clock.set(new Date("2026-12-01T13:00:00Z"));
  for (const key of ["ana", "bram"]) await s.activity(personalInstall(as(key)));
});
afterAll(async () => {
  await s?.stop();
});

describe("inputs the reliability suite found", () => {
  it("answers a Teams activity without a type, or with an object for an id, 400 instead of 500", async () => {
    expect((await s.activity({ type: null })).status).toBe(400);
    expect(
      (await s.activity({ ...teamsBase(), type: "message", from: { id: {}, aadObjectId: ["x"] } })).status,
    ).toBe(400);
  });

  it("refuses a Teams activity without a serviceUrl before the turn instead of retrying its reply for seconds", async () => {
    const { serviceUrl: _, ...noUrl } = personalMessage({ ...as("ana"), text: "why" });
    const before = s.connector.calls.length;
    const answer = await answered(s.activity(noUrl));
    // Refused by the shape check, so botbuilder never ran the turn nor tried to reply anywhere.
    expect(answer).toMatchObject({ status: 400, text: expect.stringContaining("serviceUrl") });
    expect(s.log.lines.filter((l) => l.msg === "Teams turn failed")).toEqual([]);
    expect(s.connector.calls.length).toBe(before);
  });

  // A quadratic reading of these texts once took 80 s: this file's 20 s test timeout is what catches it
  // (no wall-clock assertion here: bench/hostile-text.bench.ts prints the figures).
  it("reads and answers huge texts full of < and <@ (they once blocked the event loop for seconds)", async () => {
    // Teams answers once the turn is over: 200 means the whole text was read and handled.
    const teams = await answered(s.activity(personalMessage({ ...as("ana"), text: "<".repeat(200_000) })));
    expect(teams.status).toBe(200);
    expect(s.log.lines.filter((l) => l.msg === "Teams turn failed")).toEqual([]);
    // Slack's listeners run after the acknowledgement: both texts are done when both replies arrived.
    const ts = slackTs(s.clock.now());
    const replies = () => s.fake.calls("chat.postEphemeral").length + s.fake.calls("chat.postMessage").length;
    const before = replies();
    await s.event(
      appMentionEvent({ user: "U0ANA", channel: "C0HOME", text: `<@UBOT> ${"<@UBOT|".repeat(6_000)}`, ts }),
    );
    await s.event(
      messageEvent({ user: "U0ANA", channel: "D0ANA", text: "<@U1|".repeat(8_000), ts, channel_type: "im" }),
    );
    await eventually(() => replies() >= before + 2, 15_000);
  });

  it("answers an adaptiveCard/action invoke without an action 400 instead of failing the turn", async () => {
    const response = await s.activity({ ...teamsBase(), name: "adaptiveCard/action", value: { x: 1 } });
    expect(response.status).toBe(400);
    expect(s.log.lines.filter((l) => l.msg === "Teams turn failed")).toEqual([]);
  });

  it("still answers a Teams message whose entities are not mention objects", async () => {
    const before = s.connector.activities().length;
    const message = { ...personalMessage({ ...as("ana"), text: "help" }), entities: [null, 5, "x"] };
    expect((await s.activity(message)).status).toBe(200);
    // The answer goes through the outbox, just after the activity's HTTP answer.
    await eventually(() => s.connector.activities().length > before);
    expect(s.connector.activities().length).toBe(before + 1);
  });

  it("asks how an accepted milestone will be used when Accept is pressed on a Teams card", async () => {
    await s.activity(personalMessage({ ...as("ana"), text: 'milestone add "Card check" due 2026-12-20' }));
    const id = (
      s.peek.db.prepare("SELECT id FROM milestones WHERE title = 'Card check'").get() as { id: number }
    ).id;
    await s.activity(personalMessage({ ...as("ana"), text: `milestone done ${id}` }));
    await s.activity(submitMessage({ ...as("bram"), action: "milestone.accept", value: String(id) }));
    const status = s.peek.db.prepare("SELECT status FROM milestones WHERE id = ?").get(id) as {
      status: string;
    };
    expect(status.status).toBe("done");
    expect(JSON.stringify(s.connector.activities().at(-1)?.activity)).toContain(
      "How will you use this result?",
    );
    await s.activity(
      submitMessage({
        ...as("bram"),
        action: "milestone.accept",
        value: String(id),
        inputs: { feedback: "" },
      }),
    );
    expect(s.peek.db.prepare("SELECT status FROM milestones WHERE id = ?").get(id)).toEqual({
      status: "accepted",
    });
  });

  it("answers malformed Slack interactions and events at once with 400, never 500", async () => {
    const team = { id: "T1" };
    for (const payload of [
      { type: "block_actions", user: { id: "U0BRAM" }, team, actions: true },
      { type: "block_actions", user: { id: "U0BRAM" }, team, actions: [{ action_id: 5 }] },
      { type: "view_submission", user: { id: "U0BRAM" }, team, view: 5 },
      { type: "view_submission", user: { id: "U0BRAM" }, team, actions: [], view: { callback_id: "x" } },
      { type: "message_action", user: { id: "U0BRAM" }, team: [] },
      { user: 5 },
    ]) {
      const answer = await answered(interaction(payload));
      expect(answer.status, JSON.stringify(payload)).toBe(400);
    }
    for (const body of [
      null,
      { type: "event_callback", team_id: "T1", event_id: {}, event: { type: "message" } },
    ]) {
      expect((await answered(s.post(JSON.stringify(body), "json"))).status).toBe(400);
    }
    expect((await answered(interaction({ type: "shortcut", team }))).status).toBe(404);
    expect((await answered(s.post({ type: "app_rate_limited", team_id: "T1" }, "json"))).status).toBe(200);
  });

  it("acknowledges a modal submission whose state holds malformed inputs", async () => {
    const answer = await answered(
      interaction({
        type: "view_submission",
        user: { id: "U0BRAM" },
        team: { id: "T1" },
        view: { id: "V1", callback_id: "reflection.answer", state: { values: { a: { b: null }, c: false } } },
      }),
    );
    expect(answer).toMatchObject({ status: 200 });
  });

  it("never quotes @here, @channel or @everyone back as a person's name", async () => {
    for (const text of ["checkin history for @here", "met @channel", "milestone list for @everyone"]) {
      const answer = await (await s.command({ user_id: "U0ANA", text })).text();
      expect(answer, text).not.toMatch(/(^|[^\u200b])@(here|channel|everyone)\b/);
    }
  });

  it("publishes App Home only for an event that names the person", async () => {
    const before = s.fake.calls("views.publish").length;
    const event = {
      ...appHomeOpenedEvent({ user: "U0ANA", event_ts: slackTs(s.clock.now()) }),
      user: undefined,
    };
    expect((await s.event(event)).status).toBe(200);
    await s.event(appHomeOpenedEvent({ user: "U0ANA", event_ts: slackTs(s.clock.now()) }));
    await eventually(() => s.fake.calls("views.publish").length > before);
    expect(
      s.fake
        .calls("views.publish")
        .slice(before)
        .map((c) => c.response?.ok),
    ).toEqual([true]);
  });
});
