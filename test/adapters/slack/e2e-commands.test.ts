import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { messageEvent, signedRequest, slackSignature, slackTs } from "../../fakes/slack-requests.js";
import {
  eventually,
  PACED_TIMEOUT,
  SECRET,
  type SlackService,
  SP,
  startSlackService,
} from "./slack-harness.js";

let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
  slack.clock.set(slack.local("2026-12-01T10:00", SP));
});
afterEach(async () => {
  await slack.stop();
});

describe("Slack slash commands over HTTP", { timeout: PACED_TIMEOUT }, () => {
  it("adds a milestone with /milestone and answers ephemerally in the HTTP response, then lists it", async () => {
    const added = await slack.command({
      command: "/milestone",
      text: 'add "Survey" due 2026-12-15',
      user_id: "U0ANA",
    });
    expect(added.status).toBe(200);
    expect(added.headers.get("content-type")).toContain("application/json");
    const body = (await added.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/^Added milestone #1 .*Survey.*, due .*15 Dec 2026\.$/);
    expect(body.blocks.length).toBeGreaterThan(0);

    const listed = await slack.command({ command: "/milestone", text: "list", user_id: "U0ANA" });
    const list = (await listed.json()) as { text: string };
    expect(list.text).toContain("Survey");
    expect(list.text).toContain("15 Dec 2026");
    expect(await slack.peek.milestones.listFor((await slack.internship("ana-2026")).id)).toHaveLength(1);
  });

  it("answers an unknown command with what to type instead", async () => {
    const response = await slack.command({ command: "/tandem", text: "frobnicate", user_id: "U0ANA" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/frobnicate/);
    expect(body.text).toMatch(/help/);
  });

  it("tells a stranger that Tandem does not know them yet", async () => {
    const response = await slack.command({ command: "/tandem", text: "status", user_id: "U0NOBODY" });
    expect(((await response.json()) as { text: string }).text).toMatch(/don't know you yet/);
  });

  it("opens the check-in modal for /tandem checkin with the command's trigger id", async () => {
    await slack.tickAt(slack.local("2026-12-01T09:30", SP));
    const response = await slack.command({
      command: "/tandem",
      text: "checkin",
      user_id: "U0ANA",
      trigger_id: "cmd.trigger",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.params.trigger_id).toBe("cmd.trigger");
    expect(opened?.response?.ok).toBe(true);
    expect(opened?.params.view).toMatchObject({
      type: "modal",
      callback_id: "checkin.answer",
      private_metadata: "2026-12-01",
    });
  });
});

describe("Slack request verification", { timeout: PACED_TIMEOUT }, () => {
  const question = () =>
    messageEvent({
      user: "U0ANA",
      channel: "C0HOME",
      text: "can someone help?",
      ts: slackTs(slack.clock.now()),
    });
  const eventBody = () =>
    JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A0TANDEM",
      event_id: "EvSig",
      event_time: 1,
      event: question(),
    });
  const send = (raw: string, timestamp: number, signature?: string) =>
    signedRequest(slack.base, SECRET, raw, {
      contentType: "json",
      timestamp,
      ...(signature ? { signature } : {}),
    });
  const nowSec = () => Math.floor(slack.clock.now().getTime() / 1000);
  const clocks = async () =>
    await slack.peek.replyClocks.since((await slack.internship("ana-2026")).id, new Date(0));

  it("refuses a bad signature with 401 and handles nothing", async () => {
    const raw = eventBody();
    const forged = slackSignature("not-the-secret", nowSec(), raw);
    expect((await send(raw, nowSec(), forged)).status).toBe(401);
    expect((await send(raw, nowSec(), "v0=")).status).toBe(401);
    expect((await send(raw, nowSec(), "v1=abc")).status).toBe(401);
    const tampered = await signedRequest(slack.base, SECRET, raw, {
      contentType: "json",
      timestamp: nowSec(),
      signature: slackSignature(SECRET, nowSec(), raw.replace("help", "HELP")),
    });
    expect(tampered.status).toBe(401);
    expect(slack.logged("Slack request refused")).toHaveLength(4);
    expect(await clocks()).toEqual([]);
  });

  it("refuses a timestamp six minutes old and one six minutes in the future, by the service's clock", async () => {
    const raw = eventBody();
    expect((await send(raw, nowSec() - 6 * 60)).status).toBe(401);
    expect((await send(raw, nowSec() + 6 * 60)).status).toBe(401);
    expect((await send(raw, Number.NaN)).status).toBe(401);
    expect(slack.logged("Slack request refused").map((l) => l.why)).toEqual([
      "timestamp outside five minutes",
      "timestamp outside five minutes",
      "timestamp outside five minutes",
    ]);
    expect(await clocks()).toEqual([]);
  });

  it("accepts a correctly signed request four minutes old", async () => {
    const response = await send(eventBody(), nowSec() - 4 * 60);
    expect(response.status).toBe(200);
    await eventually(async () => (await clocks()).length === 1);
  });

  it("answers Slack's URL verification challenge", async () => {
    const response = await slack.post({ type: "url_verification", token: "x", challenge: "c-123" }, "json");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("c-123");
  });
});
