/**
 * Week preview benchmark: how long `preview week` takes for one intern on a database of N internships:
 * the in-memory copy (Store.snapshot), then a week of the real rules and dispatcher on it. A slash command
 * must be answered within 3 s in Slack, and the preview runs inside the command's transaction.
 *
 *   node --import tsx bench/week-preview.bench.ts [sizes...]     e.g. ... week-preview.bench.ts 1000 10000
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadInternshipContext } from "../src/services/internship-context.js";
import { simulateSends } from "../src/services/week-preview.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { seedInternships } from "./seed/seed-internships.js";

/** Wednesday 2026-12-02 08:00 UTC, the day after the import: a working week of check-ins ahead. */
const NOW = new Date("2026-12-02T08:00:00Z");
const IMPORTED = new Date("2026-12-01T12:00:00Z");
const RUNS = 5;
const PER_WORKSPACE = 1_000;

async function measure(size: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "tandem-preview-bench-"));
  const path = join(folder, "tandem.db");
  try {
    const seeded = await seedInternships({
      path,
      platform: "slack",
      workspaces: Math.max(1, size / PER_WORKSPACE),
      internsPerWorkspace: Math.min(size, PER_WORKSPACE),
      at: IMPORTED,
    });
    const store = openStore(path);
    const log = pino({ level: "silent" });
    const target = seeded.internships[0]!;
    const copyMs: number[] = [];
    const simulateMs: number[] = [];
    let messages = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const copy = await store.snapshot!();
      const t1 = performance.now();
      const ctx = (await loadInternshipContext(copy, target.workspaceId, target.id))!;
      const sends = await simulateSends(
        copy,
        ctx,
        { from: NOW, until: new Date(NOW.getTime() + 7 * 86_400_000) },
        log,
      );
      const t2 = performance.now();
      await copy.close();
      copyMs.push(t1 - t0);
      simulateMs.push(t2 - t1);
      messages = sends.length;
    }
    await store.close();
    const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    console.log(
      JSON.stringify({
        internships: size,
        databaseMB: Math.round(statSync(path).size / 1024 ** 2),
        copyMsP50: median(copyMs),
        simulateMsP50: median(simulateMs),
        messages,
      }),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000]) await measure(size);
