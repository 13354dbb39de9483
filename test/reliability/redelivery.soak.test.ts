import { describe, expect, it } from "vitest";
import { slackRedelivery } from "./redelivery.scenario.js";
import { teamsRedelivery } from "./redelivery-teams.scenario.js";

/** Many rounds of every kind of event, each delivered 4 times. */
const ROUNDS = 40;

describe("redelivered events and activities (soak)", () => {
  it(`gives ${ROUNDS} rounds of Slack events delivered 4 times one effect each`, async () => {
    const report = await slackRedelivery(ROUNDS);
    expect(report.effects).toBe(1 + 7 * ROUNDS);
    expect(report.deliveries).toBe(4 * report.effects);
  });

  it(`gives ${ROUNDS} rounds of Teams activities delivered 4 times one effect each`, async () => {
    const report = await teamsRedelivery(ROUNDS);
    expect(report.effects).toBe(1 + 6 * ROUNDS);
    expect(report.deliveries).toBe(4 * report.effects);
  });
});
