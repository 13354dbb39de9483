import { describe, expect, it } from "vitest";
import { signalChart } from "../../../adapters/web/charts/internship-charts.js";
import type { IsolationLevel } from "../../../src/domain/records.js";
import { buildInternshipPage } from "../../../src/services/portal/internship-page.js";
import { createServiceHarness } from "../../helpers/service-harness.js";

describe("the connection signal's history on the internship page", () => {
  it("counts changes of level only, not a reason whose count of days grows", async () => {
    const h = await createServiceHarness();
    const ship = await h.internship("ana-2026");
    const at = h.clock.now();
    const days: [string, IsolationLevel, number][] = [
      ["2026-11-23", "watch", 8],
      ["2026-11-24", "watch", 9],
      ["2026-11-25", "watch", 10],
      ["2026-11-26", "at_risk", 11],
      ["2026-11-27", "at_risk", 12],
      ["2026-11-30", "watch", 15],
    ];
    for (const [date, level, n] of days) {
      await h.store.signals.save(h.workspace.id, {
        internshipId: ship.id,
        date,
        level,
        reasons: [{ code: "no_meeting", text: `no live conversation in the last ${n} days` }],
        inputs: { daysSinceMeeting: n },
        computedAt: at,
      });
    }
    const page = (await buildInternshipPage(h.store, h.workspace.id, ship.id, ["coordinator"], at))!;
    expect(page.signals.filter((s) => s.changed).map((s) => s.date)).toEqual([
      "2026-11-23",
      "2026-11-26",
      "2026-11-30",
    ]);
    expect(signalChart(page).description).toContain("3 changes");
  });
});
