import { describe, expect, it } from "vitest";
import {
  blockAction,
  mentionCommand,
  messageEvent,
  reactionEvent,
  slashCommand,
  tsToDate,
  viewSubmission,
} from "../../../adapters/slack/inbound.js";
import {
  appMentionEvent,
  blockActionsPayload,
  reactionAddedEvent,
  messageEvent as slackMessage,
  slashCommandBody,
  viewSubmissionPayload,
} from "../../fakes/slack-requests.js";

const AT = new Date("2026-12-01T13:00:00Z");
const TS = "1796130000.000100"; // 2026-12-01T13:00:00Z

describe("Slack message events", () => {
  it("keeps only metadata of a channel message: who, where, when, and a link; never the text", () => {
    const event = messageEvent(
      "T1",
      "Ev1",
      slackMessage({ user: "U0ANA", channel: "C0HOME", text: "the contract is attached", ts: TS }),
    );
    expect(event).toEqual({
      kind: "message",
      id: "Ev1",
      platform: "slack",
      workspace: "T1",
      user: "U0ANA",
      conversation: "slack:T1:conv:C0HOME",
      at: new Date("2026-12-01T13:00:00.000Z"),
      messageRef: TS,
      mentions: [],
      asks: false,
      isDirect: false,
      fromBot: false,
      permalink: "https://slack.com/archives/C0HOME/p1796130000000100",
    });
    expect(JSON.stringify(event)).not.toContain("contract");
  });

  it("keeps the text of a direct message to the bot, addressed to the person", () => {
    const event = messageEvent(
      "T1",
      "Ev2",
      slackMessage({ user: "U0ANA", channel: "D0ANA", text: "done: survey", ts: TS, channel_type: "im" }),
    );
    expect(event).toMatchObject({
      isDirect: true,
      text: "done: survey",
      conversation: "slack:T1:user:U0ANA",
    });
  });

  it("reads the thread of a reply, but not of the thread's first message", () => {
    const reply = slackMessage({
      user: "U0BRAM",
      channel: "C0HOME",
      text: "ok",
      ts: TS,
      thread_ts: "1796120000.000001",
    });
    expect(messageEvent("T1", "Ev3", reply)?.threadRef).toBe("1796120000.000001");
    const parent = slackMessage({ user: "U0BRAM", channel: "C0HOME", text: "ok", ts: TS, thread_ts: TS });
    expect(messageEvent("T1", "Ev4", parent)?.threadRef).toBeUndefined();
  });

  it("lists mentioned people once each, with or without a label, and spots a question mark", () => {
    const event = messageEvent(
      "T1",
      "Ev5",
      slackMessage({
        user: "U0ANA",
        channel: "C0HOME",
        text: "<@U0BRAM> and <@U0CHLOE|chloe>, could <@U0BRAM> check this?",
        ts: TS,
      }),
    );
    expect(event?.mentions).toEqual(["U0BRAM", "U0CHLOE"]);
    expect(event?.asks).toBe(true);
  });

  it("marks messages from bots and system messages, but not thread broadcasts or shared files", () => {
    const base = { channel: "C0HOME", text: "hi?", ts: TS };
    expect(messageEvent("T1", "a", slackMessage({ ...base, user: "U0X", bot_id: "B9" }))?.fromBot).toBe(true);
    expect(
      messageEvent("T1", "b", slackMessage({ ...base, subtype: "bot_message", bot_id: "B9" })),
    ).toMatchObject({
      fromBot: true,
      user: "B9",
      isSystem: true,
    });
    expect(
      messageEvent("T1", "c", slackMessage({ ...base, user: "U0ANA", subtype: "channel_join" }))?.isSystem,
    ).toBe(true);
    for (const subtype of ["thread_broadcast", "file_share", "me_message"]) {
      const event = messageEvent("T1", subtype, slackMessage({ ...base, user: "U0ANA", subtype }));
      expect(event?.isSystem).toBeUndefined();
      expect(event?.fromBot).toBe(false);
    }
  });

  it("ignores a message event without a channel or ts", () => {
    expect(messageEvent("T1", "x", { type: "message", user: "U0ANA", text: "?" })).toBeUndefined();
  });

  it("reads Slack's ts as the message's own time", () => {
    expect(tsToDate("1796130000.999900").toISOString()).toBe("2026-12-01T13:00:01.000Z");
  });
});

describe("Slack reactions and mentions", () => {
  it("turns reaction_added on a message into a reaction on that message", () => {
    const event = reactionEvent(
      "T1",
      "Ev6",
      reactionAddedEvent({
        user: "U0BRAM",
        reaction: "white_check_mark",
        channel: "C0HOME",
        ts: TS,
        event_ts: "1796130060.000200",
      }),
    );
    expect(event).toEqual({
      kind: "reaction",
      id: "Ev6",
      platform: "slack",
      workspace: "T1",
      user: "U0BRAM",
      conversation: "slack:T1:conv:C0HOME",
      at: new Date("2026-12-01T13:01:00.000Z"),
      messageRef: TS,
      reaction: "white_check_mark",
    });
  });

  it("ignores a reaction on a file", () => {
    const raw = {
      type: "reaction_added",
      user: "U0BRAM",
      reaction: "eyes",
      item: { type: "file", file: "F1" },
      event_ts: TS,
    };
    expect(reactionEvent("T1", "Ev7", raw)).toBeUndefined();
  });

  it("turns an @mention of the bot into a command without the mention", () => {
    const event = mentionCommand(
      "T1",
      "Ev8",
      appMentionEvent({ user: "U0ANA", channel: "C0HOME", text: "<@UBOT> milestone list", ts: TS }),
      "UBOT",
    );
    expect(event).toMatchObject({
      kind: "command",
      text: "milestone list",
      conversation: "slack:T1:conv:C0HOME",
    });
  });
});

describe("Slack slash commands", () => {
  it("reads /milestone add ... as the command milestone add ...", () => {
    const body = slashCommandBody({
      command: "/milestone",
      text: ' add "Survey" due 2026-12-15 ',
      user_id: "U0ANA",
      trigger_id: "t.1",
    });
    expect(slashCommand(body, AT)).toEqual({
      kind: "command",
      id: "command:t.1",
      platform: "slack",
      workspace: "T1",
      user: "U0ANA",
      conversation: "slack:T1:conv:C0HOME",
      at: AT,
      text: 'milestone add "Survey" due 2026-12-15',
    });
  });

  it("reads /tandem status as status, and a bare /milestone as milestone", () => {
    expect(
      slashCommand(slashCommandBody({ command: "/tandem", text: "status", user_id: "U0ANA" }), AT)?.text,
    ).toBe("status");
    expect(slashCommand(slashCommandBody({ command: "/milestone", user_id: "U0ANA" }), AT)?.text).toBe(
      "milestone",
    );
  });

  it("ignores a command without a trigger id", () => {
    const body: Record<string, string> = slashCommandBody({ command: "/tandem", user_id: "U0ANA" });
    delete body.trigger_id;
    expect(slashCommand(body, AT)).toBeUndefined();
  });
});

describe("Slack interactivity", () => {
  it("turns a button press into an action with its value, in the message's channel", () => {
    const payload = blockActionsPayload({
      user: "U0ANA",
      action_id: "checkin.open",
      value: "2026-12-01",
      channel: "D0ANA",
      trigger_id: "t.2",
    });
    expect(blockAction(payload, AT)).toEqual({
      kind: "action",
      id: "action:t.2",
      platform: "slack",
      workspace: "T1",
      user: "U0ANA",
      conversation: "slack:T1:conv:D0ANA",
      at: AT,
      action: "checkin.open",
      value: "2026-12-01",
    });
  });

  it("turns a submitted modal into its form action with the typed and chosen values", () => {
    const payload = viewSubmissionPayload({
      user: "U0ANA",
      callback_id: "checkin.answer",
      private_metadata: "2026-12-01",
      values: {
        progress: "survey drafted",
        nextSteps: "   ",
        blockers: null,
        connectedness: { selected: "4" },
        mood: { selected: null },
      },
      trigger_id: "t.3",
    });
    expect(viewSubmission(payload, AT)).toMatchObject({
      kind: "action",
      user: "U0ANA",
      workspace: "T1",
      conversation: "slack:T1:user:U0ANA",
      action: "checkin.answer",
      value: "2026-12-01",
      form: { progress: "survey drafted", connectedness: "4" },
    });
  });

  it("takes a corrected resubmission of the same modal as a new event, not a redelivery", () => {
    const submit = (trigger: string, score: string) =>
      viewSubmission(
        viewSubmissionPayload({
          user: "U0ANA",
          view_id: "V1",
          hash: "1.hash",
          callback_id: "checkin.answer",
          values: { connectedness: score },
          trigger_id: trigger,
        }),
        AT,
      );
    expect(submit("t.4", "7")?.id).not.toBe(submit("t.5", "4")?.id);
  });
});
