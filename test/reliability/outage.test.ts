import { describe, expect, it } from "vitest";
import { platformOutage } from "./outage.scenario.js";
import { outboxOf } from "./service-state.js";

describe("the platform unreachable for 10 simulated minutes", { timeout: 60_000 }, () => {
  it("sends the queued check-ins afterwards, within their windows, and expires those whose window closed", async () => {
    const report = await platformOutage(12);
    const { state, ...figures } = report;
    console.log("outage (short):", JSON.stringify(figures));
    expect(report).toMatchObject({ sentAfterOutage: 24, expired: 12 });
    // What the fake Slack accepted per group, and the outbox rows as the service left them.
    expect(report.reached).toEqual({ a: 12, b: 0, c: 12 });
    expect(outboxOf(state!, "checkin")).toEqual({ "checkin:expired": 12, "checkin:sent": 24 });
  });
});
