import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submitMessage } from "../../fakes/teams-activities.js";
import { cardOf, SP, startTeamsWithAnaAndBram, submitData, type TeamsService } from "./teams-harness.js";

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsWithAnaAndBram();
});
afterEach(async () => {
  await teams.stop();
});

const isCheckin = (activity: Record<string, unknown>) =>
  String(activity.text).startsWith("Hi Ana, time for your check-in");

describe("a daily check-in in Teams", () => {
  it("sends the check-in card at 09:30 in São Paulo through ana's stored reference and stores her answers", async () => {
    await teams.tickAt(teams.local("2026-12-01T09:30", SP));
    const prompt = teams.fake.activities("a:1aad-ana").find((p) => isCheckin(p.activity));
    expect(prompt?.activity).toMatchObject({
      conversation: { id: "a:1aad-ana" },
      recipient: { aadObjectId: "aad-ana" },
    });
    const card = cardOf(prompt?.activity);
    expect(JSON.stringify(card)).toContain("Why: Your working agreement has a check-in at 09:30");
    const [answer] = submitData(card);
    expect(answer).toEqual({ tandemAction: "checkin.open", tandemValue: "2026-12-01" });

    // Answer opens the form as a card in the chat.
    teams.clock.set(teams.local("2026-12-01T10:12", SP));
    const pressed = submitMessage({
      ...teams.as("ana"),
      action: "checkin.open",
      value: "2026-12-01",
      replyToId: prompt!.id,
    });
    expect((await teams.post(pressed)).status).toBe(200);
    const formReply = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === pressed.id);
    const form = cardOf(formReply?.activity);
    const inputs = ((form?.body ?? []) as { type: string; id?: string }[]).filter((b) => b.id);
    expect(inputs.map((i) => i.id)).toEqual(["progress", "nextSteps", "blockers", "connectedness"]);
    expect(submitData(form)).toEqual([{ tandemAction: "checkin.answer", tandemValue: "2026-12-01" }]);

    // Teams merges the card's inputs into the submit data.
    const submitted = submitMessage({
      ...teams.as("ana"),
      action: "checkin.answer",
      value: "2026-12-01",
      inputs: { progress: "survey drafted", nextSteps: "interviews", blockers: "", connectedness: "4" },
      replyToId: formReply!.id,
    });
    expect((await teams.post(submitted)).status).toBe(200);
    const thanks = await teams.replyTo(submitted);
    expect(thanks.activity.text).toBe("Thanks, your check-in for Tue 1 Dec 2026 is saved.");
    expect(
      await teams.peek.checkins.get((await teams.internship("ana-2026")).id, "2026-12-01"),
    ).toMatchObject({
      status: "answered",
      progress: "survey drafted",
      nextSteps: "interviews",
      connectedness: 4,
    });
  });

  it.each([429, 412, 502, 504] as const)(
    "retries a send the connector refused with %i from the outbox, and delivers it once",
    async (status) => {
      teams.fake.failNext(1, status, 1);
      const first = await teams.tickAt(teams.local("2026-12-01T09:30", SP));
      expect(first.dispatch.retried).toBe(1);
      const failed = teams.fake.calls.find((c) => c.status === status);
      const text = failed?.body?.text;
      expect(text).toEqual(expect.any(String));
      const row = teams.outbox("").find((r) => r.status === "pending" && r.attempts === 1);
      expect(row?.error).toMatch(/^Teams could not take the message now/);

      await teams.tickAt(teams.local("2026-12-01T09:31", SP));
      const delivered = teams.fake.activities().filter((p) => p.activity.text === text);
      expect(delivered).toHaveLength(1);
      // One refused call and one accepted call for that message: no retries hidden inside the SDK.
      expect(teams.fake.calls.filter((c) => c.body?.text === text).map((c) => c.status)).toEqual([
        status,
        200,
      ]);
      expect(teams.outbox("").find((r) => r.key === row?.key)).toMatchObject({ status: "sent", attempts: 2 });
      // The check-in itself went out once, whichever message met the failure.
      expect(teams.fake.activities("a:1aad-ana").filter((p) => isCheckin(p.activity))).toHaveLength(1);
      await teams.tickAt(teams.local("2026-12-01T09:45", SP));
      expect(teams.fake.activities("a:1aad-ana").filter((p) => isCheckin(p.activity))).toHaveLength(1);
    },
  );
});
