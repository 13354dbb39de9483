import { describe, expect, it } from "vitest";
import { crashDuringInbound } from "./inbound-crash.scenario.js";

describe("SIGKILL while 5,000 Slack events arrive (soak)", () => {
  it("has recorded every event it acknowledged, and records each redelivered one once", async () => {
    const report = await crashDuringInbound(5_000);
    console.log("inbound crash (soak):", JSON.stringify(report));
    expect(report.acknowledgedBeforeKill).toBeGreaterThanOrEqual(1_666);
    expect(report.lostAcknowledged).toBe(0);
    expect(report.clocksAfterRedelivery).toBe(5_000);
    expect(report.inboundEventsAfterRedelivery).toBe(5_000);
  });
});
