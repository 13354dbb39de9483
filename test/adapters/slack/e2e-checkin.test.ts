import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BXL,
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

describe("a daily check-in in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("sends the check-in DM at 09:30 in São Paulo, opens the modal on Answer, stores the answers and sums them up for the supervisor", async () => {
    await slack.tickAt(slack.local("2026-12-01T09:30", SP));
    const [prompt] = slack.dmWith("U0ANA", "time for your check-in");
    expect(prompt?.params.channel).toBe("U0ANA");
    expect(String(prompt?.params.text)).toContain("time for your check-in (Tue 1 Dec 2026)");
    const answer = buttonsOf(prompt?.params.blocks).find((b) => b.action_id === "checkin.open");
    expect(answer).toMatchObject({ type: "button", value: "2026-12-01" });
    expect(blockText(prompt?.params.blocks)).toContain(
      "_Why: Your working agreement has a check-in at 09:30",
    );

    slack.clock.set(slack.local("2026-12-01T10:12", SP));
    const pressed = await slack.press({
      user: "U0ANA",
      action_id: "checkin.open",
      value: answer!.value,
      channel: "D0ANA",
      message_ts: String(prompt?.response?.ts),
      response_url: slack.fake.responseUrl("checkin-press"),
      trigger_id: "press.trigger",
    });
    expect(pressed.status).toBe(200);
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.params.trigger_id).toBe("press.trigger");
    expect(opened?.response?.ok).toBe(true);
    const view = opened?.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "checkin.answer",
      private_metadata: "2026-12-01",
    });
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      "progress",
      "nextSteps",
      "blockers",
      "connectedness",
    ]);

    const opening = opened?.response?.view as { id: string; hash: string };
    const submitted = await slack.submit({
      user: "U0ANA",
      view_id: opening.id,
      hash: opening.hash,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: {
        progress: "survey drafted",
        nextSteps: "interviews",
        blockers: null,
        connectedness: { selected: "4" },
      },
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe("");
    await eventually(() => slack.dmWith("U0ANA", "Thanks, your check-in for Tue 1 Dec 2026 is saved.")[0]);
    expect(
      await slack.peek.checkins.get((await slack.internship("ana-2026")).id, "2026-12-01"),
    ).toMatchObject({
      status: "answered",
      progress: "survey drafted",
      nextSteps: "interviews",
      connectedness: 4,
    });

    // 17:00 in São Paulo is 21:00 in Brussels: the summary waits for Bram's next working morning.
    await slack.tickAt(slack.local("2026-12-01T17:00", SP));
    const summaries = () => slack.dmWith("U0BRAM", "Ana Souza's check-in for Tue 1 Dec 2026:");
    expect(summaries()).toEqual([]);
    await slack.tickAt(slack.local("2026-12-02T09:00", BXL));
    const [summary] = summaries();
    expect(String(summary?.params.text)).toContain("Ana Souza's check-in for Tue 1 Dec 2026:");
    expect(blockText(summary?.params.blocks)).toContain("*Connected to the team*\\n4/5");
    expect(blockText(summary?.params.blocks)).toContain("survey drafted");
  });

  it("delivers the supervisor's summary even when an answer fills the modal's 2000 characters", async () => {
    await slack.tickAt(slack.local("2026-12-01T09:30", SP));
    const long = "survey & interviews ".repeat(100);
    const submitted = await slack.submit({
      user: "U0ANA",
      callback_id: "checkin.answer",
      private_metadata: "2026-12-01",
      values: { progress: long, nextSteps: "interviews", blockers: null, connectedness: { selected: "3" } },
    });
    expect(submitted.status).toBe(200);
    await eventually(
      async () =>
        (await slack.peek.checkins.get((await slack.internship("ana-2026")).id, "2026-12-01"))?.status ===
        "answered",
    );
    await slack.tickAt(slack.local("2026-12-01T17:00", SP));
    await slack.tickAt(slack.local("2026-12-02T09:00", BXL));
    const [summary] = slack.dmWith("U0BRAM", "Ana Souza's check-in for Tue 1 Dec 2026:");
    expect(summary?.response?.ok).toBe(true);
    expect(blockText(summary?.params.blocks)).toContain("survey &amp; interviews");
  });

  it("retries a check-in refused with HTTP 429 after Slack's Retry-After, and delivers it once", async () => {
    slack.fake.failNext("chat.postMessage", { status: 429, retryAfter: 45, when: { channel: "U0ANA" } });
    const first = slack.local("2026-12-01T09:30", SP);
    const result = await slack.tickAt(first);
    expect(result.dispatch).toMatchObject({ retried: 1, dead: 0 });
    const toAna = () =>
      slack.fake
        .calls("chat.postMessage")
        .filter(
          (c) => c.params.channel === "U0ANA" && String(c.params.text).includes("time for your check-in"),
        );
    expect(toAna().map((c) => c.status)).toEqual([429]);
    const [retry] = slack.logged("send failed; will retry");
    expect(retry?.retryAt).toBe(new Date(first.getTime() + 45_000).toISOString());

    // Our own backoff (30 s) is shorter than Slack asked for: nothing goes before 45 s.
    await slack.tickAt(new Date(first.getTime() + 30_000));
    expect(toAna()).toHaveLength(1);
    await slack.tickAt(new Date(first.getTime() + 45_000));
    await slack.tickAt(new Date(first.getTime() + 120_000));
    expect(toAna().map((c) => c.status)).toEqual([429, 200]);
    expect(slack.dmWith("U0ANA", "time for your check-in")).toHaveLength(1);
  });
});
