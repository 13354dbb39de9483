import { describe, expect, it } from "vitest";
import { slackRedelivery } from "./redelivery.scenario.js";
import { teamsRedelivery } from "./redelivery-teams.scenario.js";

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
    expect(report).toMatchObject({ deliveries: 4 * 8, effects: 8 });
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
    expect(report).toMatchObject({ deliveries: 4 * 7, effects: 7 });
  });
});
