import { describe, expect, it } from "vitest";
import { crashDuringFanOut } from "./crash.scenario.js";

describe("SIGKILL during a check-in fan-out", { timeout: 90_000 }, () => {
  it("loses nothing after a restart, and sends twice only what was in flight", async () => {
    const report = await crashDuringFanOut(200);
    console.log("crash (short):", JSON.stringify(report));
    expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
  });
});
