import { describe, expect, it } from "vitest";
import { backupWhileWriting } from "./backup.scenario.js";

describe("backups while the service writes", { timeout: 60_000 }, () => {
  it("produces copies that open, pass the integrity check and hold every migration", async () => {
    const report = await backupWhileWriting(150, 1);
    console.log("backup (short):", JSON.stringify(report));
    expect(report).toMatchObject({ inProcess: 1, cli: 1 });
    expect(report.commands).toBeGreaterThanOrEqual(150);
  });
});
