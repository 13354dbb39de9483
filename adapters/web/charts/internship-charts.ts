/** The internship page's charts: connectedness, reply times per week (each way), the connection signal. */
import { LEVEL_NAMES } from "../../../src/domain/isolation.js";
import type { IsolationLevel } from "../../../src/domain/records.js";
import type { ReplyFigures } from "../../../src/domain/reply-figures.js";
import type { InternshipPage, ReplyWeek, SignalPoint } from "../../../src/services/portal/internship-page.js";
import { type Chart, COLOURS, renderSvg } from "./chart.js";

const WIDTH = 640;
const HEIGHT = 240;
const GRID = { left: 48, right: 24, top: 24, bottom: 40 };
const shown = (n: number | undefined) => (n === undefined ? "unknown" : String(n));
const percent = (share: number | undefined) =>
  share === undefined ? "unknown" : `${Math.round(share * 100)}%`;

export function connectednessChart(page: InternshipPage): Chart {
  const points = page.connectedness;
  const title = `Connectedness over time: ${page.intern}`;
  const table = { columns: ["Date", "Score (1-5)"], rows: points.map((p) => [p.date, p.score]) };
  if (points.length === 0) {
    return { title, description: "No connectedness scores were given in check-ins yet.", svg: "", table };
  }
  const scores = points.map((p) => p.score);
  const average = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
  const description =
    `${points.length} scores from ${points[0]!.date} to ${points.at(-1)!.date}, on a scale of 1 (isolated) to 5 ` +
    `(connected): lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}, average ${average}, last ${scores.at(-1)}.`;
  const svg = renderSvg(
    {
      grid: GRID,
      xAxis: { type: "category", data: points.map((p) => p.date), axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", min: 1, max: 5, interval: 1, name: "score" },
      series: [
        {
          type: "line",
          data: scores,
          color: COLOURS.line,
          symbol: "circle",
          symbolSize: 5,
          lineStyle: { width: 2 },
        },
      ],
    },
    WIDTH,
    HEIGHT,
    description,
  );
  return { title, description, svg, table };
}

export type ReplyWay = "to_company" | "to_intern";

const WAY_WORDS: Record<ReplyWay, { title: string; agreedOf: "company" | "intern" }> = {
  to_company: { title: "Reply times to the intern (the company answering)", agreedOf: "company" },
  to_intern: { title: "Reply times from the intern (the intern answering)", agreedOf: "intern" },
};

/** Median working hours per week of the questions, with the agreed time as a line. */
export function replyTimesChart(page: InternshipPage, way: ReplyWay): Chart {
  const words = WAY_WORDS[way];
  const agreed = page.agreed[words.agreedOf];
  const weeks: [ReplyWeek["week"], ReplyFigures][] = page.replyWeeks.map((w) => [w.week, w.figures[way]]);
  const title = `${words.title}, per week, against the agreed ${agreed.text}`;
  const table = {
    columns: [
      "Week",
      "Answered",
      "Median hours",
      "90th percentile hours",
      "On time",
      "Late",
      "Overdue",
      "On time share",
    ],
    rows: weeks.map(([week, f]) => [
      week,
      f.answered,
      shown(f.medianHours),
      shown(f.p90Hours),
      f.onTime,
      f.late,
      f.overdue,
      percent(f.withinShare),
    ]),
  };
  const asked = weeks.reduce((n, [, f]) => n + f.answered + f.overdue + f.waiting, 0);
  if (asked === 0) {
    return { title, description: "No questions were tracked in this direction yet.", svg: "", table };
  }
  const late = weeks.filter(
    ([, f]) => f.medianHours !== undefined && agreed.hours !== undefined && f.medianHours > agreed.hours,
  );
  const breaches = weeks.reduce((n, [, f]) => n + f.breaches, 0);
  const description =
    `${asked} tracked questions over ${weeks.length} weeks; the agreed reply time is ${agreed.text} of working time. ` +
    `${breaches} missed it (answered late or still overdue). ` +
    (agreed.hours === undefined
      ? "The agreed time is in contact days, so no line is drawn."
      : `The median was above the agreed time in ${late.length} of ${weeks.length} weeks.`);
  const svg = renderSvg(
    {
      grid: GRID,
      xAxis: { type: "category", data: weeks.map(([week]) => week), axisLabel: { hideOverlap: true } },
      // Room for the agreed line even when every week was faster.
      yAxis: {
        type: "value",
        name: "hours",
        min: 0,
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, agreed.hours ?? 0) * 1.15),
      },
      series: [
        {
          type: "bar",
          data: weeks.map(([, f]) => f.medianHours ?? null),
          color: way === "to_company" ? COLOURS.line : COLOURS.second,
          ...(agreed.hours === undefined
            ? {}
            : {
                markLine: {
                  silent: true,
                  symbol: "none",
                  lineStyle: { color: COLOURS.agreed, type: "dashed", width: 2 },
                  label: {
                    formatter: `agreed ${agreed.text}`,
                    color: COLOURS.agreed,
                    position: "insideEndTop",
                  },
                  data: [{ yAxis: agreed.hours }],
                },
              }),
        },
      ],
    },
    WIDTH,
    HEIGHT,
    description,
  );
  return { title, description, svg, table };
}

const LEVEL_Y: Record<IsolationLevel, number> = { ok: 0, watch: 1, at_risk: 2 };
const Y_NAMES = [LEVEL_NAMES.ok, LEVEL_NAMES.watch, LEVEL_NAMES.at_risk];

/** The level day by day as a step line; the table lists the changes with their reasons. */
export function signalChart(page: InternshipPage): Chart {
  const points: SignalPoint[] = page.signals;
  const changes = points.filter((p) => p.changed);
  const title = `Connection signal over time: ${page.intern}`;
  const table = {
    columns: ["Date", "Level", "Reasons"],
    rows: changes.map((p) => [
      p.date,
      LEVEL_NAMES[p.level],
      p.reasons.length === 0 ? "none" : p.reasons.join("; "),
    ]),
  };
  if (points.length === 0) {
    return { title, description: "The connection signal was not computed yet.", svg: "", table };
  }
  const days = (level: IsolationLevel) => points.filter((p) => p.level === level).length;
  const description =
    `${points.length} days from ${points[0]!.date} to ${points.at(-1)!.date}: ${days("ok")} ok, ` +
    `${days("watch")} watch, ${days("at_risk")} at risk; ${changes.length} changes, listed with their reasons. ` +
    `Now: ${LEVEL_NAMES[points.at(-1)!.level]}.`;
  const svg = renderSvg(
    {
      grid: { ...GRID, left: 64 },
      xAxis: { type: "category", data: points.map((p) => p.date), axisLabel: { hideOverlap: true } },
      yAxis: {
        type: "value",
        min: 0,
        max: 2,
        interval: 1,
        axisLabel: { formatter: (value: number) => Y_NAMES[value] ?? "" },
      },
      series: [
        {
          type: "line",
          step: "end",
          data: points.map((p) => LEVEL_Y[p.level]),
          color: COLOURS.second,
          symbol: "none",
          lineStyle: { width: 2 },
        },
      ],
    },
    WIDTH,
    HEIGHT,
    description,
  );
  return { title, description, svg, table };
}
