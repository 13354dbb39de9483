import { describe, expect, it } from "vitest";
import { flakyPlatform } from "./faults.scenario.js";
import { outboxOf } from "./service-state.js";

describe("a platform answering 2% 5xx, 1% 429 and hanging 0.2% of calls", { timeout: 90_000 }, () => {
  it("delivers every check-in in the end and dead-letters none", async () => {
    // Hung calls are dropped after 1 s here; the soak run waits for the Web client's own 10 s timeout.
    const report = await flakyPlatform(100, 7, 1_000);
    const { state, ...figures } = report;
    console.log("faults (short):", JSON.stringify(figures));
    expect(report.delivered).toBe(100);
    expect(outboxOf(state!, "checkin")).toEqual({ "checkin:sent": 100 });
  });
});
