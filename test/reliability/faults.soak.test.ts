import { describe, expect, it } from "vitest";
import { flakyPlatform } from "./faults.scenario.js";
import { outboxOf } from "./service-state.js";

/** As many as the crash scenario; each hung call waits for the Web client's own 10 s timeout. */
const INTERNS = 10_000;

describe("a platform answering 2% 5xx, 1% 429 and hanging 0.2% of calls (soak)", () => {
  it(`delivers all ${INTERNS} check-ins in the end and dead-letters none`, async () => {
    const report = await flakyPlatform(INTERNS, 2026);
    const { state, ...figures } = report;
    console.log("faults (soak):", JSON.stringify(figures));
    expect(report.delivered).toBe(INTERNS);
    expect(outboxOf(state!, "checkin")).toEqual({ "checkin:sent": INTERNS });
  });
});
