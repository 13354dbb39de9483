import { describe, expect, it } from "vitest";
import { crashDuringInbound } from "./inbound-crash.scenario.js";

describe("SIGKILL while Slack events arrive", { timeout: 90_000 }, () => {
  it("has recorded every event it acknowledged, and records each redelivered one once", async () => {
    const report = await crashDuringInbound(300);
    console.log("inbound crash (short):", JSON.stringify(report));
    expect(report.acknowledgedBeforeKill).toBeGreaterThanOrEqual(100);
    expect(report.lostAcknowledged).toBe(0);
    expect(report.clocksAfterRedelivery).toBe(300);
    expect(report.inboundEventsAfterRedelivery).toBe(300);
  });
});
