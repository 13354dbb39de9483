import { describe, expect, it } from "vitest";
import { tenantIsolation } from "./tenants.scenario.js";

describe("tenants (soak)", () => {
  it("never lets a second workspace read or change the first one's data, over 3,000 random commands more", async () => {
    const report = await tenantIsolation(3_000);
    console.log("tenants (soak):", JSON.stringify(report));
    expect(report.commands).toBeGreaterThan(3_000);
  });
});
