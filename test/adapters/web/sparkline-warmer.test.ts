import pino from "pino";
import { describe, expect, it } from "vitest";
import { forgetSparklines, sparklinesRendered } from "../../../adapters/web/charts/sparkline.js";
import { startSparklineWarmer } from "../../../adapters/web/charts/sparkline-warmer.js";
import { cohortBoardHtml } from "../../../adapters/web/pages/cohort-board-html.js";
import { cohortRows } from "../../../src/services/portal/cohort-board.js";
import { readCohortQuery } from "../../../src/services/portal/cohort-query.js";
import { seedCohort } from "../../helpers/portal-data.js";
import { createTestStore } from "../../helpers/test-store.js";

const NOW = new Date("2026-12-03T15:00:00Z");

describe("the sparkline warmer", () => {
  it("draws the boards' trends ahead, so a board after new check-ins draws nothing in the request", async () => {
    const store = createTestStore(NOW);
    const seeded = await seedCohort(store, {
      companies: 2,
      internsPerCompany: 3,
      days: 30,
      today: "2026-12-03",
    });
    const board = async () => {
      const rows = await cohortRows(store, seeded.internships, NOW);
      const paths = { board: "/portal", csv: "/c", internship: (id: number) => `/i/${id}` };
      return cohortBoardHtml({ rows, total: rows.length, companies: [], query: readCohortQuery({}), paths })
        .text;
    };
    // Timed passes far away: the test runs them itself.
    const warmer = startSparklineWarmer(store, pino({ level: "silent" }), {
      everyMs: 3_600_000,
      firstAfterMs: 3_600_000,
    });
    try {
      forgetSparklines();
      const before = sparklinesRendered();
      expect(await warmer.warm()).toBe(6);
      expect(sparklinesRendered() - before).toBe(6);
      const viewed = sparklinesRendered();
      const html = await board();
      expect(sparklinesRendered()).toBe(viewed);
      expect(html.match(/<svg role="img" aria-label="Connectedness, last \d+ scores: /g)?.length).toBe(6);
      // A new answer changes one intern's trend: the next pass draws that one only.
      const ref = seeded.internships[0]!;
      await store.checkins.create(ref.workspaceId, ref.internshipId, "2026-12-03", "due", NOW);
      const today = (await store.checkins.get(ref.internshipId, "2026-12-03"))!;
      await store.checkins.answer(today.id, { connectedness: 5 }, "answered", NOW);
      await warmer.warm();
      expect(sparklinesRendered()).toBe(viewed + 1);
      await board();
      expect(sparklinesRendered()).toBe(viewed + 1);
    } finally {
      await warmer.stop();
      await store.close();
    }
  });
});
