/**
 * The milestone form in Slack end to end: /milestone add alone opens a modal whose outcomes are a
 * multi_static_select (checked by the strict fake), a wrong due date is shown beside its field, and a
 * submission Slack delivers twice adds one milestone serving the outcomes picked.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkView } from "../../fakes/slack-blocks.js";
import { PACED_TIMEOUT, type SlackService, SP, startSlackService } from "./slack-harness.js";

let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
});
afterEach(async () => {
  await slack.stop();
});

type View = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: { type: string; options?: { value: string }[] } }[];
};

describe("the milestone form in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("opens a modal with the outcomes to pick, shows a wrong date beside its field, and adds a redelivered submission once", async () => {
    const ship = await slack.internship("ana-2026");
    await slack.peek.learning.put(
      slack.workspace.id,
      ship.id,
      {
        outcomes: [
          { key: "market-research", description: "Plan and run a small market study" },
          { key: "presenting", description: `Present findings to a client ${"in clear English ".repeat(8)}` },
        ],
        criteria: [{ key: "teamwork", name: "Teamwork" }],
      },
      slack.clock.now(),
    );
    slack.clock.set(slack.local("2026-12-01T10:00", SP));
    const response = await slack.command({
      command: "/milestone",
      text: "add",
      user_id: "U0ANA",
      trigger_id: "ms.trigger",
    });
    expect(response.status).toBe(200);
    const opened = (await slack.fake.waitFor("views.open")).find((c) => c.params.trigger_id === "ms.trigger");
    expect(opened?.response?.ok).toBe(true);
    const view = opened!.params.view as View;
    expect(checkView(view, "modal")).toBeUndefined();
    expect(view).toMatchObject({ callback_id: "milestone.add", private_metadata: "" });
    const inputs = view.blocks.filter((b) => b.block_id);
    expect(inputs.map((b) => [b.block_id, b.element?.type])).toEqual([
      ["title", "plain_text_input"],
      ["due", "datepicker"],
      ["outcomes", "multi_static_select"],
    ]);
    expect(inputs[2]!.element!.options!.map((o) => o.value)).toEqual(["market-research", "presenting"]);

    const opening = opened!.response!.view as { id: string; hash: string };
    const submission = (due: string, trigger: string) => ({
      user: "U0ANA",
      view_id: opening.id,
      hash: opening.hash,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      trigger_id: trigger,
      values: {
        title: "Client deck",
        due: { date: due },
        outcomes: { options: ["market-research", "presenting"] },
      },
    });
    const wrong = await slack.submit(submission("2026-11-20", "t.1"));
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toEqual({
      response_action: "errors",
      errors: { due: "Fri 20 Nov 2026 is in the past; pick a due date from today on." },
    });
    expect(await slack.peek.milestones.listFor(ship.id)).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const submitted = await slack.submit(submission("2026-12-18", "t.2"));
      expect(submitted.status).toBe(200);
    }
    const milestones = await slack.peek.milestones.listFor(ship.id);
    expect(milestones.map((m) => [m.title, m.due])).toEqual([["Client deck", "2026-12-18"]]);
    expect(await slack.peek.learning.outcomesOfMilestones(ship.id)).toEqual(
      new Map([[milestones[0]!.id, ["market-research", "presenting"]]]),
    );
  });
});
