import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { personalMessage, submitMessage } from "../../fakes/teams-activities.js";
import { cardOf, SP, startTeamsWithAnaAndBram, submitData, type TeamsService } from "./teams-harness.js";

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsWithAnaAndBram();
});
afterEach(async () => {
  await teams.stop();
});

describe("trying Tandem out in Teams", () => {
  it("try checkin delivers a trial check-in card, takes its answer as a trial, and previews the supervisor's summary", async () => {
    teams.clock.set(teams.local("2026-12-01T10:00", SP));
    const typed = personalMessage({ ...teams.as("bram"), text: "try checkin for @ana" });
    expect((await teams.post(typed)).status).toBe(200);
    const answer = await teams.replyTo(typed);
    expect(String(answer.activity.text)).toContain("Ana Souza gets a trial check-in now");

    await teams.tickAt(teams.clock.now());
    const trial = teams.fake
      .activities("a:1aad-ana")
      .find((p) => String(p.activity.text).includes("this is a trial check-in"));
    const [open] = submitData(cardOf(trial?.activity));
    expect(open).toMatchObject({ tandemAction: "checkin-trial.open" });

    const pressed = submitMessage({
      ...teams.as("ana"),
      action: "checkin-trial.open",
      value: String(open!.tandemValue),
      replyToId: trial!.id,
    });
    expect((await teams.post(pressed)).status).toBe(200);
    const formReply = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === pressed.id);
    expect(submitData(cardOf(formReply?.activity))).toEqual([
      { tandemAction: "checkin-trial.answer", tandemValue: open!.tandemValue },
    ]);
    const submitted = submitMessage({
      ...teams.as("ana"),
      action: "checkin-trial.answer",
      value: String(open!.tandemValue),
      inputs: { progress: "set up my laptop", nextSteps: "", blockers: "", connectedness: "3" },
      replyToId: formReply!.id,
    });
    expect((await teams.post(submitted)).status).toBe(200);
    const thanks = await teams.replyTo(submitted);
    expect(thanks.activity.text).toContain("That was a trial: nothing was saved or counted.");

    await teams.tickAt(teams.clock.now());
    const preview = teams
      .chat("bram")
      .find((a) => String(a.text).startsWith("Trial check-in answered by Ana Souza"));
    const card = JSON.stringify(cardOf(preview));
    expect(card).toContain("Ana Souza's check-in for Tue 1 Dec 2026 (partly answered):");
    expect(card).toContain("set up my laptop");
    expect(
      (await teams.peek.checkins.get((await teams.internship("ana-2026")).id, "2026-12-01"))?.progress,
    ).toBeUndefined();
  });

  it("preview week answers in the chat with the week's messages, and sends none of them", async () => {
    teams.clock.set(teams.local("2026-12-01T08:00", SP));
    const before = teams.fake.activities().length;
    const typed = personalMessage({ ...teams.as("bram"), text: "preview week for @ana" });
    expect((await teams.post(typed)).status).toBe(200);
    const reply = await teams.replyTo(typed);
    expect(String(reply.activity.text)).toContain("Tue 1 Dec, 09:30 — Hi Ana, time for your check-in");
    expect(teams.fake.activities()).toHaveLength(before + 1);
  });
});
