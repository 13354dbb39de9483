import { describe, expect, it } from "vitest";
import { fuzzEverything } from "./fuzz.scenario.js";

describe("fuzzed commands and payloads", { timeout: 120_000 }, () => {
  it("never answers 5xx, never pings, never half-writes, over 500 cases", async () => {
    const report = await fuzzEverything(500);
    console.log("fuzz (short):", JSON.stringify(report));
    expect(report.cases).toBe(500);
  });
});
