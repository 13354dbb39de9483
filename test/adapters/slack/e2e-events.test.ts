import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  memberJoinedChannelEvent,
  messageEvent,
  slackTs,
} from "../../fakes/slack-requests.js";
import {
  blockText,
  eventually,
  PACED_TIMEOUT,
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

const ts = () => slackTs(slack.clock.now());

describe("Slack events and buttons", { timeout: PACED_TIMEOUT }, () => {
  it("answers a command typed in the bot's DM with a message in that DM", async () => {
    const dm = messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      text: "milestone list",
      ts: ts(),
      channel_type: "im",
    });
    expect((await slack.event(dm)).status).toBe(200);
    const [reply] = await slack.fake.waitFor("chat.postMessage");
    expect(reply?.params.channel).toBe("D0ANA");
    expect(String(reply?.params.text)).toMatch(/milestones/i);
  });

  it("still answers a DM once when Slack rate-limits the reply: it waits in the outbox for Retry-After", async () => {
    slack.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1, when: { channel: "D0ANA" } });
    const dm = messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      text: "milestone list",
      ts: ts(),
      channel_type: "im",
    });
    expect((await slack.event(dm, { event_id: "Ev0LIMITED" })).status).toBe(200);
    const [limited, reply] = await slack.fake.waitFor("chat.postMessage", 2, 10_000);
    expect(limited?.status).toBe(429);
    expect(reply?.params.channel).toBe("D0ANA");
    expect(String(reply?.params.text)).toMatch(/milestones/i);
    // Not before Slack's Retry-After, and not at the next tick a minute later.
    expect(reply!.time - limited!.time).toBeGreaterThanOrEqual(1_000);
    expect(reply!.time - limited!.time).toBeLessThan(5_000);
    const row = () => slack.peek.outbox.get(slack.workspace.id, "reply-to:Ev0LIMITED");
    await eventually(async () => (await row())?.status === "sent");
    expect(await row()).toMatchObject({ attempts: 2, address: "slack:T1:conv:D0ANA" });
    // Slack's redelivery of the event (its own retry) neither acts nor answers again.
    expect((await slack.event(dm, { event_id: "Ev0LIMITED" }, { "X-Slack-Retry-Num": "1" })).status).toBe(
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.fake.calls("chat.postMessage")).toHaveLength(2);
  });

  it("ignores the bot's own messages in its DM", async () => {
    const own = messageEvent({
      user: "UBOT",
      bot_id: "BBOT",
      channel: "D0ANA",
      text: "status",
      ts: ts(),
      channel_type: "im",
    });
    expect((await slack.event(own)).status).toBe(200);
    const stranger = messageEvent({
      user: "U0ANA",
      channel: "D0ANA",
      text: "status",
      ts: ts(),
      channel_type: "im",
    });
    await slack.event(stranger);
    await slack.fake.waitFor("chat.postMessage");
    expect(slack.fake.calls("chat.postMessage")).toHaveLength(1);
  });

  it("offers a button for a form asked for in the DM, and opens the modal from it", async () => {
    await slack.tickAt(slack.local("2026-12-01T09:30", SP));
    slack.clock.set(slack.local("2026-12-01T10:00", SP));
    await slack.event(
      messageEvent({ user: "U0ANA", channel: "D0ANA", text: "checkin", ts: ts(), channel_type: "im" }),
    );
    const reply = await eventually(() =>
      slack.fake.okCalls("chat.postMessage").find((c) => c.params.channel === "D0ANA"),
    );
    const button = (
      reply.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "tandem.form");
    expect(button).toBeDefined();
    await slack.press({
      user: "U0ANA",
      action_id: "tandem.form",
      value: button!.value,
      channel: "D0ANA",
      trigger_id: "form.trigger",
    });
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.params.trigger_id).toBe("form.trigger");
    expect(opened?.response?.ok).toBe(true);
    expect(opened?.params.view).toMatchObject({
      callback_id: "checkin.answer",
      private_metadata: "2026-12-01",
    });
  });

  it("answers an @mention in a channel with an ephemeral message to the speaker only", async () => {
    const mention = appMentionEvent({
      user: "U0ANA",
      channel: "C0HOME",
      text: "<@UBOT> milestone list",
      ts: ts(),
    });
    await slack.event(mention);
    const [ephemeral] = await slack.fake.waitFor("chat.postEphemeral");
    expect(ephemeral?.params).toMatchObject({ channel: "C0HOME", user: "U0ANA" });
    expect(ephemeral?.response?.ok).toBe(true);
  });

  it("publishes the person's status on App Home when they open it", async () => {
    await slack.event(appHomeOpenedEvent({ user: "U0ANA", event_ts: ts() }));
    const [published] = await slack.fake.waitFor("views.publish");
    expect(published?.params.user_id).toBe("U0ANA");
    expect(published?.response?.ok).toBe(true);
    expect(blockText(published?.params.view)).toContain("Tandem");
  });

  it("answers a button Tandem no longer knows through the response_url, ephemerally", async () => {
    await slack.press({
      user: "U0ANA",
      action_id: "retired.button",
      value: "x",
      channel: "C0HOME",
      response_url: slack.fake.responseUrl("old-button"),
    });
    const [response] = await slack.fake.waitFor("response_url");
    expect(response?.params).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(response?.params.text)).toContain("no longer supported");
  });

  it("acknowledges member_joined_channel without sending anything", async () => {
    const response = await slack.event(
      memberJoinedChannelEvent({ user: "U0OLGA", channel: "C0HOME", event_ts: ts() }),
    );
    expect(response.status).toBe(200);
    await eventually(() => slack.log.lines.some((l) => l.msg === "member joined a channel"));
    expect(slack.fake.calls().filter((c) => c.method !== "auth.test")).toEqual([]);
  });
});
