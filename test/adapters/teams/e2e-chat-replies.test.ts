/**
 * Answers in the personal chat go through the outbox: queued with the activity's effects and posted at
 * once by the chat's stored reference, so a Bot Connector that throttles or fails is retried instead of
 * the answer being lost, and a redelivered activity is never answered twice. Action.Execute invokes still
 * answer in their HTTP response.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adaptiveCardAction, personalMessage } from "../../fakes/teams-activities.js";
import { eventually, neverInstalledBy, SP, startTeamsService, type TeamsService } from "./teams-harness.js";

const ANA_CHAT = "a:1aad-ana";

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsService();
  teams.clock.set(teams.local("2026-12-01T09:00", SP));
  await teams.install("ana");
});
afterEach(async () => {
  await teams.stop();
});

/** The connector's answers to posts in Ana's chat, in order. */
const postsInChat = () =>
  teams.fake.calls.filter((c) => c.method === "POST" && c.conversationId === ANA_CHAT).map((c) => c.status);

describe("answers in the Teams personal chat", () => {
  it("answers once when the connector throttles the answer: it waits in the outbox for Retry-After", async () => {
    teams.fake.failIn(ANA_CHAT, 1, 429, 1);
    const typed = personalMessage({ ...teams.as("ana"), text: "milestone list" });
    expect((await teams.post(typed)).status).toBe(200);
    const reply = await teams.replyTo(typed, 10_000);
    expect(String(reply.activity.text)).toMatch(/milestones/i);
    expect(postsInChat()).toEqual([429, 200]);
    const [limited, sent] = teams.fake.calls.filter((c) => c.conversationId === ANA_CHAT);
    // Not before the connector's Retry-After, and not at the next tick a minute later.
    expect(sent!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
    expect(sent!.at - limited!.at).toBeLessThan(5_000);
    expect(teams.outbox("reply-to:")).toMatchObject([{ status: "sent", attempts: 2, error: null }]);
    // Teams delivers the activity again (its own retry): nothing is done or said twice.
    expect((await teams.post(typed)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(teams.fake.activities(ANA_CHAT)).toEqual([reply]);
    expect(teams.logged("redelivered event ignored")).toHaveLength(1);
  });

  it("answers once when the connector fails with 500: the outbox retries it, and a redelivery in between says nothing", async () => {
    teams.fake.failIn(ANA_CHAT, 1, 500);
    const typed = personalMessage({ ...teams.as("ana"), text: 'milestone add "Survey draft" due 15 Dec' });
    expect((await teams.post(typed)).status).toBe(200);
    await eventually(() => teams.outbox("reply-to:")[0]?.status === "pending" && postsInChat().length === 1);
    expect(teams.outbox("reply-to:")).toMatchObject([
      { status: "pending", attempts: 1, error: expect.stringContaining("Teams could not take the message") },
    ]);
    // The milestone is saved although the answer has not gone yet; the activity again changes nothing.
    expect(teams.peek.db.prepare("SELECT title FROM milestones").all()).toEqual([{ title: "Survey draft" }]);
    expect((await teams.post(typed)).status).toBe(200);
    expect(teams.logged("redelivered event ignored")).toHaveLength(1);
    expect(teams.fake.activities(ANA_CHAT)).toEqual([]);

    // The next pass after the backoff sends it, once (and dead-letters what it plans for those who never
    // installed Tandem).
    teams.log.allowErrors(neverInstalledBy("bram", "chloe", "lena", "ben", "olga", "piet"));
    await teams.tickAt(new Date(teams.clock.now().getTime() + 60_000));
    const reply = await teams.replyTo(typed);
    expect(String(reply.activity.text)).toContain("Survey draft");
    expect(postsInChat()).toEqual([500, 200]);
    expect(teams.fake.activities(ANA_CHAT)).toEqual([reply]);
    expect(teams.peek.db.prepare("SELECT title FROM milestones").all()).toEqual([{ title: "Survey draft" }]);
  });

  it("answers Action.Execute in the invoke response and posts nothing", async () => {
    const response = await teams.post(
      adaptiveCardAction({
        ...teams.as("ana"),
        verb: "checkin.dismiss",
        data: { tandemValue: "2026-12-01" },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: expect.stringMatching(/not saved/i),
    });
    expect(teams.fake.activities()).toEqual([]);
    expect(teams.outbox("reply-to:")).toEqual([]);
  });
});
