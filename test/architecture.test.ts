import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = [
    ...text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return found.map((m) => m[1] ?? m[2]!);
}

function resolved(file: string, specifier: string): string {
  return specifier.startsWith(".") ? relative(ROOT, join(ROOT, file, "..", specifier)) : specifier;
}

/** The file a relative specifier names (`./x.js` is written for `./x.ts`), or undefined for packages. */
function localTarget(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const path = resolved(file, specifier).replace(/\.js$/, ".ts");
  return path.endsWith(".ts") ? path : `${path}.ts`;
}

/** Every import cycle in a graph of file -> imported files, each as the path that closes it. */
function cyclesIn(graph: Map<string, string[]>): string[][] {
  const done = new Set<string>();
  const onPath: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    const at = onPath.indexOf(file);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next);
    onPath.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return cycles;
}

const src = sourceFiles("src");
const violations = (files: string[], forbidden: (target: string) => boolean) =>
  files.flatMap((file) =>
    importsOf(file)
      .filter((s) => forbidden(resolved(file, s)))
      .map((s) => `${file} imports ${s}`),
  );

describe("architecture", () => {
  it("finds the source files it checks", () => {
    expect(src).toContain("src/main.ts");
    expect(src.some((f) => f.startsWith("src/domain/"))).toBe(true);
  });

  it("finds an import cycle when there is one, through any number of files", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", []],
    ]);
    expect(cyclesIn(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
    expect(
      cyclesIn(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has no import cycles in src/ or adapters/, type-only imports included", () => {
    const files = [...src, ...sourceFiles("adapters")];
    const graph = new Map(
      files.map((file) => [file, importsOf(file).flatMap((s) => localTarget(file, s) ?? [])]),
    );
    expect(graph.get("adapters/slack/receiver.ts")).toContain("adapters/slack/payload-shape.ts");
    expect(cyclesIn(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("keeps platforms out of the core: only the composition root (main.ts) imports adapters, Slack, botbuilder, a mail library or the web framework", () => {
    const core = src.filter((f) => f !== "src/main.ts");
    expect(
      violations(
        core,
        (t) =>
          t.startsWith("adapters/") ||
          t.startsWith("@slack/") ||
          t.startsWith("botbuilder") ||
          t === "nodemailer" ||
          t === "smtp-server" ||
          t === "fastify" ||
          t.startsWith("@fastify/"),
      ),
    ).toEqual([]);
  });

  it("keeps the domain pure: src/domain imports only src/domain and pure libraries", () => {
    const domain = src.filter((f) => f.startsWith("src/domain/"));
    const allowed = ["luxon", "date-holidays"];
    expect(
      violations(domain, (t) => (t.startsWith("src/") ? !t.startsWith("src/domain/") : !allowed.includes(t))),
    ).toEqual([]);
  });

  it("imports node-cron only in src/scheduler", () => {
    const all = [...src, ...sourceFiles("adapters")];
    expect(
      violations(
        all.filter((f) => !f.startsWith("src/scheduler/")),
        (t) => t === "node-cron",
      ),
    ).toEqual([]);
  });

  it("imports better-sqlite3 only in src/storage", () => {
    const all = [...src, ...sourceFiles("adapters")];
    expect(
      violations(
        all.filter((f) => !f.startsWith("src/storage/")),
        (t) => t === "better-sqlite3",
      ),
    ).toEqual([]);
  });

  it("reads the wall clock only through the Clock port in domain and services", () => {
    const timed = src.filter((f) => f.startsWith("src/domain/") || f.startsWith("src/services/"));
    const offenders = timed.filter((f) =>
      /Date\.now\(\)|new Date\(\)/.test(readFileSync(join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("never calls process.exit outside main.ts and cli.ts", () => {
    const all = [...src, ...sourceFiles("adapters")].filter((f) => f !== "src/main.ts" && f !== "src/cli.ts");
    expect(all.filter((f) => readFileSync(join(ROOT, f), "utf8").includes("process.exit"))).toEqual([]);
  });
});
