import { describe, expect, it } from "vitest";
import { flakyPlatform } from "./faults.scenario.js";

/** Each hung call costs the Web client's 10 s timeout, so this size keeps the run to a few minutes. */
const INTERNS = 3_000;

describe("a platform answering 2% 5xx, 1% 429 and hanging 0.2% of calls (soak)", () => {
  it(`delivers all ${INTERNS} check-ins in the end and dead-letters none`, async () => {
    const report = await flakyPlatform(INTERNS, 2026);
    console.log("faults (soak):", JSON.stringify(report));
    expect(report.delivered).toBe(INTERNS);
  });
});
