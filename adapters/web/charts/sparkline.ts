/**
 * The cohort board's small connectedness trends, one per row, drawn by ECharts as SVG. A board of 500
 * interns after a day of check-ins needs 500 new pictures, so they are drawn cheaply: one ECharts instance
 * for the whole board, its data replaced between pictures (setting up an instance cost as much as drawing),
 * a value axis instead of a category axis, no emphasis states; and kept by their scores, so a later view
 * redraws only the rows whose scores changed.
 */
import type { EChartsOption } from "echarts";
import * as echarts from "echarts/core";
import { COLOURS, namedSvg } from "./chart.js";

const WIDTH = 96;
const HEIGHT = 28;
/** Distinct score sequences kept; the oldest goes first when full. */
const KEPT = 5_000;
const kept = new Map<string, string>();
let drawn = 0;
/** Pictures ECharts drew (not taken from the kept ones), for tests and the benchmark. */
let rendered = 0;

export interface SparklineRequest {
  scores: readonly number[];
  /** The picture's accessible name: what it shows in words, with its numbers. */
  label: string;
}

/** Each copy gets its own ids (ECharts names its clip path and classes zr<n>-...): ids are unique per page. */
const fresh = (svg: string) => {
  drawn = (drawn + 1) % 1_000_000_000;
  return svg.replace(/zr\d+-/g, `spark${drawn}-`);
};

const points = (scores: readonly number[]) => scores.map((score, i) => [i, score]);

/** The whole option for the first picture; later ones change only the x range and the data. */
const firstOption = (scores: readonly number[]): EChartsOption => ({
  animation: false,
  grid: { left: 2, right: 2, top: 3, bottom: 3 },
  xAxis: { type: "value", show: false, min: 0, max: scores.length - 1 },
  yAxis: { type: "value", show: false, min: 1, max: 5 },
  series: [
    {
      type: "line",
      data: points(scores),
      symbol: "none",
      silent: true,
      emphasis: { disabled: true },
      color: COLOURS.line,
      lineStyle: { width: 1.5 },
    },
  ],
});

/**
 * SVG lines of scores 1-5, each named by its label, in the order asked; empty for fewer than two scores
 * (a line needs two points).
 */
export function sparklines(requests: readonly SparklineRequest[]): string[] {
  let chart: echarts.ECharts | undefined;
  try {
    return requests.map(({ scores, label }) => {
      if (scores.length < 2) return "";
      const key = scores.join(",");
      let svg = kept.get(key);
      if (svg === undefined) {
        if (chart === undefined) {
          chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
          chart.setOption(firstOption(scores));
        } else {
          chart.setOption({ xAxis: { max: scores.length - 1 }, series: [{ data: points(scores) }] });
        }
        svg = chart.renderToSVGString();
        rendered += 1;
        if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
        kept.set(key, svg);
      }
      return fresh(namedSvg(svg, label));
    });
  } finally {
    // A live instance would keep the process running (zrender's frame loop).
    chart?.dispose();
  }
}

/** One sparkline; a page with many draws them together with `sparklines`. */
export function sparkline(scores: readonly number[], label: string): string {
  return sparklines([{ scores, label }])[0]!;
}

/** Forgets every kept sparkline (the benchmark measures drawing from nothing, too). */
export function forgetSparklines(): void {
  kept.clear();
}

/** How many sparklines ECharts drew so far (the rest came from the kept ones). */
export function sparklinesRendered(): number {
  return rendered;
}
