import { describe, expect, it } from "vitest";
import { fuzzEverything } from "./fuzz.scenario.js";

describe("fuzzed commands and payloads (soak)", () => {
  it("never answers 5xx, never pings, never half-writes, over 10,000 cases", async () => {
    const report = await fuzzEverything(10_000);
    console.log("fuzz (soak):", JSON.stringify(report));
    expect(report.cases).toBe(10_000);
  });
});
