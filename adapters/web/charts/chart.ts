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

/** Renders an ECharts option to an SVG string named by `label`, without animation. */
export function renderSvg(
  option: echarts.EChartsOption,
  width: number,
  height: number,
  label: string,
): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { color: COLOURS.axis }, ...option });
    const svg = chart.renderToSVGString();
    return svg.replace("<svg ", `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
  } finally {
    chart.dispose();
  }
}
