import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelMessage, messageReaction } from "../../fakes/teams-activities.js";
import {
  BXL,
  cardOf,
  eventually,
  HOME,
  neverInstalledBy,
  SP,
  startTeamsService,
  type TeamsService,
} from "./teams-harness.js";

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsService();
});
afterEach(async () => {
  await teams.stop();
});

const clocks = async () =>
  await teams.peek.replyClocks.since((await teams.internship("ana-2026")).id, new Date(0));
const overdue = (key: string) => teams.chat(key).filter((a) => String(a.text).startsWith("Overdue:"));

/** Ana asks a question in the home channel (Tandem reads it through resource-specific consent). */
async function anaAsks(at: Date, text = "Could someone review my survey draft?") {
  teams.clock.set(at);
  const message = channelMessage({ ...teams.as("ana"), channel: HOME, text });
  const response = await teams.post(message);
  expect(response.status).toBe(200);
  return message;
}

describe("reply times in a Teams channel", () => {
  it("starts a clock for a question in the home channel and sends bram an overdue alert card", async () => {
    teams.clock.set(teams.local("2026-11-30T17:00", SP));
    // Everyone can be reached, so bram's day is not filled with reports about people who cannot.
    for (const key of ["ana", "bram", "chloe", "lena", "ben", "olga", "piet"]) await teams.install(key);
    const question = await anaAsks(teams.local("2026-12-01T10:00", SP));
    // Channel messages are never answered in the channel, and their text is not kept.
    expect(teams.fake.activities(HOME)).toEqual([]);
    const [clock] = await clocks();
    expect(clock).toMatchObject({ conversation: HOME, messageRef: question.id, direction: "to_company" });
    expect(clock?.dueAt).toEqual(teams.local("2026-12-02T14:00", BXL));

    await teams.tickAt(teams.local("2026-12-02T12:00", BXL));
    expect(overdue("bram")).toEqual([]);
    await teams.tickAt(teams.local("2026-12-02T14:00", BXL));
    const [alert] = overdue("bram");
    expect(alert?.text).toContain("Ana Souza's message");
    expect(alert?.text).toContain("was due for your reply at Wed 2 Dec, 14:00 your time");
    const card = cardOf(alert);
    expect(card?.type).toBe("AdaptiveCard");
    expect(JSON.stringify(card)).toContain("Why:");
    // No second alert on the next pass.
    await teams.tickAt(teams.local("2026-12-02T14:05", BXL));
    expect(overdue("bram")).toHaveLength(1);
  });

  it("stops the clock when bram answers in the question's thread", async () => {
    const question = await anaAsks(teams.local("2026-12-01T10:00", SP));
    teams.clock.set(teams.local("2026-12-01T15:00", BXL));
    const answer = channelMessage({
      ...teams.as("bram"),
      channel: HOME,
      root: question.id,
      text: "Looks good",
    });
    const channelRef = () =>
      teams.peek.db
        .prepare(
          "SELECT reference, updated_at FROM platform_references WHERE kind = 'conversation' AND key = ?",
        )
        .get(HOME) as { reference: string; updated_at: number };
    const before = channelRef();
    expect((await teams.post(answer)).status).toBe(200);
    expect((await clocks())[0]).toMatchObject({
      closeReason: "reply",
      closedBy: (await teams.person("bram")).id,
    });
    // The channel's reference names neither a message nor its writer, so another writer changes nothing.
    expect(JSON.parse(before.reference)).not.toHaveProperty("user");
    expect(channelRef()).toEqual(before);
  });

  it("stops the clock when bram likes the question, as the agreement says", async () => {
    const question = await anaAsks(teams.local("2026-12-01T10:00", SP));
    teams.clock.set(teams.local("2026-12-01T15:00", BXL));
    const like = messageReaction({ ...teams.as("bram"), channel: HOME, replyToId: question.id });
    expect((await teams.post(like)).status).toBe(200);
    expect((await clocks())[0]).toMatchObject({
      closeReason: "reaction",
      closedBy: (await teams.person("bram")).id,
    });
  });

  it("answers 500 to a channel message it could not record, so Teams may deliver it again", async () => {
    teams.peek.db.exec(
      "CREATE TRIGGER refuse_clock BEFORE INSERT ON tracked_messages BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    teams.log.allowErrors("event failed");
    teams.clock.set(teams.local("2026-12-01T10:00", SP));
    const question = channelMessage({ ...teams.as("ana"), channel: HOME, text: "Is the survey ok?" });
    const refused = await teams.post(question);
    expect(refused.status).toBe(500);
    expect(await refused.text()).not.toMatch(/disk trouble|at .*\.ts/);
    expect(await clocks()).toEqual([]);
    // Nothing is said in the channel about it; the operator has the log.
    expect(teams.fake.activities(HOME)).toEqual([]);
    expect(teams.logged("event failed")).toHaveLength(1);

    teams.peek.db.exec("DROP TRIGGER refuse_clock");
    expect((await teams.post(question)).status).toBe(200);
    expect(await clocks()).toHaveLength(1);
    expect((await teams.post(question)).status).toBe(200);
    expect(await clocks()).toHaveLength(1);
  });

  it("keeps one clock when Teams redelivers the same activity", async () => {
    const question = await anaAsks(teams.local("2026-12-01T10:00", SP));
    expect((await teams.post(question)).status).toBe(200);
    expect(teams.logged("redelivered event ignored")).toHaveLength(1);
    expect(await clocks()).toHaveLength(1);
    await anaAsks(teams.local("2026-12-01T10:05", SP), "And the interview list?");
    expect(await clocks()).toHaveLength(2);
  });

  it("dead-letters alerts for bram, who never installed Tandem, and tells the coordinator once", async () => {
    teams.clock.set(teams.local("2026-11-30T17:00", SP));
    await teams.install("ana");
    await teams.install("lena");
    teams.log.allowErrors(neverInstalledBy("bram", "ben", "chloe", "olga", "piet"));
    await anaAsks(teams.local("2026-12-01T10:00", SP));
    await teams.tickAt(teams.local("2026-12-02T12:00", BXL));
    await teams.tickAt(teams.local("2026-12-02T14:00", BXL));
    const bram = await teams.person("bram");
    const reply = teams.outbox("reply-");
    const forBram = reply.filter((r) => r.status === "dead");
    expect(forBram.map((r) => r.key.split(":")[0])).toEqual(["reply-warning", "reply-breach"]);
    for (const row of forBram) {
      expect(row.error).toBe("no Teams conversation with aad-bram: the app was never installed for them");
    }
    expect(teams.fake.calls.filter((c) => c.conversationId === "a:1aad-bram")).toEqual([]);
    expect(teams.outbox(`unreachable:${bram.id}`)).toEqual([
      { key: `unreachable:${bram.id}`, status: "sent", attempts: 1, error: null },
    ]);
    const told = await eventually(() =>
      teams.chat("lena").filter((a) => String(a.text).startsWith("Tandem cannot reach Bram Peeters")),
    );
    expect(told).toHaveLength(1);
    await teams.tickAt(teams.local("2026-12-02T16:00", BXL));
    expect(
      teams.chat("lena").filter((a) => String(a.text).startsWith("Tandem cannot reach Bram")),
    ).toHaveLength(1);
  });
});
