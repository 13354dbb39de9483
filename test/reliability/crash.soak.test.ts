import { describe, expect, it } from "vitest";
import { crashDuringFanOut } from "./crash.scenario.js";

describe("SIGKILL during a 10,000-message fan-out (soak)", () => {
  it("loses nothing after a restart, and sends twice only what was in flight", async () => {
    const report = await crashDuringFanOut(10_000);
    console.log("crash (soak):", JSON.stringify(report));
    expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
  });
});
