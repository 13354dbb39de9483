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
 *   A "pg:" prefix runs the variant on a throwaway PostgreSQL server (the SQLite seed copied over as `tandem
 *   copy` does); BENCH_STORE=postgres puts it before every variant, BENCH_STORE=both runs each on both stores.
 *   BENCH_PG_TRACE=1 prints the statements sent to PostgreSQL per message delivered, by kind.
 */
import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { cpus, loadavg, platform as osPlatform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { pino } from "pino";
import { createSlackPlatform } from "../adapters/slack/slack-platform.js";
import type { Config } from "../src/config.js";
import { startService } from "../src/main.js";
import { createSettableClock } from "../src/ports/clock.js";
import type { Store } from "../src/ports/store.js";
import { createDispatcher } from "../src/services/dispatcher.js";
import { createPlanner } from "../src/services/planner.js";
import { allRules } from "../src/services/rules/all-rules.js";
import { createTicker, type TickResult } from "../src/services/ticker.js";
import { sqliteCopySource } from "../src/storage/copy-sqlite.js";
import { copyStore } from "../src/storage/copy-store.js";
import { postgresCopyTarget } from "../src/storage/postgres/copy-postgres.js";
import { openPostgresStore } from "../src/storage/postgres/postgres-store.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { startFakeSlackApi } from "../test/fakes/slack-api.js";
import { type PostgresServer, startPostgres } from "../test/helpers/postgres-server.js";
import { machineBusyMs } from "./lib/machine.js";
import { takeTrace, tracePostgres } from "./lib/pg-trace.js";
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
  /** The fake's own CPU, ms. */
  cpuMs: number;
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
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
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

/**
 * BENCH_ALLOC_PROFILE=<file>: V8's sampling heap profiler over the sending, counting objects already
 * collected too (what was allocated, not what is left), written as a .heapprofile (Chrome DevTools).
 */
async function startAllocationSampling(): Promise<(() => Promise<void>) | undefined> {
  const file = process.env.BENCH_ALLOC_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    const { profile } = await session.post("HeapProfiler.stopSampling");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** A fresh database on the server holding a copy of the seeded SQLite file; returns its URL. */
async function copyToPostgres(serverUrl: string, databasePath: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `fanout_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const source = sqliteCopySource(databasePath);
  const target = await postgresCopyTarget(url.toString(), IMPORTED);
  try {
    await copyStore(source, target);
  } finally {
    await source.close();
    await target.close();
  }
  return url.toString();
}

/** Counts the delivered check-ins in either store. */
function sentCounter(databasePath: string, databaseUrl: string | undefined) {
  const SENT = "SELECT count(*) AS n FROM outbox WHERE key LIKE 'checkin:%' AND status = 'sent'";
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    return {
      count: async () => Number((await pool.query<{ n: string }>(SENT)).rows[0]!.n),
      close: () => pool.end(),
    };
  }
  const peek = openStore(databasePath);
  const sent = peek.db.prepare<[], { n: number }>(SENT);
  return { count: async () => sent.get()!.n, close: () => peek.close() };
}

async function runVariant(spec: string, postgresUrl?: string) {
  const [settings = "service", load = "100x100"] = spec.replace(/^pg:/, "").split("@");
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
  const databaseUrl = postgresUrl ? await copyToPostgres(postgresUrl, databasePath) : undefined;
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
      ...(databaseUrl ? { databaseUrl } : {}),
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
    const store: Store = databaseUrl
      ? await openPostgresStore(databaseUrl, { now: NOW })
      : openStore(databasePath, { now: NOW });
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

  const sent = sentCounter(databasePath, databaseUrl);
  const tracing = databaseUrl !== undefined && process.env.BENCH_PG_TRACE === "1";
  if (tracing) {
    tracePostgres();
    takeTrace();
  }
  const ticks: { ms: number; planned: number; sent: number; retried: number }[] = [];
  const profiling = await startAllocationSampling();
  const cpu0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  const t0 = Date.now();
  // Ticks back to back with the clock following real time (a metronome catching up), or once a minute.
  while ((await sent.count()) < TOTAL && Date.now() - t0 < LIMIT_MS) {
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
  await profiling?.();
  const wallMs = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const serviceCpuMs = (cpu.user + cpu.system) / 1000;
  const busy = machineBusyMs();
  // Everything else the machine did meanwhile (other engineers' work; the PostgreSQL server too).
  const otherCpuMs =
    busy !== undefined && busy0 !== undefined ? busy - busy0 - serviceCpuMs - stats.cpuMs : NaN;
  const delivered = await sent.count();
  // The counter's own polls are statements too (about one a tick); everything else is the service's.
  if (tracing) console.error(`${spec}\n${takeTrace({ what: "message delivered", n: delivered })}`);
  await sent.close();
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
    serviceCpuS: serviceCpuMs / 1000,
    otherCpuPct: (100 * otherCpuMs) / wallMs,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

type Figures = Awaited<ReturnType<typeof runVariant>>;

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === "--fake") return fakeChild(JSON.parse(arg!) as Record<string, string>);
  if (mode === "--variant") return void console.log(JSON.stringify(await runVariant(arg!, process.argv[4])));
  const given = process.argv.slice(2);
  const stores = process.env.BENCH_STORE;
  const variants = (given.length > 0 ? given : ["service", "wired:200:32"]).flatMap((spec) =>
    spec.startsWith("pg:") || !stores || stores === "sqlite"
      ? [spec]
      : stores === "both"
        ? [spec, `pg:${spec}`]
        : [`pg:${spec}`],
  );
  const all: Figures[] = [];
  let postgres: PostgresServer | undefined;
  try {
    for (const spec of variants) {
      if (spec.startsWith("pg:")) postgres ??= await startPostgres();
      const self = fileURLToPath(import.meta.url);
      const args = [
        ...viaTsx(self),
        self,
        "--variant",
        spec,
        ...(spec.startsWith("pg:") ? [postgres!.url] : []),
      ];
      const result = spawnSync(process.execPath, args, {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 16 * 1024 * 1024,
      });
      if (result.status !== 0) throw new Error(`variant ${spec} failed with status ${result.status}`);
      all.push(JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Figures);
    }
  } finally {
    await postgres?.stop();
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
      "service CPU s": r.serviceCpuS.toFixed(1),
      "other CPU": `${Math.round(r.otherCpuPct)}%`,
      "peak RSS MB": r.peakRssMB,
    })),
  );
  for (const r of all) {
    const shown = r.ticks.slice(0, 6).map((t) => `${t.planned} planned/${t.sent} sent in ${t.ms} ms`);
    console.log(`${r.variant} ticks: ${shown.join("; ")}${r.ticks.length > 6 ? "; ..." : ""}`);
  }
}

await main();
