/**
 * Planner benchmark: one tick with 1k, 10k and 100k internships, (a) when nothing is due and (b) when
 * 10% of the internships' check-ins are due (outbox inserts included, dispatch excluded), with peak
 * memory. Goal: nothing due under 20 ms at 100k internships, memory under 250 MB.
 *
 *   node --import tsx bench/planner.bench.ts [sizes...]     e.g. ... planner.bench.ts 1000 10000
 *
 * Each size is seeded in one child process and measured in a fresh one, so peak RSS is that size's own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createPlanner } from "../src/services/planner.js";
import { allRules } from "../src/services/rules/all-rules.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { seedInternships, ZONES } from "./seed/seed-internships.js";

/** Wednesday 2026-12-02 13:00 UTC: inside the check-in window (09:30-17:00) of the first five zones. */
const NOW = new Date("2026-12-02T13:00:00Z");
const IMPORTED = new Date("2026-12-01T12:00:00Z");
const IN_WINDOW = new Set(ZONES.slice(0, 5).map((z) => z.timezone));
const RUNS = 20;
const PER_WORKSPACE = 1_000;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const mb = (bytes: number) => Math.round(bytes / 1024 ** 2);

interface Figures {
  size: number;
  seedMs: number;
  nothingP50: number;
  nothingMax: number;
  due: number;
  enqueued: number;
  dueTicks: number[];
  afterP50: number;
  rssMB: number;
  peakRssMB: number;
  heapMB: number;
  plan: string;
}

async function seed(size: number, path: string): Promise<void> {
  // Every wake-up between 1 and 25 hours after NOW: nothing is due at NOW.
  const result = await seedInternships({
    path,
    platform: "slack",
    workspaces: Math.max(1, size / PER_WORKSPACE),
    internsPerWorkspace: Math.min(size, PER_WORKSPACE),
    at: IMPORTED,
    wakeAt: (_kind, n) => new Date(NOW.getTime() + 3_600_000 + ((n * 7_919) % 1_440) * 60_000),
  });
  console.log(JSON.stringify({ seedMs: Math.round(result.ms) }));
}

async function measure(size: number, path: string): Promise<Omit<Figures, "seedMs">> {
  const store = openStore(path, { now: NOW });
  const log = pino({ level: "warn" }, pino.destination(2));
  const planner = createPlanner({ store, rules: allRules(store, log), log });
  const due = store.db.prepare(
    "SELECT workspace_id, internship_id FROM wakeups WHERE kind = ? AND due_at <= ? ORDER BY due_at LIMIT ?",
  );
  const plan = store.db
    .prepare(`EXPLAIN QUERY PLAN ${due.source}`)
    .all("checkin", NOW.getTime(), 5_000)
    .map((row) => (row as { detail: string }).detail)
    .join("; ");
  const time = async (fn: () => Promise<void>) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const nothingDue = async () => {
    for (let i = 0; i < 3; i++) await planner.tick(NOW); // warm the statement cache
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await time(async () => {
          if ((await planner.tick(NOW)).enqueued !== 0) throw new Error("something was due");
        }),
      );
    }
    return runs.sort((a, b) => a - b);
  };
  const quiet = await nothingDue();

  // 10% of all internships, taken evenly from those whose intern is inside the check-in window now.
  const candidates = store.db
    .prepare<[], { id: number; timezone: string }>(
      "SELECT i.id, p.timezone FROM internships i JOIN people p ON p.id = i.intern_id ORDER BY i.id",
    )
    .all()
    .filter((r) => IN_WINDOW.has(r.timezone));
  const target = size / 10;
  const stride = Math.max(1, Math.floor(candidates.length / target));
  const chosen = candidates.filter((_, i) => i % stride === 0).slice(0, target);
  const wake = store.db.prepare("UPDATE wakeups SET due_at = ? WHERE internship_id = ? AND kind = 'checkin'");
  await store.transaction(async () => {
    for (const c of chosen) wake.run(NOW.getTime(), c.id);
  });
  // The wake-up rule takes at most 5,000 internships per kind and tick: tick until none is left.
  const dueTicks: number[] = [];
  let enqueued = 0;
  while (due.all("checkin", NOW.getTime(), 1).length > 0 && dueTicks.length < 10) {
    dueTicks.push(
      await time(async () => {
        enqueued += (await planner.tick(NOW)).enqueued;
      }),
    );
  }
  const after = await nothingDue();
  const memory = process.memoryUsage();
  await store.close();
  return {
    size,
    nothingP50: pct(quiet, 0.5),
    nothingMax: quiet.at(-1)!,
    due: chosen.length,
    enqueued,
    dueTicks,
    afterP50: pct(after, 0.5),
    rssMB: mb(memory.rss),
    // maxRSS is the kernel's high-water mark for this process (KiB): the true peak, not a sample.
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapMB: mb(memory.heapUsed),
    plan,
  };
}

function child(args: string[]): string {
  const self = fileURLToPath(import.meta.url);
  // Through tsx unless this is the compiled bench (npm run bench -- --compiled).
  const result = spawnSync(
    process.execPath,
    [...(self.endsWith(".ts") ? ["--import", "tsx"] : []), self, ...args],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed with status ${result.status}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

async function main(): Promise<void> {
  const [mode, size, path] = process.argv.slice(2);
  if (mode === "--seed") {
    await seed(Number(size), path!);
    return;
  }
  if (mode === "--measure") {
    console.log(JSON.stringify(await measure(Number(size), path!)));
    return;
  }
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  const all: Figures[] = [];
  for (const n of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]) {
    const dir = mkdtempSync(join(tmpdir(), "tandem-planner-"));
    const file = join(dir, "bench.db");
    try {
      const { seedMs } = JSON.parse(child(["--seed", String(n), file])) as { seedMs: number };
      all.push({ seedMs, ...(JSON.parse(child(["--measure", String(n), file])) as Omit<Figures, "seedMs">) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model.trim()}, ${cpu.length} cores, ${mb(totalmem())} MB RAM, Node ${process.version}, ${platform()} ${release()}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `tick at ${NOW.toISOString()}, all 7 rules of src/main.ts, ${RUNS} timed runs after 3 warm-ups`,
  );
  const f = (ms: number) => ms.toFixed(ms < 10 ? 3 : 1);
  const rows = all.map((r) => ({
    internships: r.size,
    "seed s": (r.seedMs / 1000).toFixed(1),
    "nothing due p50 ms": f(r.nothingP50),
    "nothing due max ms": f(r.nothingMax),
    "10% due": r.due,
    enqueued: r.enqueued,
    "due ticks ms": r.dueTicks.map((t) => t.toFixed(0)).join(" + "),
    "after p50 ms": f(r.afterP50),
    "peak RSS MB": r.peakRssMB,
    "heap MB": r.heapMB,
  }));
  console.table(rows);
  console.log(`query plan of the due lookup: ${all[0]?.plan}`);
  const big = all.find((r) => r.size === 100_000);
  if (big) {
    console.log(
      `goal nothing due < 20 ms at 100k: ${big.nothingMax < 20 ? "met" : "NOT met"} (max ${f(big.nothingMax)} ms); ` +
        `peak RSS < 250 MB: ${big.peakRssMB < 250 ? "met" : "NOT met"} (${big.peakRssMB} MB)`,
    );
  }
}

await main();
