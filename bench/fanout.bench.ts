/**
 * Fan-out benchmark: 10,000 check-ins due in the same minute, 100 Slack workspaces x 100 interns, sent
 * by the planner and dispatcher through the real Slack adapter to the fake Slack Web API (test/fakes), which
 * runs in a child process and enforces its limits: chat.postMessage 1/s per channel (bursts of 3) and
 * 300 per minute per workspace, over them HTTP 429 + Retry-After. Goal: >= 90% of the permitted rate, < 1% 429s.
 *
 *   node --import tsx bench/fanout.bench.ts [variant...]
 *   variant: "service" (startService as `tandem start` runs it: OAuth installs, HTTP mode, main.ts's
 *   default pacing) or "wired:<perWorkspaceMs>:<concurrency>" (compose-like wiring with other settings),
 *   then optionally "/minute" (tick once a minute like the metronome instead of back to back) and
 *   "@<workspaces>x<interns>" (another load than 100x100), e.g. "service/minute", "wired:200:32@10x1000".
 */
import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, platform as osPlatform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createSlackPlatform } from "../adapters/slack/slack-platform.js";
import type { Config } from "../src/config.js";
import { startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import { createDispatcher } from "../src/services/dispatcher.js";
import { createPlanner } from "../src/services/planner.js";
import { allRules } from "../src/services/rules/all-rules.js";
import { createTicker, type TickResult } from "../src/services/ticker.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { startFakeSlackApi } from "../test/fakes/slack-api.js";
import { seedInstallations } from "./seed/seed-installations.js";
import { seedInternships, ZONES } from "./seed/seed-internships.js";

/** TypeScript runs through tsx; the compiled bench (npm run bench -- --compiled) is plain JavaScript. */
const viaTsx = (file: string) => (file.endsWith(".ts") ? ["--import", "tsx"] : []);

/** The fake's limits (its defaults). */
const PER_CHANNEL_PER_S = 1;
const WORKSPACE_PER_MIN = 300;
/** The sustained rate they permit, per second: every intern has one DM channel. */
const permitted = (workspaces: number, interns: number) =>
  Math.min(PER_CHANNEL_PER_S * workspaces * interns, (WORKSPACE_PER_MIN / 60) * workspaces);
/** Wednesday 13:00 UTC: inside the check-in window of the first five zones. */
const NOW = new Date("2026-12-02T13:00:00Z");
const IMPORTED = new Date("2026-12-01T12:00:00Z");
const TOKEN_KEY = "a".repeat(64);
const OAUTH = { clientId: "1.2", clientSecret: "bench", stateSecret: "bench-state-secret-0123" };
const LIMIT_MS = 5 * 60_000;

interface Stats {
  posts: number;
  ok: number;
  limited: number;
  firstPost: number;
  lastOk: number;
  peakPerWorkspaceMinute: number;
  peakPerChannel: number;
}

/** The fake Slack, in its own process so it does not share the service's event loop. */
async function fakeChild(tokens: Record<string, string>): Promise<void> {
  const fake = await startFakeSlackApi({ tokens });
  process.send?.({ type: "ready", url: fake.url });
  process.on("message", (message: { type: string }) => {
    if (message.type === "stats") process.send?.({ type: "stats", stats: statsOf(fake, tokens) });
    if (message.type === "close") void fake.close().then(() => process.disconnect());
  });
}

function statsOf(fake: Awaited<ReturnType<typeof startFakeSlackApi>>, tokens: Record<string, string>): Stats {
  const posts = fake.calls("chat.postMessage");
  const ok = fake.okCalls("chat.postMessage");
  const byTeam = new Map<string, number[]>();
  const byChannel = new Map<string, number>();
  for (const call of ok) {
    const team = tokens[call.token ?? ""] ?? "?";
    byTeam.set(team, [...(byTeam.get(team) ?? []), call.time]);
    const channel = String(call.response?.channel);
    byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
  }
  let peak = 0;
  for (const times of byTeam.values()) {
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j]! - times[i]! >= 60_000) i++;
      peak = Math.max(peak, j - i + 1);
    }
  }
  return {
    posts: posts.length,
    ok: ok.length,
    limited: posts.filter((c) => c.status === 429).length,
    firstPost: posts[0]?.time ?? 0,
    lastOk: Math.max(0, ...ok.map((c) => c.time)),
    peakPerWorkspaceMinute: peak,
    peakPerChannel: Math.max(0, ...byChannel.values()),
  };
}

function startFake(tokens: Record<string, string>) {
  const self = fileURLToPath(import.meta.url);
  const child: ChildProcess = fork(self, ["--fake", JSON.stringify(tokens)], {
    execArgv: viaTsx(self),
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off("message", on);
        resolve(m as T);
      };
      child.on("message", on);
    });
  return {
    url: next<{ url: string }>("ready").then((m) => m.url),
    stats: () => {
      const answer = next<{ stats: Stats }>("stats");
      child.send({ type: "stats" });
      return answer.then((m) => m.stats);
    },
    close: () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "close" });
      return exited;
    },
  };
}

async function runVariant(spec: string) {
  const [settings = "service", load = "100x100"] = spec.split("@");
  const [base = "service", cadence] = settings.split("/");
  const [WORKSPACES, INTERNS] = load.split("x").map(Number) as [number, number];
  const TOTAL = WORKSPACES * INTERNS;
  const dir = mkdtempSync(join(tmpdir(), "tandem-fanout-"));
  const databasePath = join(dir, "bench.db");
  const seeded = await seedInternships({
    path: databasePath,
    platform: "slack",
    workspaces: WORKSPACES,
    internsPerWorkspace: INTERNS,
    at: IMPORTED,
    zones: ZONES.slice(0, 5),
    // Every check-in is due now; the other rules wake between 1 and 25 hours later.
    wakeAt: (kind, n) =>
      kind === "checkin" ? NOW : new Date(NOW.getTime() + 3_600_000 + ((n * 7_919) % 1_440) * 60_000),
  });
  const seedStore = openStore(databasePath);
  const tokens = await seedInstallations(
    seedStore,
    seeded.workspaces.map((w) => w.team),
    TOKEN_KEY,
    IMPORTED,
  );
  await seedStore.close();
  const fake = startFake(tokens);
  const apiUrl = await fake.url;
  const clock = createSettableClock(NOW);
  const log = pino({ level: "error" }, pino.destination(2));
  let tick: (now: Date) => Promise<TickResult>;
  let stop: () => Promise<void>;
  const [kind, perWorkspaceMs, concurrency] = base.split(":");
  if (kind === "service") {
    const config: Config = {
      platforms: ["slack"],
      databasePath,
      port: 0,
      logLevel: "error",
      scheduler: false,
      slack: { mode: "http", signingSecret: "bench", apiUrl, oauth: { ...OAUTH, tokenKey: TOKEN_KEY } },
      teams: { appType: "MultiTenant", allowUnauthenticated: false },
    };
    const io = { input: Readable.from([]), output: { write: () => {} } };
    const running = await startService(config, io, { clock, log });
    tick = running.tick;
    stop = running.stop;
  } else {
    const store = openStore(databasePath, { now: NOW });
    const slack = createSlackPlatform(
      {
        auth: { kind: "oauth", ...OAUTH, tokenKey: TOKEN_KEY, installations: store.installations },
        connection: { mode: "http", signingSecret: "bench" },
        apiUrl,
        perChannelMs: 1_100,
        perWorkspaceMs: Number(perWorkspaceMs),
      },
      { clock, log },
    );
    await slack.start(async () => undefined);
    const planner = createPlanner({ store, rules: allRules(store, log), log });
    const options = { concurrency: Number(concurrency) };
    const platforms = new Map([["slack" as const, slack]]);
    const dispatcher = createDispatcher({ store, platforms, clock, log, options });
    const ticker = createTicker({ planner, dispatcher, log });
    tick = async (now) => await ticker.tick(now);
    stop = async () => {
      await slack.stop();
      await store.close();
    };
  }

  const peek = openStore(databasePath);
  const sentCount = peek.db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE key LIKE 'checkin:%' AND status = 'sent'",
  );
  const ticks: { ms: number; planned: number; sent: number; retried: number }[] = [];
  const t0 = Date.now();
  // Ticks back to back with the clock following real time (a metronome catching up), or once a minute.
  while (sentCount.get()!.n < TOTAL && Date.now() - t0 < LIMIT_MS) {
    if (cadence === "minute" && ticks.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 60_000 - ((Date.now() - t0) % 60_000)));
    }
    const at = new Date(NOW.getTime() + (Date.now() - t0));
    clock.set(at);
    const started = performance.now();
    const result = await tick(at);
    const { enqueued } = result.plan;
    const { sent, retried } = result.dispatch;
    ticks.push({ ms: Math.round(performance.now() - started), planned: enqueued, sent, retried });
    if (enqueued === 0 && sent === 0 && cadence !== "minute")
      await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stats = await fake.stats();
  const delivered = sentCount.get()!.n;
  await peek.close();
  await stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const totalS = (stats.lastOk - t0) / 1000;
  return {
    variant: spec,
    total: TOTAL,
    permitted: permitted(WORKSPACES, INTERNS),
    delivered,
    seedS: seeded.ms / 1000,
    totalS,
    sendingS: (stats.lastOk - stats.firstPost) / 1000,
    rate: delivered / totalS,
    ...stats,
    ticks,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

type Figures = Awaited<ReturnType<typeof runVariant>>;

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === "--fake") return fakeChild(JSON.parse(arg!) as Record<string, string>);
  if (mode === "--variant") return void console.log(JSON.stringify(await runVariant(arg!)));
  const variants = process.argv.slice(2);
  const all: Figures[] = [];
  for (const spec of variants.length > 0 ? variants : ["service", "wired:200:32"]) {
    const self = fileURLToPath(import.meta.url);
    const result = spawnSync(process.execPath, [...viaTsx(self), self, "--variant", spec], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`variant ${spec} failed with status ${result.status}`);
    all.push(JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Figures);
  }
  const cpu = cpus();
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(
    `machine: ${cpu[0]?.model.trim()}, ${cpu.length} cores, ${Math.round(totalmem() / 1024 ** 2)} MB RAM, Node ${process.version}, ${osPlatform()} ${release()}, load ${load.join(" ")}`,
  );
  console.log(
    `one check-in DM per intern, due at once; permitted = min(${PER_CHANNEL_PER_S}/s x channels, ${WORKSPACE_PER_MIN}/min x workspaces): ${permitted(100, 100)}/s for 100x100`,
  );
  console.table(
    all.map((r) => ({
      variant: r.variant,
      delivered: `${r.delivered}/${r.total}`,
      "all delivered s": r.totalS.toFixed(1),
      "1st to last post s": r.sendingS.toFixed(1),
      "msg/s": Math.round(r.rate),
      permitted: r.permitted,
      "of permitted": `${Math.round((r.rate / r.permitted) * 100)}%`,
      posts: r.posts,
      "429s": r.limited,
      "429 share": `${((r.limited / Math.max(1, r.posts)) * 100).toFixed(2)}%`,
      "peak/ws/min": r.peakPerWorkspaceMinute,
      ticks: r.ticks.length,
      "peak RSS MB": r.peakRssMB,
    })),
  );
  for (const r of all) {
    const shown = r.ticks.slice(0, 6).map((t) => `${t.planned} planned/${t.sent} sent in ${t.ms} ms`);
    console.log(`${r.variant} ticks: ${shown.join("; ")}${r.ticks.length > 6 ? "; ..." : ""}`);
  }
}

await main();
