import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  adaptiveCardAction,
  channelMessage,
  installationUpdate,
  personalMessage,
  threadConversationId,
} from "../../fakes/teams-activities.js";
import { cardOf, HOME, SP, startTeamsService, type TeamsService, user } from "./teams-harness.js";

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsService();
  teams.clock.set(teams.local("2026-12-01T09:00", SP));
});
afterEach(async () => {
  await teams.stop();
});

describe("commands in Teams", () => {
  it("remembers the personal chat on install and answers help typed there", async () => {
    await teams.install("ana");
    const stored = await teams.peek.platformRefs.get("teams", "tenant-1", "user", "aad-ana");
    expect(JSON.parse(stored!)).toMatchObject({
      conversation: { id: "a:1aad-ana", conversationType: "personal" },
      serviceUrl: teams.fake.url,
      bot: { id: "28:bot-id" },
    });
    expect(teams.fake.calls).toEqual([]);

    const typed = personalMessage({ ...teams.as("ana"), text: "help" });
    const response = await teams.post(typed);
    expect(response.status).toBe(200);
    // Through the outbox: posted to her chat by its stored reference (a proactive turn), not within hers.
    const reply = await teams.replyTo(typed);
    expect(teams.fake.activities("a:1aad-ana")).toEqual([reply]);
    expect(reply.conversationId).toBe("a:1aad-ana");
    expect(reply.replyToId).not.toBe(typed.id);
    // Teams' menu shows ten commands: help starts with the others.
    expect(String(reply?.activity.text)).toContain("Tandem commands beyond the Teams command menu");
    expect(String(reply?.activity.text)).toContain(
      "checkin history \\[for @intern\\] — Show the last two weeks",
    );
    expect(reply?.activity).toMatchObject({ type: "message", from: { id: "28:bot-id" } });
    // The stored reference names no activity, so a later proactive message is not a reply to this one,
    // and activities from the same chat leave the row as it was.
    expect(
      JSON.parse((await teams.peek.platformRefs.get("teams", "tenant-1", "user", "aad-ana"))!),
    ).not.toHaveProperty("activityId");
    const updatedAt = () =>
      teams.peek.db.prepare("SELECT updated_at FROM platform_references WHERE key = 'aad-ana'").pluck().get();
    const before = updatedAt();
    teams.clock.set(new Date(teams.clock.now().getTime() + 60_000));
    const again = personalMessage({ ...teams.as("ana"), text: "help" });
    expect((await teams.post(again)).status).toBe(200);
    await teams.replyTo(again);
    expect(updatedAt()).toBe(before);
  });

  it("also remembers the chat from installationUpdate", async () => {
    const response = await teams.post(installationUpdate(teams.as("bram")));
    expect(response.status).toBe(200);
    expect(await teams.peek.platformRefs.get("teams", "tenant-1", "user", "aad-bram")).toContain(
      "a:1aad-bram",
    );
  });

  it("answers a command that @mentions Tandem in a channel, in that channel's thread", async () => {
    await teams.install("ana");
    await teams.install("bram");
    const command = channelMessage({
      ...teams.as("bram"),
      channel: HOME,
      text: "milestone list for <at>Ana Souza</at>",
      atBot: true,
      mentions: [user("ana")],
    });
    const response = await teams.post(command);
    expect(response.status).toBe(200);
    const [reply] = teams.fake.activities(HOME);
    expect(reply?.conversationId).toBe(threadConversationId(HOME, command.id));
    expect(reply?.replyToId).toBe(command.id);
    // The mention of Tandem is gone and the mention of Ana names her internship.
    expect(String(reply?.activity.text)).toMatch(/^Ana Souza's milestones: nothing open/);
    // Tandem now knows the channel too.
    expect(await teams.peek.platformRefs.get("teams", "tenant-1", "conversation", HOME)).toContain(
      `"id":"${HOME}"`,
    );
  });

  it("answers a redelivered command once", async () => {
    await teams.install("ana");
    const typed = personalMessage({ ...teams.as("ana"), text: 'milestone add "Survey draft" due 15 Dec' });
    expect((await teams.post(typed)).status).toBe(200);
    await teams.replyTo(typed);
    expect((await teams.post(typed)).status).toBe(200);
    // Long enough for a second answer to have come, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(teams.fake.activities("a:1aad-ana")).toHaveLength(1);
    expect(teams.logged("redelivered event ignored")).toHaveLength(1);
    const milestones = teams.peek.db.prepare("SELECT title FROM milestones").all();
    expect(milestones).toEqual([{ title: "Survey draft" }]);
  });

  it("answers Action.Execute in the invoke response, with the form card when the action opens one", async () => {
    await teams.install("ana");
    const response = await teams.post(
      adaptiveCardAction({ ...teams.as("ana"), verb: "checkin.open", data: { tandemValue: "2026-12-01" } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      statusCode: number;
      type: string;
      value: Record<string, unknown>;
    };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardOf({ attachments: [{ contentType: body.type, content: body.value }] })).toMatchObject({
      type: "AdaptiveCard",
      actions: [
        { type: "Action.Submit", data: { tandemAction: "checkin.answer", tandemValue: "2026-12-01" } },
      ],
    });
    // Nothing was posted: the answer travels in the HTTP response.
    expect(teams.fake.activities()).toEqual([]);
  });

  it("tells a stranger how to get added, and refuses a body that is not an activity", async () => {
    const stranger = { aad: "aad-zoe", name: "Zoe" };
    const typed = personalMessage({ ...teams.as("ana"), from: stranger, text: "status" });
    await teams.post(typed);
    expect(String((await teams.replyTo(typed)).activity.text)).toContain("I don't know you yet");
    const broken = await fetch(`${teams.base}/api/messages`, { method: "POST", body: "not json" });
    expect(broken.status).toBe(400);
    expect((await fetch(`${teams.base}/api/messages`)).status).toBe(405);
  });
});
