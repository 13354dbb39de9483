import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { messageEvent, reactionAddedEvent, slackTs } from "../../fakes/slack-requests.js";
import {
  BXL,
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
});
afterEach(async () => {
  await slack.stop();
});

const clocks = async () =>
  await slack.peek.replyClocks.since((await slack.internship("ana-2026")).id, new Date(0));

/** Ana asks a question in the home channel at this instant: Slack's ts is the message's time. */
async function anaAsks(at: Date, text = "Could someone review my survey draft?", eventId?: string) {
  slack.clock.set(at);
  const ts = slackTs(at);
  const event = messageEvent({ user: "U0ANA", channel: "C0HOME", text, ts });
  const response = await slack.event(event, eventId ? { event_id: eventId } : {});
  expect(response.status).toBe(200);
  return { ts, event };
}

describe("reply times in a Slack channel", { timeout: PACED_TIMEOUT }, () => {
  it("starts a clock for a question in the home channel and alerts the supervisor by DM with a link when it is overdue", async () => {
    const { ts } = await anaAsks(slack.local("2026-12-01T10:00", SP));
    const [clock] = await eventually(async () =>
      (await clocks()).length === 1 ? await clocks() : undefined,
    );
    expect(clock).toMatchObject({ conversation: "C0HOME", messageRef: ts, direction: "to_company" });
    expect(clock?.sentAt).toEqual(slack.local("2026-12-01T10:00", SP));
    expect(clock?.dueAt).toEqual(slack.local("2026-12-02T14:00", BXL));

    await slack.tickAt(slack.local("2026-12-02T12:00", BXL));
    await slack.tickAt(slack.local("2026-12-02T14:00", BXL));
    const [overdue] = slack.dmWith("U0BRAM", "Overdue: Ana Souza's message");
    expect(overdue?.params.text).toContain(
      "Overdue: Ana Souza's message in #C0HOME was due for your reply at Wed 2 Dec, 14:00 your time.",
    );
    const permalink = `https://slack.com/archives/C0HOME/p${ts.replace(".", "")}`;
    expect(blockText(overdue?.params.blocks)).toContain(`<${permalink}|Open the message>`);
    // Ana was told when the reply is due, with the same link.
    const [notice] = slack.dmWith("U0ANA", "keeping an eye on your message");
    expect(blockText(notice?.params.blocks)).toContain(permalink);
  });

  it("keeps one clock when Slack redelivers the same event with X-Slack-Retry-Num", async () => {
    const { event } = await anaAsks(slack.local("2026-12-01T10:00", SP), "Is the survey ok?", "EvSame");
    await eventually(async () => (await clocks()).length === 1);
    const retry = await slack.event(
      event,
      { event_id: "EvSame" },
      {
        "x-slack-retry-num": "1",
        "x-slack-retry-reason": "http_timeout",
      },
    );
    expect(retry.status).toBe(200);
    await eventually(() => slack.logged("redelivered event ignored").length === 1);
    expect(await clocks()).toHaveLength(1);
    // A second question is a new clock: the count above would have seen a duplicate.
    await anaAsks(slack.local("2026-12-01T10:05", SP), "And the interview list?");
    await eventually(async () => (await clocks()).length === 2);
  });

  it("answers an event only once it is recorded: a failed write gets a 500 and Slack's retry records it once", async () => {
    // What a failing disk looks like to the service: the clock's insert is refused.
    slack.log.allowErrors("event failed");
    slack.peek.db.exec(
      "CREATE TRIGGER refuse_clock BEFORE INSERT ON tracked_messages BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const at = slack.local("2026-12-01T10:00", SP);
    slack.clock.set(at);
    const event = messageEvent({
      user: "U0ANA",
      channel: "C0HOME",
      text: "Is the survey ok?",
      ts: slackTs(at),
    });
    const failed = await slack.event(event, { event_id: "EvRetry" });
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe("");
    // Nothing half-written: not even the dedupe record, so the retry is not mistaken for a duplicate.
    expect(slack.peek.db.prepare("SELECT count(*) FROM inbound_events").pluck().get()).toBe(0);
    expect(slack.logged("event failed")).toHaveLength(1);

    slack.peek.db.exec("DROP TRIGGER refuse_clock");
    const retried = await slack.event(event, { event_id: "EvRetry" }, { "x-slack-retry-num": "1" });
    expect(retried.status).toBe(200);
    // Acknowledged means recorded: no waiting needed.
    expect(await clocks()).toHaveLength(1);
    const again = await slack.event(event, { event_id: "EvRetry" }, { "x-slack-retry-num": "2" });
    expect(again.status).toBe(200);
    expect(await clocks()).toHaveLength(1);
  });

  it("stops the clock when the supervisor answers in the thread, and sends no alert", async () => {
    const { ts } = await anaAsks(slack.local("2026-12-01T10:00", SP));
    await eventually(async () => (await clocks()).length === 1);
    slack.clock.set(slack.local("2026-12-01T15:00", BXL));
    const answer = messageEvent({
      user: "U0BRAM",
      channel: "C0HOME",
      text: "Looks good",
      ts: slackTs(slack.clock.now()),
      thread_ts: ts,
    });
    await slack.event(answer);
    await eventually(async () => (await clocks())[0]?.closeReason === "reply");
    expect((await clocks())[0]?.closedBy).toBe(
      (await slack.peek.people.byPlatformId(slack.workspace.id, "slack", "U0BRAM"))?.id,
    );
    await slack.tickAt(slack.local("2026-12-02T14:30", BXL));
    expect(slack.dmWith("U0BRAM", "Overdue: Ana Souza's message")).toEqual([]);
  });

  it("stops the clock on the supervisor's acknowledgement reaction", async () => {
    const { ts } = await anaAsks(slack.local("2026-12-01T10:00", SP));
    await eventually(async () => (await clocks()).length === 1);
    slack.clock.set(slack.local("2026-12-01T15:00", BXL));
    const reaction = reactionAddedEvent({
      user: "U0BRAM",
      reaction: "white_check_mark",
      channel: "C0HOME",
      ts,
      item_user: "U0ANA",
      event_ts: slackTs(slack.clock.now()),
    });
    await slack.event(reaction);
    await eventually(async () => (await clocks())[0]?.closeReason === "reaction");
  });

  it("starts no clock for a bot's message, an edit, or a channel Tandem does not follow", async () => {
    const at = slack.local("2026-12-01T10:00", SP);
    slack.clock.set(at);
    const ts = () => slackTs(at);
    await slack.event(
      messageEvent({ user: "U0ANA", channel: "C0HOME", text: "bot?", ts: ts(), bot_id: "B9" }),
    );
    await slack.event(
      messageEvent({ user: "U0ANA", channel: "C0HOME", text: "edit?", ts: ts(), subtype: "message_changed" }),
    );
    await slack.event(messageEvent({ user: "U0ANA", channel: "C0OTHER", text: "elsewhere?", ts: ts() }));
    const real = await anaAsks(at, "the real question?");
    await eventually(async () => (await clocks()).length === 1);
    expect((await clocks()).map((c) => c.messageRef)).toEqual([real.ts]);
  });
});
