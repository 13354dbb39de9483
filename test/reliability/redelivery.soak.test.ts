import { describe, expect, it } from "vitest";
import { slackRedelivery } from "./redelivery.scenario.js";
import { teamsRedelivery } from "./redelivery-teams.scenario.js";

/** Many rounds of every kind of event, each delivered 4 times. */
const ROUNDS = 40;

describe("redelivered events and activities (soak)", () => {
  it(`gives ${ROUNDS} rounds of Slack events delivered 4 times one effect each`, async () => {
    const report = await slackRedelivery(ROUNDS);
    const events = 1 + 7 * ROUNDS;
    expect(report.slackProcessed).toBe(4 * events);
    expect(report.state!.inboundEvents).toBe(events);
    expect(report.state).toMatchObject({
      clocks: { reaction: ROUNDS },
      milestones: { accepted: ROUNDS },
      slack: { "chat.postEphemeral": ROUNDS, "views.open": ROUNDS, "views.publish": ROUNDS },
    });
  });

  it(`gives ${ROUNDS} rounds of Teams activities delivered 4 times one effect each`, async () => {
    const report = await teamsRedelivery(ROUNDS);
    expect(report.state!.inboundEvents).toBe(1 + 6 * ROUNDS);
    expect(report.state).toMatchObject({ clocks: { reaction: ROUNDS }, milestones: { accepted: ROUNDS } });
  });
});
