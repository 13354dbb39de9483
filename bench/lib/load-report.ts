/**
 * The inbound benchmarks' shared driver and tables: each rate against the bare SDK and the service, and
 * optionally the service of another checkout (BENCH_BEFORE=<path>, e.g. the commit before a change).
 */
import type { MeasuredLoad } from "./load-child.js";
import { fmt, summarize, table } from "./stats.js";

/** bare: the SDK alone; before: the service of the BENCH_BEFORE checkout; service: this checkout's. */
export type Target = "bare" | "before" | "service";

export interface TargetRun {
  target: Target;
  rate: number;
  load: MeasuredLoad;
  /** Service only: what the database holds afterwards, and whether it matches what was accepted. */
  durability?: string;
  durable?: boolean;
}

export function envSettings() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const rates = (process.env.BENCH_RATES ?? "500,1000,2000")
    .split(",")
    .map((r) => Number(r.trim()))
    .filter((r) => r > 0);
  const plainFrom = process.env.BENCH_PLAIN_FROM === "intern" ? ("intern" as const) : ("supervisor" as const);
  // BENCH_BEFORE=<checkout>: that checkout's service runs too, between the bare SDK and this one's.
  const before = process.env.BENCH_BEFORE || undefined;
  // BENCH_STORE=postgres: the service on a throwaway PostgreSQL server instead of a SQLite file.
  const store = process.env.BENCH_STORE === "postgres" ? ("postgres" as const) : ("sqlite" as const);
  // BENCH_ONLY=service (or bare, before) runs one target, e.g. under --cpu-prof.
  const only = process.env.BENCH_ONLY;
  const targets = (["bare", "before", "service"] as const)
    .filter((t) => t !== "before" || before)
    .filter((t) => !only || only === t);
  // Each target first gets this long at the lowest rate, unrecorded, so the JIT has warmed up (0: none).
  const warmup = Number(process.env.BENCH_WARMUP ?? 3);
  return {
    seconds: seconds > 0 ? seconds : 30,
    rates,
    plainFrom,
    targets,
    before,
    store,
    warmup: Number.isFinite(warmup) ? Math.max(warmup, 0) : 0,
  };
}

const errorsOf = (load: MeasuredLoad) => load.non2xx + load.failed;
const okLatencies = (load: MeasuredLoad) => load.latencyByRequest.filter((ms) => ms >= 0);

/** p99 of the requests scheduled in each third of the run: a server that slows down as it goes shows here. */
export function p99ByThird(load: MeasuredLoad): string {
  const n = load.latencyByRequest.length;
  const third = (k: number) =>
    summarize(
      load.latencyByRequest
        .slice(Math.floor((k * n) / 3), Math.floor(((k + 1) * n) / 3))
        .filter((ms) => ms >= 0),
    ).p99;
  return [0, 1, 2].map((k) => fmt(third(k), 1)).join(" / ");
}

/** p99 of the requests scheduled in each second of the run (BENCH_TIMELINE=1): where a slow start ends. */
export function p99BySecond(load: MeasuredLoad): string {
  const perSecond = Math.max(1, Math.round(load.rate));
  const out: string[] = [];
  for (let from = 0; from < load.latencyByRequest.length; from += perSecond) {
    const slice = load.latencyByRequest.slice(from, from + perSecond).filter((ms) => ms >= 0);
    out.push(fmt(summarize(slice).p99, 0));
  }
  return out.join(" / ");
}

/** One line per finished run, printed as the benchmark goes. */
export function runLine(run: TargetRun): string {
  const { load } = run;
  const timeline = process.env.BENCH_TIMELINE === "1" ? `, p99 by second ${p99BySecond(load)} ms` : "";
  return `  ${run.target} @ ${run.rate}/s: ${load.ok}/${load.scheduled} ok in ${load.elapsedS.toFixed(1)} s, p99 by third ${p99ByThird(load)} ms${timeline}${run.durability ? `; ${run.durability}` : ""}`;
}

export function errorDetail(load: MeasuredLoad): string {
  const parts = Object.entries(load.statuses).map(([status, n]) => `${n}×HTTP ${status}`);
  if (load.failed) parts.push(`${load.failed} failed (${load.firstError ?? "?"})`);
  return parts.join(", ");
}

export function runsTable(runs: TargetRun[]): string {
  return table(
    [
      "target",
      "rate/s",
      "sent",
      "achieved/s",
      "p50 ms",
      "p90 ms",
      "p99 ms",
      "max ms",
      "errors",
      "late >3s",
      "server CPU µs/event",
      "db CPU µs/event",
      "client lag ms",
      "other procs CPU %",
    ],
    runs.map(({ target, rate, load }) => {
      const lat = summarize(okLatencies(load));
      return [
        target,
        String(rate),
        String(load.scheduled),
        fmt(load.achievedPerSec, 0),
        fmt(lat.p50, 2),
        fmt(lat.p90, 2),
        fmt(lat.p99, 2),
        fmt(lat.max, 1),
        String(errorsOf(load)),
        String(load.late),
        fmt((load.serverCpuMs * 1000) / Math.max(1, load.ok), 0),
        load.databaseCpuMs === undefined ? "-" : fmt((load.databaseCpuMs * 1000) / Math.max(1, load.ok), 0),
        fmt(load.maxSendLagMs, 1),
        load.otherCpuMs === undefined ? "-" : fmt((100 * load.otherCpuMs) / Math.max(1, load.wallMs), 0),
      ];
    }),
  );
}

export function ratioTable(runs: TargetRun[]): string {
  const rates = [...new Set(runs.map((r) => r.rate))];
  const p99 = (r: TargetRun) => summarize(okLatencies(r.load)).p99;
  const cpu = (r: TargetRun) => r.load.serverCpuMs / Math.max(1, r.load.ok);
  const rows = rates.flatMap((rate) => {
    const at = (target: Target) => runs.find((r) => r.rate === rate && r.target === target);
    const bare = at("bare");
    const before = at("before");
    return (["before", "service"] as const).flatMap((target) => {
      const run = at(target);
      if (!bare || !run) return [];
      return [
        [
          String(rate),
          target,
          `${fmt((100 * run.load.achievedPerSec) / bare.load.achievedPerSec, 1)}%`,
          `${fmt(p99(run) / p99(bare), 2)}x`,
          `${fmt(cpu(run) / cpu(bare), 2)}x`,
          target === "service" && before ? `${fmt(cpu(run) / cpu(before), 2)}x` : "-",
          run.durability ?? "-",
        ],
      ];
    });
  });
  return table(
    [
      "rate/s",
      "target",
      "throughput /bare",
      "p99 /bare",
      "CPU per event /bare",
      "CPU per event /before",
      "durability",
    ],
    rows,
  );
}

/** Lines worth reading when something went wrong: error breakdowns and durability mismatches. */
export function notes(runs: TargetRun[]): string[] {
  return runs.flatMap((r) => [
    ...(errorsOf(r.load) ? [`${r.target} @ ${r.rate}/s errors: ${errorDetail(r.load)}`] : []),
    ...(r.durable === false ? [`${r.target} @ ${r.rate}/s NOT DURABLE: ${r.durability}`] : []),
  ]);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
