import { describe, expect, it } from "vitest";
import { backupWhileWriting } from "./backup.scenario.js";

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("backups while the service writes", { timeout: 60_000 }, () => {
  it("produces copies that open, pass the integrity check and hold every migration", async () => {
    const report = await backupWhileWriting(150, 1);
    const { service, ...figures } = report;
    console.log("backup (short):", JSON.stringify(figures));
    // The copy files themselves, each checked again: one taken in this process, one by `tandem backup`.
    expect(report.copies).toEqual({ inProcess: 1, cli: 1 });
    // The service wrote at least 150 milestones, and the last copy holds every one of them.
    const milestones = total(service!.milestones);
    expect(milestones).toBeGreaterThanOrEqual(150);
    expect(report.finalCopyMilestones).toBe(milestones);
    expect(service!.milestones.done).toBeGreaterThan(0);
  });
});
