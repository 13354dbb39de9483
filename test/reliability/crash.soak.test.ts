import { describe, expect, it } from "vitest";
import { crashDuringFanOut } from "./crash.scenario.js";
import { outboxOf } from "./service-state.js";

describe("SIGKILL during a 10,000-message fan-out (soak)", () => {
  it("loses nothing after a restart, and sends twice only what was in flight", async () => {
    const report = await crashDuringFanOut(10_000);
    const { state, ...figures } = report;
    console.log("crash (soak):", JSON.stringify(figures));
    // Every check-in row ends sent, and the fake Slack accepted one for every intern.
    expect(outboxOf(state!, "checkin")).toEqual({ "checkin:sent": 10_000 });
    expect(report.reached).toBe(10_000);
    // Duplicates counted at the fake Slack: only what was in flight at the kill.
    expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
  });
});
