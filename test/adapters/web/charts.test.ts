import { describe, expect, it } from "vitest";
import {
  connectednessChart,
  replyTimesChart,
  signalChart,
} from "../../../adapters/web/charts/internship-charts.js";
import { forgetSparklines, sparkline, sparklines } from "../../../adapters/web/charts/sparkline.js";
import { buildInternshipPage, type InternshipPage } from "../../../src/services/portal/internship-page.js";
import { seedCohort } from "../../helpers/portal-data.js";
import { createTestStore } from "../../helpers/test-store.js";

const NOW = new Date("2026-12-03T15:00:00Z");

async function page(): Promise<InternshipPage> {
  const store = createTestStore(NOW);
  const seeded = await seedCohort(store, {
    companies: 1,
    internsPerCompany: 1,
    days: 40,
    today: "2026-12-03",
  });
  const ref = seeded.internships[0]!;
  return (await buildInternshipPage(store, ref.workspaceId, ref.internshipId, ["coordinator"], NOW))!;
}

describe("charts", () => {
  it("draws connectedness as an SVG named by its description, with every score in the table", async () => {
    const p = await page();
    const chart = connectednessChart(p);
    expect(chart.title).toBe("Connectedness over time: Intern 0-0");
    expect(chart.svg).toMatch(/^<svg role="img" aria-label="\d+ scores from 2026-10-2\d to 2026-12-0\d/);
    expect(chart.svg).not.toMatch(/<script/);
    expect(chart.table.rows).toEqual(p.connectedness.map((s) => [s.date, s.score]));
    expect(chart.description).toMatch(/lowest \d, highest \d, average [\d.]+, last \d\./);
  });

  it("draws reply times per week each way with the agreed time as a line", async () => {
    const p = await page();
    const company = replyTimesChart(p, "to_company");
    expect(company.title).toBe(
      "Reply times to the intern (the company answering), per week, against the agreed 6h",
    );
    expect(company.svg).toContain("agreed 6h");
    expect(company.table.rows.length).toBe(p.replyWeeks.length);
    const intern = replyTimesChart(p, "to_intern");
    expect(intern.svg).toContain("agreed 8h");
    expect(intern.description).toMatch(/tracked questions over \d+ weeks; the agreed reply time is 8h/);
  });

  it("says when there is nothing to draw instead of drawing an empty picture", async () => {
    const p = { ...(await page()), connectedness: [], replyWeeks: [], signals: [] };
    expect(connectednessChart(p)).toMatchObject({
      svg: "",
      description: "No connectedness scores were given in check-ins yet.",
    });
    expect(replyTimesChart(p, "to_intern").svg).toBe("");
    expect(signalChart(p)).toMatchObject({
      svg: "",
      description: "The connection signal was not computed yet.",
    });
  });

  it("lists only the signal's changes with their reasons", async () => {
    const p = await page();
    const chart = signalChart(p);
    expect(chart.table.rows.length).toBe(p.signals.filter((s) => s.changed).length);
    expect(chart.svg).toContain("at risk");
    expect(chart.description).toMatch(/^\d+ days from .* changes, listed with their reasons\. Now: /);
  });

  it("keeps sparklines by their scores and escapes the label", () => {
    const first = sparkline([3, 4, 2, 5], 'Scores 3, 4, 2, 5 "falling" <b>');
    expect(first).toContain('aria-label="Scores 3, 4, 2, 5 &quot;falling&quot; &lt;b&gt;"');
    const again = sparkline([3, 4, 2, 5], 'Scores 3, 4, 2, 5 "falling" <b>');
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(first).length).toBeGreaterThan(0);
    expect(ids(again).filter((id) => ids(first).includes(id))).toEqual([]);
    expect(again.replace(/spark\d+-/g, "")).toBe(first.replace(/spark\d+-/g, ""));
    expect(sparkline([4], "one score")).toBe("");
  });

  it("draws a board's sparklines with one instance, each the picture it would be alone", () => {
    const lines = [[1, 5, 3], [2, 2, 4, 4, 5, 1], [4], [5, 4, 3, 2, 1, 1, 2]].map((scores, i) => ({
      scores,
      label: `line ${i}`,
    }));
    forgetSparklines();
    const together = sparklines(lines);
    const shape = (svg: string) => svg.replace(/spark\d+-/g, "").replace(/cls-\d+/g, "cls");
    expect(together[2]).toBe("");
    lines.forEach((line, i) => {
      forgetSparklines();
      expect(shape(together[i]!)).toBe(shape(sparkline(line.scores, line.label)));
      if (line.scores.length > 1) expect(together[i]).toContain(`aria-label="line ${i}"`);
    });
    expect(new Set(together.filter((s) => s).map((s) => /<path d="([^"]+)"/.exec(s)?.[1])).size).toBe(3);
  });
});
