import { describe, expect, it } from "vitest";
import { signalChart } from "../../../adapters/web/charts/internship-charts.js";
import type { IsolationLevel } from "../../../src/domain/records.js";
import { loadInternshipContext } from "../../../src/services/internship-context.js";
import { cohortRow } from "../../../src/services/portal/cohort-board.js";
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

  it("never claims a period before Tandem watched: says since the day it began instead", async () => {
    // Ana's internship started on 1 Nov; the programme was imported (Tandem began watching) on 30 Nov.
    const h = await createServiceHarness();
    const ship = await h.internship("ana-2026");
    const at = h.local("2026-12-13T12:00", "America/Sao_Paulo");
    const save = (date: string, days: number, quiet: number) =>
      h.store.signals.save(h.workspace.id, {
        internshipId: ship.id,
        date,
        level: "watch",
        reasons: [
          { code: "no_meeting", text: `no live conversation in the last ${days} days` },
          { code: "quiet", text: `${quiet} working days without a message` },
        ],
        inputs: { daysSinceMeeting: days, quietWorkingDays: quiet },
        computedAt: at,
      });
    await save("2026-12-10", 8, 3);
    await save("2026-12-13", 42, 30);
    const page = (await buildInternshipPage(h.store, h.workspace.id, ship.id, ["coordinator"], at))!;
    expect(page.signals.map((s) => s.reasons)).toEqual([
      [
        "no live conversation (a call, a video meeting, a coffee) was logged in the last 8 days",
        "3 working days have passed without a message from Ana Souza in the team's conversations",
      ],
      [
        "no live conversation (a call, a video meeting, a coffee) was logged since Mon 30 Nov 2026",
        "no message from Ana Souza in the team's conversations since Mon 30 Nov 2026",
      ],
    ]);
    expect(page.summary.isolation?.reasons.join("; ")).toContain("was logged since Mon 30 Nov 2026");
    const row = await cohortRow(
      h.store,
      (await loadInternshipContext(h.store, h.workspace.id, ship.id))!,
      at,
    );
    expect(row.reasons).toContain(
      "no live conversation (a call, a video meeting, a coffee) was logged since Mon 30 Nov 2026",
    );
  });
});
