import { describe, expect, it } from "vitest";
import { slackRedelivery } from "./redelivery.scenario.js";
import { teamsRedelivery } from "./redelivery-teams.scenario.js";
import type { ServiceState } from "./service-state.js";

/** Outbox rows neither sent nor expired: a redelivery that queued something twice would leave one. */
const unsettled = (state: ServiceState) =>
  Object.keys(state.outbox).filter((k) => !k.endsWith(":sent") && !k.endsWith(":expired"));

describe("redelivered events and activities", { timeout: 60_000 }, () => {
  it("gives every Slack event, button and modal delivered 4 times one effect", async () => {
    const report = await slackRedelivery(1);
    expect(report.kinds).toEqual([
      "check-in answer in a DM",
      "question in the home channel",
      "acknowledgement reaction",
      "@mention command",
      "command in a DM",
      "button press",
      "modal submission",
      "App Home opened",
    ]);
    // Every delivery was handled to its end; each of the 8 was recorded once and had one effect.
    expect(report.slackProcessed).toBe(4 * 8);
    const state = report.state!;
    expect(state.inboundEvents).toBe(8);
    expect(state).toMatchObject({ clocks: { reaction: 1 }, milestones: { accepted: 1 } });
    expect(state.slack).toMatchObject({ "chat.postEphemeral": 1, "views.open": 1, "views.publish": 1 });
    expect(unsettled(state)).toEqual([]);
  });

  it("gives every Teams activity delivered 4 times one effect", async () => {
    const report = await teamsRedelivery(1);
    expect(report.kinds).toEqual([
      "check-in card submitted",
      "channel question",
      "like on the question",
      "@Tandem command in a channel",
      "command in the personal chat",
      "Action.Submit",
      "Action.Execute invoke",
    ]);
    const state = report.state!;
    expect(state.inboundEvents).toBe(7);
    expect(state).toMatchObject({ clocks: { reaction: 1 }, milestones: { accepted: 1 } });
    expect(state.teams).toBeGreaterThan(0);
    expect(unsettled(state)).toEqual([]);
  });
});
