import { describe, expect, it } from "vitest";
import { platformOutage } from "./outage.scenario.js";

describe("the platform unreachable for 10 simulated minutes", { timeout: 60_000 }, () => {
  it("sends the queued check-ins afterwards, within their windows, and expires those whose window closed", async () => {
    const report = await platformOutage(12);
    console.log("outage (short):", JSON.stringify(report));
    expect(report).toMatchObject({ sentAfterOutage: 24, expired: 12 });
  });
});
