/**
 * Slack inbound: signed event_callback messages for 50 home channels (half of them questions from the
 * intern, which start reply clocks) posted over loopback at fixed rates, open loop, from a separate
 * process. Each rate runs against a bare Bolt app that acks and does nothing, then against the real
 * service (startService, SQLite, the fake Slack Web API), and the service's database is counted after.
 *
 *   node --import tsx bench/slack-inbound.bench.ts
 *   BENCH_SECONDS=5 BENCH_RATES=500,1000 BENCH_PLAIN_FROM=intern node --import tsx bench/slack-inbound.bench.ts
 *   BENCH_BEFORE=../before node --import tsx bench/slack-inbound.bench.ts   # that checkout's service too
 *   BENCH_STORE=postgres node --import tsx bench/slack-inbound.bench.ts     # on a throwaway PostgreSQL
 *   BENCH_STORE=postgres BENCH_PG_TRACE=1 ...   # and the statements per event, by kind
 */
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { startFakeSlackApi } from "../test/fakes/slack-api.js";
import { type PostgresServer, startPostgres } from "../test/helpers/postgres-server.js";
import { runLoadInChild } from "./lib/load-child.js";
import { SLACK_TEAM } from "./lib/load-programme.js";
import {
  envSettings,
  notes,
  pause,
  ratioTable,
  runLine,
  runsTable,
  type Target,
  type TargetRun,
} from "./lib/load-report.js";
import { startBenchService } from "./lib/load-service.js";
import { verifyDurable } from "./lib/load-store.js";
import { machineLine } from "./lib/machine.js";
import { takeTrace, tracePostgres } from "./lib/pg-trace.js";

const SECRET = "bench-signing-secret";
const INTERNSHIPS = 50;
const { seconds, rates, plainFrom, targets, warmup, before, store } = envSettings();
/** The throwaway PostgreSQL server of BENCH_STORE=postgres, started in main(). */
let postgres: PostgresServer | undefined;

/** The baseline: Bolt's own HTTPReceiver (signature check, body parsing) and a listener that does nothing. */
async function startBareBolt() {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: "xoxb-test",
    receiver,
    tokenVerificationEnabled: false,
    // With a token and no bot ids, Bolt would call auth.test on the first event; the service knows them too.
    botId: "B0BENCH",
    botUserId: "U0BENCHBOT",
    logLevel: LogLevel.ERROR,
  });
  app.event("message", async () => {});
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() };
}

let runNumber = 0;
function job(url: string, rate: number, secs: number) {
  runNumber += 1;
  return {
    url,
    spec: {
      platform: "slack" as const,
      rate,
      seconds: secs,
      channels: INTERNSHIPS,
      plainFrom,
      runId: `s${runNumber}`,
      secret: SECRET,
    },
  };
}

async function runBare(rate: number, secs = seconds): Promise<TargetRun> {
  const bare = await startBareBolt();
  try {
    return { target: "bare", rate, load: await runLoadInChild(job(bare.url, rate, secs)) };
  } finally {
    await bare.stop();
  }
}

async function runService(rate: number, secs = seconds, target: Target = "service"): Promise<TargetRun> {
  const fake = await startFakeSlackApi();
  const service = await startBenchService(
    "slack",
    INTERNSHIPS,
    {
      slack: { mode: "http", botToken: "xoxb-test", signingSecret: SECRET, apiUrl: fake.url },
      teams: { appType: "MultiTenant", allowUnauthenticated: false },
    },
    // On BENCH_STORE=postgres the before checkout uses the same server, if it knows how.
    {
      ...(target === "before" ? { checkout: before } : {}),
      ...(postgres ? { postgres: postgres.url } : {}),
    },
  );
  try {
    const previously = service.logged();
    const trace = postgres && process.env.BENCH_PG_TRACE === "1";
    if (trace) takeTrace(); // forget the seeding's statements
    const load = await runLoadInChild(job(service.url, rate, secs), postgres?.pid);
    if (trace) console.log(takeTrace());
    const check = await verifyDurable(service.database, "slack", SLACK_TEAM, load);
    const after = service.logged();
    const logs = `log warn ${after.warn - previously.warn}, error ${after.error - previously.error}`;
    return { target, rate, load, durable: check.durable, durability: `${check.text}; ${logs}` };
  } finally {
    await service.stop();
    await fake.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `Slack inbound, ${seconds} s per rate, rates ${rates.join(", ")}/s, ${INTERNSHIPS} home channels,`,
  );
  console.log(
    `plain messages from the ${plainFrom}; store ${store}${before ? `; before: ${before}` : ""}; machine: ${machineLine()}\n`,
  );
  if (store === "postgres") postgres = await startPostgres();
  if (postgres && process.env.BENCH_PG_TRACE === "1") tracePostgres();
  const runs: TargetRun[] = [];
  const runner = (target: Target) => (rate: number, secs: number) =>
    target === "bare" ? runBare(rate, secs) : runService(rate, secs, target);
  try {
    for (const target of warmup ? targets : []) {
      const result = await runner(target)(Math.min(...rates), warmup);
      console.log(`${runLine(result)} (warm-up, not recorded)`);
    }
    for (const rate of rates) {
      for (const target of targets) {
        const result = await runner(target)(rate, seconds);
        runs.push(result);
        console.log(runLine(result));
        await pause(1_000);
      }
    }
  } finally {
    await postgres?.stop();
  }
  console.log(`\n${runsTable(runs)}\n\n${ratioTable(runs)}`);
  const problems = notes(runs);
  if (problems.length) console.log(`\n${problems.join("\n")}`);
}

await main();
