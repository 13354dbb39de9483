import { describe, expect, it } from "vitest";
import { tenantIsolation } from "./tenants.scenario.js";

describe("tenants (soak)", () => {
  it("never lets a second workspace read or change the first one's data, over 3,000 random commands more", async () => {
    const report = await tenantIsolation(3_000);
    const { t1, t2, leaks, ...figures } = report;
    console.log("tenants (soak):", JSON.stringify(figures));
    expect(leaks).toEqual([]);
    expect(report.t1Unchanged).toBe(true);
    expect(t1).toMatchObject({ milestones: { planned: 1, done: 1, accepted: 1 }, clocks: { open: 1 } });
    // The service handled every request to its end and answered most of T2's commands with 200.
    expect(report.slackProcessed).toBeGreaterThan(3_000);
    expect(report.t2Answered).toBeGreaterThan(2_500);
    expect(Object.values(t2!.milestones).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
