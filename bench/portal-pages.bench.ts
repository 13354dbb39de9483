/**
 * Portal pages benchmark: the cohort board of a coordinator with 500 interns (goal p95 < 200 ms) and one
 * internship page with a year of data (goal < 100 ms), each from the store to the finished HTML: the view
 * model (every query), the charts (ECharts server-side SVG) and the page. HTTP, sessions and the access
 * check are not included (a few queries per request; see RESULTS.md). SQLite file store. "CPU ms/run" is
 * this process's own CPU time per page: on a machine others load, the wall-clock percentiles include
 * waiting for a core, and "other CPU" says how much of the machine the rest used meanwhile (200% = both cores).
 *
 *   node --import tsx bench/portal-pages.bench.ts [interns] [runs]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { forgetCharts } from "../adapters/web/charts/chart.js";
import { forgetSparklines } from "../adapters/web/charts/sparkline.js";
import { startSparklineWarmer } from "../adapters/web/charts/sparkline-warmer.js";
import { page } from "../adapters/web/layout.js";
import { cohortBoardHtml } from "../adapters/web/pages/cohort-board-html.js";
import { internshipHtml } from "../adapters/web/pages/internship-html.js";
import { cohortRows } from "../src/services/portal/cohort-board.js";
import { companiesOf, readCohortQuery, selectCohortRows } from "../src/services/portal/cohort-query.js";
import { buildInternshipPage } from "../src/services/portal/internship-page.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { seedCohort } from "../test/helpers/portal-data.js";
import { machineBusyMs, machineLine } from "./lib/machine.js";
import { fmt, summarize, table } from "./lib/stats.js";

const NOW = new Date("2026-12-03T15:00:00Z");
const TODAY = "2026-12-03";
const interns = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 30);
const PER_COMPANY = 20;

async function timed(
  label: string,
  n: number,
  fn: () => Promise<string>,
  before?: () => Promise<unknown>,
): Promise<string[]> {
  await before?.();
  await fn(); // warm-up: first compilation, caches
  const times: number[] = [];
  let bytes = 0;
  const busy0 = machineBusyMs();
  let cpuBefore = 0; // CPU spent in `before`, not counted as the page's
  let wallBefore = 0;
  let busyBefore = 0; // the whole machine's CPU meanwhile, left out of "other CPU"
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (before) {
      const c = process.cpuUsage();
      const w = performance.now();
      const b = machineBusyMs();
      await before();
      const d = process.cpuUsage(c);
      cpuBefore += d.user + d.system;
      wallBefore += performance.now() - w;
      busyBefore += (machineBusyMs() ?? 0) - (b ?? 0);
    }
    const start = performance.now();
    bytes = (await fn()).length;
    times.push(performance.now() - start);
  }
  const wall = performance.now() - wall0 - wallBefore;
  const cpuAll = process.cpuUsage(cpu0);
  const cpu = { user: cpuAll.user - cpuBefore, system: cpuAll.system };
  const busy1 = machineBusyMs();
  const own = (cpu.user + cpu.system) / 1000;
  const other =
    busy0 === undefined || busy1 === undefined
      ? Number.NaN
      : ((busy1 - busy0 - busyBefore - own) / wall) * 100;
  const s = summarize(times);
  return [
    label,
    String(n),
    fmt(s.p50),
    fmt(s.p90),
    fmt(percentile95(times)),
    fmt(s.max),
    fmt(own / n),
    `${Math.round(bytes / 1024)} KiB`,
    `${fmt(other, 0)}%`,
  ];
}

function percentile95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(0.95 * sorted.length))) - 1]!;
}

const folder = mkdtempSync(join(tmpdir(), "tandem-portal-bench-"));
try {
  const store = openStore(join(folder, "tandem.db"), { now: NOW });
  const seedStart = performance.now();
  const cohort = await seedCohort(store, {
    companies: Math.ceil(interns / PER_COMPANY),
    internsPerCompany: Math.min(PER_COMPANY, interns),
    days: 60,
    today: TODAY,
  });
  const yearStore = openStore(join(folder, "year.db"), { now: NOW });
  const year = await seedCohort(yearStore, { companies: 1, internsPerCompany: 1, days: 365, today: TODAY });
  console.log(
    `seeded ${cohort.internships.length} interns (60 days each) and one of a year in ${fmt((performance.now() - seedStart) / 1000)} s`,
  );

  const frame = { title: "Cohort board", signedInAs: "Carla Coordinator", csrfToken: "token" };
  const paths = {
    board: "/portal",
    csv: "/portal/cohort.csv",
    internship: (id: number) => `/portal/internships/${id}`,
  };
  const board = async () => {
    const rows = await cohortRows(store, cohort.internships, NOW);
    const query = readCohortQuery({});
    const view = {
      rows: selectCohortRows(rows, query),
      total: rows.length,
      companies: companiesOf(rows),
      query,
      paths,
    };
    return page(frame, cohortBoardHtml(view));
  };
  const ref = year.internships[0]!;
  const internship = async () => {
    const view = (await buildInternshipPage(
      yearStore,
      ref.workspaceId,
      ref.internshipId,
      ["coordinator"],
      NOW,
    ))!;
    return page(
      { ...frame, title: view.intern },
      internshipHtml(view, { report: "/portal/internships/1/report" }),
    );
  };
  // "first view": every chart drawn from nothing, as after the data changed; otherwise pictures are kept.
  const cold = (render: () => Promise<string>) => async () => {
    forgetCharts();
    forgetSparklines();
    return await render();
  };
  // The portal draws the boards' sparklines ahead, once a minute: a first view after new check-ins then
  // finds them drawn (the pass itself runs in the background, in small slices; its cost is the next row).
  const warmer = startSparklineWarmer(store, pino({ level: "silent" }), {
    everyMs: 3_600_000,
    firstAfterMs: 3_600_000,
  });
  const warmPass = async () => {
    forgetCharts();
    forgetSparklines();
    return String(await warmer.warm());
  };
  const rows = [
    await timed(`cohort board, ${cohort.internships.length} interns`, runs, board),
    await timed(
      `cohort board, ${cohort.internships.length} interns, first view`,
      Math.ceil(runs / 3),
      cold(board),
    ),
    await timed(
      `cohort board, ${cohort.internships.length} interns, first view after the warmer's pass`,
      Math.ceil(runs / 3),
      board,
      warmPass,
    ),
    await timed(
      `warmer pass (background), ${cohort.internships.length} interns, all redrawn`,
      Math.ceil(runs / 3),
      warmPass,
    ),
    await timed("internship page, a year of data", runs * 2, internship),
    await timed("internship page, a year of data, first view", runs, cold(internship)),
  ];
  console.log(machineLine());
  console.log(
    table(["page", "runs", "p50 ms", "p90 ms", "p95 ms", "max ms", "CPU ms/run", "size", "other CPU"], rows),
  );
  await warmer.stop();
  await store.close();
  await yearStore.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
