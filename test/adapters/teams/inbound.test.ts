import { describe, expect, it } from "vitest";
import {
  actionEvent,
  commandText,
  messageEvent,
  plainText,
  reactionEvent,
  splitConversation,
  type TeamsActivity,
} from "../../../adapters/teams/inbound.js";
import {
  type Common,
  channelMessage,
  messageReaction,
  personalMessage,
  submitMessage,
  teamsUserId,
} from "../../fakes/teams-activities.js";

const ana = { aad: "aad-ana", name: "Ana Souza" };
const bram = { aad: "aad-bram", name: "Bram Peeters" };
const HOME = "19:home@thread.tacv2";
const at = new Date("2026-12-01T13:00:00Z");
const received = new Date("2026-12-01T13:00:02Z");
const common = (from = ana, id?: string): Common => ({
  serviceUrl: "http://127.0.0.1:1/",
  tenant: "tenant-1",
  from,
  timestamp: at,
  ...(id ? { id } : {}),
});
/** Teams ids Tandem has seen before, mapped to AAD object ids. */
const lookup = (id: string) => ({ [teamsUserId(bram)]: bram.aad, [teamsUserId(ana)]: ana.aad })[id];
const asActivity = (a: unknown) => a as TeamsActivity;

describe("Teams activities as inbound events", () => {
  it("keeps the text of a personal message, with the activity's own timestamp and a delivery id", () => {
    const event = messageEvent(
      asActivity(personalMessage({ ...common(ana, "m1"), text: "milestone list" })),
      lookup,
      received,
    );
    expect(event).toEqual({
      kind: "message",
      id: "a:1aad-ana|m1",
      platform: "teams",
      workspace: "tenant-1",
      user: "aad-ana",
      conversation: "teams:tenant-1:user:aad-ana",
      at,
      messageRef: "m1",
      mentions: [],
      asks: false,
      isDirect: true,
      fromBot: false,
      text: "milestone list",
    });
  });

  it("turns a channel message that @mentions Tandem into a command, without the mention", () => {
    const activity = channelMessage({ ...common(ana, "m2"), channel: HOME, text: "status", atBot: true });
    expect(activity.text).toBe("<at>Tandem</at> status");
    const event = messageEvent(asActivity(activity), lookup, received);
    expect(event).toMatchObject({
      kind: "command",
      text: "status",
      conversation: `teams:tenant-1:conv:${HOME}`,
      user: "aad-ana",
      shared: true,
    });
  });

  it("writes people mentioned in a command as <@aad id>, the form the command parser reads", () => {
    const activity = channelMessage({
      ...common(bram),
      channel: HOME,
      text: "checkin history for <at>Ana Souza</at>",
      atBot: true,
      mentions: [ana],
    });
    expect(commandText(asActivity(activity), lookup)).toBe("checkin history for <@aad-ana>");
    // Someone Tandem has never seen keeps their Teams id.
    expect(commandText(asActivity(activity), () => undefined)).toBe(
      `checkin history for <@${teamsUserId(ana)}>`,
    );
  });

  it("keeps only metadata for a channel message: no text, the mentions as AAD ids, the question mark", () => {
    const activity = channelMessage({
      ...common(ana, "m3"),
      channel: HOME,
      text: "<at>Bram Peeters</at> could you review my survey?",
      mentions: [bram],
    });
    const event = messageEvent(asActivity(activity), lookup, received);
    expect(event).toEqual({
      kind: "message",
      id: `${HOME};messageid=m3|m3`,
      platform: "teams",
      workspace: "tenant-1",
      user: "aad-ana",
      conversation: `teams:tenant-1:conv:${HOME}`,
      at,
      messageRef: "m3",
      mentions: ["aad-bram"],
      asks: true,
      isDirect: false,
      fromBot: false,
    });
    expect(event).not.toHaveProperty("text");
  });

  it("takes the thread root from the conversation id of a reply in a channel thread", () => {
    const reply = channelMessage({ ...common(bram, "m5"), channel: HOME, root: "m3", text: "Looks good" });
    expect(reply.conversation.id).toBe(`${HOME};messageid=m3`);
    expect(messageEvent(asActivity(reply), lookup, received)).toMatchObject({
      messageRef: "m5",
      threadRef: "m3",
      asks: false,
      conversation: `teams:tenant-1:conv:${HOME}`,
    });
    expect(splitConversation(HOME)).toEqual({ channel: HOME });
  });

  it("uses the arrival time only when Teams sent no timestamp, and ignores activities without a sender", () => {
    const { timestamp: _, ...untimed } = personalMessage({ ...common(), text: "hi" });
    expect(messageEvent(asActivity(untimed), lookup, received)?.at).toEqual(received);
    const anonymous = { ...personalMessage({ ...common(), text: "hi" }), from: { id: "29:x" } };
    expect(messageEvent(asActivity(anonymous), lookup, received)).toBeUndefined();
  });

  it("marks messages from bots", () => {
    const activity = channelMessage({ ...common(ana), channel: HOME, text: "deploy done?" });
    const fromBot = { ...activity, from: { ...activity.from, role: "bot" } };
    expect(messageEvent(asActivity(fromBot), lookup, received)).toMatchObject({ fromBot: true });
  });

  it("reads Action.Submit data: the action, its value and the inputs, never the empty ones", () => {
    const activity = submitMessage({
      ...common(ana, "s1"),
      action: "checkin.answer",
      value: "2026-12-01",
      inputs: { progress: "survey drafted", blockers: "", connectedness: "4" },
    });
    const event = actionEvent(asActivity(activity), activity.value, received);
    expect(event).toEqual({
      kind: "action",
      id: "a:1aad-ana|s1",
      platform: "teams",
      workspace: "tenant-1",
      user: "aad-ana",
      conversation: "teams:tenant-1:user:aad-ana",
      at,
      action: "checkin.answer",
      value: "2026-12-01",
      form: { progress: "survey drafted", connectedness: "4" },
    });
    expect(actionEvent(asActivity(activity), { progress: "x" }, received)).toBeUndefined();
  });

  it("turns a reaction on a channel message into a reaction event about that message", () => {
    const activity = messageReaction({ ...common(bram, "r1"), channel: HOME, replyToId: "m3" });
    expect(reactionEvent(asActivity(activity), received)).toEqual({
      kind: "reaction",
      id: `${HOME};messageid=m3|r1`,
      platform: "teams",
      workspace: "tenant-1",
      user: "aad-bram",
      conversation: `teams:tenant-1:conv:${HOME}`,
      at,
      messageRef: "m3",
      reaction: "like",
    });
    const removed = { ...activity, reactionsAdded: undefined, reactionsRemoved: [{ type: "like" }] };
    expect(reactionEvent(asActivity(removed), received)).toBeUndefined();
  });

  it("strips Teams markup and decodes entities in plain text", () => {
    expect(plainText("<p>Hello&nbsp;<at>Tandem</at> a &lt;b&gt; &amp; c</p>")).toBe("Hello a <b> & c");
    // A typed "&lt;" arrives as &amp;lt; and is decoded once, not twice.
    expect(plainText("write &amp;lt;b&amp;gt;")).toBe("write &lt;b&gt;");
    expect(plainText("<p>done: survey</p><p>next: interviews<br>connected: 4</p>")).toBe(
      "done: survey\nnext: interviews\nconnected: 4",
    );
  });
});
