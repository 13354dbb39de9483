import { describe, expect, it } from "vitest";
import { crashDuringFanOut } from "./crash.scenario.js";
import { outboxOf } from "./service-state.js";

describe("SIGKILL during a check-in fan-out", { timeout: 90_000 }, () => {
  it("loses nothing after a restart, and sends twice only what was in flight", async () => {
    const report = await crashDuringFanOut(200);
    const { state, ...figures } = report;
    console.log("crash (short):", JSON.stringify(figures));
    // Every check-in row ends sent, and the fake Slack accepted one for every intern.
    expect(outboxOf(state!, "checkin")).toEqual({ "checkin:sent": 200 });
    expect(report.reached).toBe(200);
    // Duplicates counted at the fake Slack: only what was in flight at the kill.
    expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
  });
});
