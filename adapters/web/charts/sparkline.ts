/**
 * The cohort board's small connectedness trend, one per row. Rendering one takes a few milliseconds, so
 * the pictures are kept by their scores: a board of 500 interns redraws only the rows whose scores changed.
 */
import { COLOURS, renderSvg } from "./chart.js";

const WIDTH = 96;
const HEIGHT = 28;
/** Distinct score sequences kept; the oldest goes first when full. */
const KEPT = 5_000;
const kept = new Map<string, string>();
let drawn = 0;

/** Each copy gets its own ids (ECharts names its clip path and classes zr<n>-...): ids are unique per page. */
const fresh = (svg: string) => {
  drawn = (drawn + 1) % 1_000_000_000;
  return svg.replace(/zr\d+-/g, `spark${drawn}-`);
};

/** An SVG line of scores 1-5 named by `label`; empty for fewer than two scores (a line needs two points). */
export function sparkline(scores: readonly number[], label: string): string {
  if (scores.length < 2) return "";
  const key = `${scores.join(",")}\n${label}`;
  const hit = kept.get(key);
  if (hit !== undefined) return fresh(hit);
  const svg = renderSvg(
    {
      grid: { left: 2, right: 2, top: 3, bottom: 3 },
      xAxis: { type: "category", show: false, data: scores.map((_, i) => i) },
      yAxis: { type: "value", show: false, min: 1, max: 5 },
      series: [
        { type: "line", data: [...scores], symbol: "none", color: COLOURS.line, lineStyle: { width: 1.5 } },
      ],
    },
    WIDTH,
    HEIGHT,
    label,
    false, // kept here, by scores, not among the big charts
  );
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, svg);
  return fresh(svg);
}

/** Forgets every kept sparkline (the benchmark measures drawing from nothing, too). */
export function forgetSparklines(): void {
  kept.clear();
}
