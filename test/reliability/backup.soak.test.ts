import { describe, expect, it } from "vitest";
import { backupWhileWriting } from "./backup.scenario.js";

describe("backups while the service writes (soak)", () => {
  it("produces 20 + 20 good copies during 4,000 commands", async () => {
    const report = await backupWhileWriting(4_000, 20);
    console.log("backup (soak):", JSON.stringify(report));
    expect(report).toMatchObject({ inProcess: 20, cli: 20 });
    expect(report.commands).toBeGreaterThanOrEqual(4_000);
  });
});
