import { describe, expect, it } from "vitest";
import { backupWhileWriting } from "./backup.scenario.js";

describe("backups while the service writes (soak)", () => {
  it("produces 20 + 20 good copies during 4,000 commands", async () => {
    const report = await backupWhileWriting(4_000, 20);
    const { service, ...figures } = report;
    console.log("backup (soak):", JSON.stringify(figures));
    expect(report.copies).toEqual({ inProcess: 20, cli: 20 });
    const milestones = Object.values(service!.milestones).reduce((a, b) => a + b, 0);
    expect(milestones).toBeGreaterThanOrEqual(4_000);
    expect(report.finalCopyMilestones).toBe(milestones);
  });
});
