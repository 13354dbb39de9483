import { describe, expect, it } from "vitest";
import { fuzzEverything, serverErrors } from "./fuzz.scenario.js";

describe("fuzzed commands and payloads", { timeout: 120_000 }, () => {
  it("never answers 5xx, never pings, never half-writes, over 500 cases", async () => {
    const report = await fuzzEverything(500);
    console.log("fuzz (short):", JSON.stringify(report));
    expect(serverErrors(report)).toEqual([]);
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(500);
    // The service really handled them: Slack requests to their end, replies the platforms accepted,
    // events recorded, and a sound database.
    expect(report.slackProcessed).toBeGreaterThan(100);
    expect(report.state!.slack["chat.postMessage"]).toBeGreaterThan(0);
    expect(report.state!.teams).toBeGreaterThan(0);
    expect(report.state!.inboundEvents).toBeGreaterThan(0);
    expect(report.integrity).toBe("ok");
  });
});
