/**
 * The milestone form in Teams end to end: "milestone add" alone answers with a card whose outcomes are a
 * multi-select choice set, a wrong due date is said, and a submission Teams delivers twice adds one
 * milestone serving the outcomes picked (the choice set's answer is the values joined by commas).
 */
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

describe("the milestone form in Teams", () => {
  it("answers with a card with the outcomes to pick, says a wrong date, and adds a redelivered submission once", async () => {
    const ship = await teams.internship("ana-2026");
    await teams.peek.learning.put(
      teams.workspace.id,
      ship.id,
      {
        outcomes: [
          { key: "market-research", description: "Plan and run a small market study" },
          { key: "presenting", description: "Present findings to a client" },
        ],
        criteria: [{ key: "teamwork", name: "Teamwork" }],
      },
      teams.clock.now(),
    );
    teams.clock.set(teams.local("2026-12-01T10:00", SP));
    const asked = personalMessage({ ...teams.as("ana"), text: "milestone add" });
    expect((await teams.post(asked)).status).toBe(200);
    const formReply = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === asked.id);
    const form = cardOf(formReply?.activity);
    const inputs = ((form?.body ?? []) as { id?: string; type: string; isMultiSelect?: boolean }[]).filter(
      (b) => b.id,
    );
    expect(inputs.map((b) => [b.id, b.type, b.isMultiSelect ?? false])).toEqual([
      ["title", "Input.Text", false],
      ["due", "Input.Date", false],
      ["outcomes", "Input.ChoiceSet", true],
    ]);
    expect(submitData(form)).toEqual([{ tandemAction: "milestone.add", tandemValue: "" }]);

    const answer = (due: string) =>
      submitMessage({
        ...teams.as("ana"),
        action: "milestone.add",
        value: "",
        inputs: { title: "Client deck", due, outcomes: "market-research,presenting" },
        replyToId: formReply!.id,
      });
    const wrong = answer("2026-11-20");
    expect((await teams.post(wrong)).status).toBe(200);
    const refused = teams.fake.activities("a:1aad-ana").find((p) => p.replyToId === wrong.id);
    expect(refused?.activity.text).toContain(
      "Fri 20 Nov 2026 is in the past; pick a due date from today on.",
    );
    expect(await teams.peek.milestones.listFor(ship.id)).toEqual([]);

    const submitted = answer("2026-12-18");
    expect((await teams.post(submitted)).status).toBe(200);
    const added = await teams.replyTo(submitted);
    expect((await teams.post(submitted)).status).toBe(200);
    // Long enough for a second answer to have come, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text =
      'Added milestone #1 "Client deck", due Fri 18 Dec 2026. It serves the outcomes market-research, presenting.';
    expect(added.activity.text).toBe(text);
    expect(teams.chat("ana").filter((a) => a.text === text)).toHaveLength(1);
    const milestones = await teams.peek.milestones.listFor(ship.id);
    expect(await teams.peek.learning.outcomesOfMilestones(ship.id)).toEqual(
      new Map([[milestones[0]!.id, ["market-research", "presenting"]]]),
    );
  });
});
