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

const INTERN_FORM = {
  "criterion.teamwork": "5",
  "criterion.initiative": "4",
  "outcome.market-research": "achieved",
  "hosting.project-clarity": "4",
  "hosting.supervision": "5",
  "hosting.reply-times": "2",
  "hosting.inclusion": "4",
  "hosting.intercultural-learning": "5",
};

describe("an evaluation in Teams", () => {
  it("opens the form as a card, shows a wrong value, and stores the submission once when Teams delivers it twice", async () => {
    const ship = await teams.internship("ana-2026");
    await teams.peek.learning.put(
      teams.workspace.id,
      ship.id,
      {
        outcomes: [{ key: "market-research", description: "Plan and run a small market study" }],
        criteria: [
          { key: "teamwork", name: "Teamwork" },
          { key: "initiative", name: "Initiative" },
        ],
      },
      teams.clock.now(),
    );
    // Friday 15 January 2027, the mid-term evaluation's first day, in Ana's morning.
    teams.clock.set(teams.local("2027-01-15T10:00", SP));
    const value = `${ship.id}:midterm`;
    const pressed = submitMessage({ ...teams.as("ana"), action: "evaluation.open", value });
    expect((await teams.post(pressed)).status).toBe(200);
    const formReply = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === pressed.id);
    const form = cardOf(formReply?.activity);
    const inputs = ((form?.body ?? []) as { id?: string }[]).filter((b) => b.id).map((b) => b.id);
    expect(inputs).toContain("criterion.teamwork");
    expect(inputs).toContain("hosting.reply-times.comment");
    expect(submitData(form)).toEqual([{ tandemAction: "evaluation.submit", tandemValue: value }]);

    const wrong = submitMessage({
      ...teams.as("ana"),
      action: "evaluation.submit",
      value,
      inputs: { ...INTERN_FORM, "outcome.market-research": "" },
      replyToId: formReply!.id,
    });
    expect((await teams.post(wrong)).status).toBe(200);
    const refused = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === wrong.id);
    expect(refused?.activity.text).toBe(
      "Nothing was saved yet: one answer needs another look. Say whether market-research is achieved: not yet, partly or achieved.",
    );
    expect(await teams.peek.evaluations.forInternship(ship.id)).toEqual([]);

    const submitted = submitMessage({
      ...teams.as("ana"),
      action: "evaluation.submit",
      value,
      inputs: INTERN_FORM,
      replyToId: formReply!.id,
    });
    expect((await teams.post(submitted)).status).toBe(200);
    const thanks = await teams.replyTo(submitted);
    expect((await teams.post(submitted)).status).toBe(200);
    // Long enough for a second answer to have come, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const saved = /^Thank you: your mid-term evaluation is saved\./;
    expect(thanks.activity.text).toMatch(saved);
    expect(teams.chat("ana").filter((a) => saved.test(String(a.text)))).toEqual([thanks.activity]);
    const stored = await teams.peek.evaluations.forInternship(ship.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      side: "intern",
      answers: { hosting: { "reply-times": { score: 2 } } },
    });
  });
});
