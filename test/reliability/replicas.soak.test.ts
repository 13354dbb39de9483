import { describe, expect, it } from "vitest";
import { eventsAcrossReplicas } from "./replica-events.scenario.js";
import { killDuringFanOut } from "./replica-fanout.scenario.js";

describe("three `tandem start` replicas on one PostgreSQL database (soak)", () => {
  it("gives 40 rounds of Slack events one effect each when their retries reach the other replicas", async () => {
    const report = await eventsAcrossReplicas(40);
    console.log("replica events (soak):", JSON.stringify(report));
    expect(report.state).toMatchObject({
      inboundEvents: 200,
      clocks: { reaction: 40 },
      milestones: { done: 40 },
      slack: { "chat.postEphemeral": 40, "chat.postMessage": 40, "views.publish": 40 },
      dmReplies: 40,
      rateLimited: 0,
    });
  });

  it(
    "loses none of 5,000 check-ins when one is killed mid fan-out, and keeps each workspace under Slack's cap",
    async () => {
      // 500 a workspace: more than Slack's per-minute cap, so a second sender in a workspace would show.
      const report = await killDuringFanOut({
        interns: 5_000,
        perWorkspace: 500,
        leaseSeconds: 15,
        timeoutMs: 25 * 60_000,
      });
      console.log("replica fan-out (soak):", JSON.stringify(report));
      expect(report.reached).toBe(5_000);
      expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
      expect(report.peakPerMinute).toBeLessThanOrEqual(report.limit);
    },
    30 * 60_000,
  );
});
