/**
 * A chart people can read: an SVG picture rendered on the server by Apache ECharts, with a title, a text
 * description (also the picture's accessible name) and its numbers as a table. No client-side script.
 */
import * as echarts from "echarts";

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

/** Renders an ECharts option to an SVG string named by `label`, without animation; kept unless `keep` is false. */
export function renderSvg(
  option: echarts.EChartsOption,
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
    const svg = chart
      .renderToSVGString()
      .replace("<svg ", `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
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
