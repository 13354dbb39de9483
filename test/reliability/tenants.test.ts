import { describe, expect, it } from "vitest";
import { tenantIsolation } from "./tenants.scenario.js";

describe("tenants", { timeout: 60_000 }, () => {
  it("never lets a second workspace read or change the first one's data", async () => {
    const report = await tenantIsolation(0);
    const { t1, t2, leaks, ...figures } = report;
    console.log("tenants (short):", JSON.stringify({ ...figures, t1, t2 }));
    expect(leaks).toEqual([]);
    expect(report.t1Unchanged).toBe(true);
    // T1's own life is in the database: three milestones (one done, one accepted) and its question.
    expect(t1).toMatchObject({ milestones: { planned: 1, done: 1, accepted: 1 }, clocks: { open: 1 } });
    // T2 was really served: the service handled its requests to the end, answered most of its 270
    // commands with 200 (the others are refusals) and made its own milestones.
    expect(report.slackProcessed).toBeGreaterThan(270);
    expect(report.t2Answered).toBeGreaterThan(200);
    expect(Object.values(t2!.milestones).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
