import { describe, expect, it } from "vitest";
import { tenantIsolation } from "./tenants.scenario.js";

describe("tenants", { timeout: 60_000 }, () => {
  it("never lets a second workspace read or change the first one's data", async () => {
    const report = await tenantIsolation(0);
    console.log("tenants (short):", JSON.stringify(report));
    expect(report.t1Milestones).toBe(3);
  });
});
