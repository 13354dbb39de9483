/**
 * `npm run bench`: every benchmark in turn, each printing its own table. Benchmarks are not tests:
 * they measure and print, they never fail on a number. Pass names to run some: npm run bench -- planner
 *
 * `--compiled` runs them as `tandem start` runs in production (dist/, plain JavaScript): everything is
 * compiled with tsc into a temporary folder first. Through tsx, each process also holds the transpiler's
 * loader thread, the sources and their source maps: tens of megabytes that memory figures would include.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const compiled = args.includes("--compiled");
const wanted = args.filter((a) => a !== "--compiled");
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

/** Compiles the whole tree (src, adapters, test fakes, bench) to plain JavaScript; returns the folder. */
function compile(): string {
  const out = mkdtempSync(join(tmpdir(), "tandem-bench-dist-"));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = ["-p", join(root, "tsconfig.json"), "--noEmit", "false", "--outDir", out, "--rootDir", root];
  const result = spawnSync(process.execPath, [tsc, ...args], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("tsc failed");
  symlinkSync(join(root, "node_modules"), join(out, "node_modules"));
  symlinkSync(join(root, "migrations"), join(out, "migrations"));
  copyFileSync(join(root, "package.json"), join(out, "package.json"));
  return out;
}

const dist = compiled && benches.length > 0 ? compile() : undefined;
let failed = 0;
try {
  for (const file of benches) {
    console.log(`\n=== ${file}${dist ? " (compiled)" : ""} ===`);
    const command = dist
      ? [join(dist, "bench", file.replace(/\.ts$/, ".js"))]
      : ["--import", "tsx", join(here, file)];
    const result = spawnSync(process.execPath, command, { stdio: "inherit" });
    if (result.status !== 0) failed += 1;
  }
} finally {
  if (dist) rmSync(dist, { recursive: true, force: true });
}
if (benches.length === 0) console.log(`no benchmark matches ${wanted.join(" ")}`);
process.exitCode = failed > 0 ? 1 : 0;
