import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBlocks } from "../../fakes/slack-blocks.js";
import {
  blockText,
  buttonsOf,
  eventually,
  PACED_TIMEOUT,
  type SlackService,
  SP,
  startSlackService,
} from "./slack-harness.js";

let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
});
afterEach(async () => {
  await slack.stop();
});

describe("trying Tandem out in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("/tandem try checkin delivers a trial check-in DM, its modal, and the supervisor's preview, and stores no check-in", async () => {
    slack.clock.set(slack.local("2026-12-01T10:00", SP));
    const asked = await slack.command({ text: "try checkin for <@U0ANA|ana>", user_id: "U0BRAM" });
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { text: string }).text).toContain("Ana Souza gets a trial check-in now");
    await slack.tickAt(slack.clock.now());
    const [trial] = slack.dmWith("U0ANA", "this is a trial check-in");
    expect(trial?.params.channel).toBe("U0ANA");
    const answer = buttonsOf(trial?.params.blocks).find((b) => b.action_id === "checkin-trial.open");
    expect(answer).toBeDefined();

    await slack.press({
      user: "U0ANA",
      action_id: "checkin-trial.open",
      value: answer!.value,
      channel: "D0ANA",
      message_ts: String(trial?.response?.ts),
      response_url: slack.fake.responseUrl("trial-press"),
      trigger_id: "trial.trigger",
    });
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.response?.ok).toBe(true);
    const view = opened?.params.view as { callback_id: string; private_metadata: string };
    expect(view).toMatchObject({ callback_id: "checkin-trial.answer", private_metadata: answer!.value });

    const submitted = await slack.submit({
      user: "U0ANA",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: {
        progress: "read the onboarding docs",
        nextSteps: "first ticket",
        blockers: null,
        connectedness: { selected: "4" },
      },
    });
    expect(submitted.status).toBe(200);
    await eventually(() => slack.dmWith("U0ANA", "That was a trial: nothing was saved or counted.")[0]);
    await slack.tickAt(slack.clock.now());
    const [preview] = slack.dmWith("U0BRAM", "Trial check-in answered by Ana Souza");
    expect(String(preview?.params.text)).toContain("Ana Souza's check-in for Tue 1 Dec 2026:");
    expect(blockText(preview?.params.blocks)).toContain("read the onboarding docs");
    const real = await slack.peek.checkins.get((await slack.internship("ana-2026")).id, "2026-12-01");
    expect(real?.progress).toBeUndefined();
  });

  it("/tandem preview week answers in the acknowledgement, with blocks Slack accepts, and sends nothing", async () => {
    slack.clock.set(slack.local("2026-12-01T08:00", SP));
    const response = await slack.command({ text: "preview week for <@U0ANA|ana>", user_id: "U0LENA" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { text: string; blocks: unknown[] };
    expect(body.text).toContain("What Tandem would send about Ana Souza");
    expect(body.text).toMatch(/Ana Souza \(intern, America\/Sao Paulo\):\n {2}Tue 1 Dec, 09:30 — Hi Ana/);
    expect(checkBlocks(body.blocks, "message")).toBeUndefined();
    expect(slack.fake.okCalls("chat.postMessage")).toEqual([]);
  });
});
