/**
 * `npm run bench`: every benchmark in turn, each printing its own table. Benchmarks are not tests:
 * they measure and print, they never fail on a number. Pass names to run some: npm run bench -- planner
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
if (benches.length === 0) console.log(`no benchmark matches ${wanted.join(" ")}`);
process.exitCode = failed > 0 ? 1 : 0;
