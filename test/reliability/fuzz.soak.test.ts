import { describe, expect, it } from "vitest";
import { fuzzEverything, serverErrors } from "./fuzz.scenario.js";

describe("fuzzed commands and payloads (soak)", () => {
  it("never answers 5xx, never pings, never half-writes, over 10,000 cases", async () => {
    const report = await fuzzEverything(10_000);
    console.log("fuzz (soak):", JSON.stringify(report));
    expect(serverErrors(report)).toEqual([]);
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(report.slackProcessed).toBeGreaterThan(2_000);
    expect(report.state!.slack["chat.postMessage"]).toBeGreaterThan(0);
    expect(report.state!.teams).toBeGreaterThan(0);
    expect(report.integrity).toBe("ok");
  });
});
