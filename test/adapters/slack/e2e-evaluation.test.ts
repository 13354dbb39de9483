import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PACED_TIMEOUT, type SlackService, SP, startSlackService } from "./slack-harness.js";

let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
});
afterEach(async () => {
  await slack.stop();
});

describe("an evaluation in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("opens the modal from the Evaluate button, shows a wrong value next to its field, and stores a redelivered submission once", async () => {
    const ship = await slack.internship("ana-2026");
    await slack.peek.learning.put(
      slack.workspace.id,
      ship.id,
      {
        outcomes: [{ key: "market-research", description: "Plan and run a small market study" }],
        criteria: [{ key: "teamwork", name: "Teamwork" }],
      },
      slack.clock.now(),
    );
    // Friday 15 January 2027, the mid-term evaluation's first day, in Ana's morning.
    slack.clock.set(slack.local("2027-01-15T10:00", SP));
    const value = `${ship.id}:midterm`;
    const pressed = await slack.press({
      user: "U0ANA",
      action_id: "evaluation.open",
      value,
      channel: "D0ANA",
      message_ts: "1.1",
      response_url: slack.fake.responseUrl("evaluation-press"),
      trigger_id: "press.trigger",
    });
    expect(pressed.status).toBe(200);
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.response?.ok).toBe(true);
    const view = opened?.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
    expect(view).toMatchObject({ type: "modal", callback_id: "evaluation.submit", private_metadata: value });
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      "criterion.teamwork",
      "criterion.teamwork.comment",
      "outcome.market-research",
      "hosting.project-clarity",
      "hosting.project-clarity.comment",
      "hosting.supervision",
      "hosting.supervision.comment",
      "hosting.reply-times",
      "hosting.reply-times.comment",
      "hosting.inclusion",
      "hosting.inclusion.comment",
      "hosting.intercultural-learning",
      "hosting.intercultural-learning.comment",
    ]);

    const opening = opened?.response?.view as { id: string; hash: string };
    const answers = {
      "criterion.teamwork": { selected: "4" },
      "criterion.teamwork.comment": null,
      "outcome.market-research": { selected: "partly" },
      "hosting.project-clarity": { selected: "4" },
      "hosting.project-clarity.comment": null,
      "hosting.supervision": { selected: "5" },
      "hosting.supervision.comment": null,
      "hosting.reply-times": { selected: "2" },
      "hosting.reply-times.comment": "Answers often came the next day",
      "hosting.inclusion": { selected: "4" },
      "hosting.inclusion.comment": null,
      "hosting.intercultural-learning": { selected: "5" },
      "hosting.intercultural-learning.comment": null,
    };
    const submission = (values: typeof answers, trigger: string) => ({
      user: "U0ANA",
      view_id: opening.id,
      hash: opening.hash,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      trigger_id: trigger,
      values,
    });
    const wrong = await slack.submit(
      submission({ ...answers, "outcome.market-research": { selected: null } } as never, "t.1"),
    );
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toEqual({
      response_action: "errors",
      errors: {
        "outcome.market-research": "Say whether market-research is achieved: not yet, partly or achieved.",
      },
    });
    expect(await slack.peek.evaluations.forInternship(ship.id)).toEqual([]);

    // Slack delivers the same submission twice.
    for (let i = 0; i < 2; i++) {
      const submitted = await slack.submit(submission(answers, "t.2"));
      expect(submitted.status).toBe(200);
    }
    const stored = await slack.peek.evaluations.forInternship(ship.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      side: "intern",
      answers: {
        outcomes: { "market-research": "partly" },
        hosting: { "reply-times": { score: 2, comment: "Answers often came the next day" } },
      },
    });
  });
});
