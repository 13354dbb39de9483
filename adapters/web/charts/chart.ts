/**
 * A chart people can read: an SVG picture rendered on the server by Apache ECharts, with a title, a text
 * description (also the picture's accessible name) and its numbers as a table. No client-side script.
 */
import type { EChartsOption } from "echarts";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the portal draws: every registered kind is visited on each setOption, so the full bundle made
// each picture about a third slower (a sparkline 3.4 against 2.3 ms CPU, bench/RESULTS.md).
echarts.use([LineChart, BarChart, GridComponent, MarkLineComponent, SVGRenderer]);

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface Chart {
  title: string;
  description: string;
  /** An <svg role="img"> named by the description; empty when there is nothing to draw. */
  svg: string;
  table: ChartTable;
}

/** The house colours: enough contrast on white for lines and text (WCAG AA for text). */
export const COLOURS = { line: "#1f4e9c", second: "#9c3d1f", agreed: "#444444", axis: "#333333" };

const escapeAttribute = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * Pictures kept by what they show: drawing a year of data takes tens of milliseconds, and a page's data
 * changes a few times a day while people open it more often. The key is the option's data (functions in
 * it are fixed per chart kind), the size and the label; the oldest picture goes first when full.
 */
const KEPT = 500;
const kept = new Map<string, string>();

/** ECharts' SVG as an image named by `label` for screen readers, out of the keyboard's way. */
export const namedSvg = (svg: string, label: string) =>
  svg.replace("<svg ", `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);

/** Renders an ECharts option to an SVG string named by `label`, without animation; kept unless `keep` is false. */
export function renderSvg(
  option: EChartsOption,
  width: number,
  height: number,
  label: string,
  keep = true,
): string {
  const key = keep ? `${width}x${height}\n${label}\n${JSON.stringify(option)}` : "";
  const hit = keep ? kept.get(key) : undefined;
  if (hit !== undefined) return hit;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { color: COLOURS.axis }, ...option });
    const svg = namedSvg(chart.renderToSVGString(), label);
    if (keep) {
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
      kept.set(key, svg);
    }
    return svg;
  } finally {
    chart.dispose();
  }
}

/** Forgets every kept picture (the benchmark measures drawing from nothing, too). */
export function forgetCharts(): void {
  kept.clear();
}
