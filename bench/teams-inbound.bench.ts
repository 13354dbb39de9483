/**
 * Teams inbound: Bot Framework message activities in 50 home channels (19:home-NN@thread.tacv2; half of
 * them questions from the intern, which start reply clocks) posted over loopback at fixed rates, open
 * loop, from a separate process. Each rate runs against a bare CloudAdapter (authentication off, logic
 * that does nothing), then against the real service (startService with TEAMS_ALLOW_UNAUTHENTICATED,
 * SQLite, the fake Bot Connector as serviceUrl), and the service's database is counted after.
 *
 *   node --import tsx bench/teams-inbound.bench.ts
 *   BENCH_SECONDS=5 BENCH_RATES=500,1000 BENCH_PLAIN_FROM=intern node --import tsx bench/teams-inbound.bench.ts
 *   BENCH_BEFORE=../before node --import tsx bench/teams-inbound.bench.ts   # that checkout's service too
 *   BENCH_STORE=postgres node --import tsx bench/teams-inbound.bench.ts     # on a throwaway PostgreSQL
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { responseShim } from "../adapters/teams/teams-platform.js";
import { startFakeBotConnector } from "../test/fakes/bot-connector.js";
import { type PostgresServer, startPostgres } from "../test/helpers/postgres-server.js";
import { runLoadInChild } from "./lib/load-child.js";
import { TEAMS_TENANT } from "./lib/load-programme.js";
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

const INTERNSHIPS = 50;
const { seconds, rates, plainFrom, targets, warmup, before, store } = envSettings();
/** The throwaway PostgreSQL server of BENCH_STORE=postgres, started in main(). */
let postgres: PostgresServer | undefined;

/** The baseline: node's http server, the body read as JSON, CloudAdapter with auth off, a no-op turn. */
async function startBareCloudAdapter() {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      MicrosoftAppType: "MultiTenant",
      MicrosoftAppTenantId: "",
    }),
  );
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.url !== "/api/messages") {
      res.writeHead(404);
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    await adapter.process(
      { body, headers: req.headers, method: req.method },
      responseShim(res) as never,
      async () => {},
    );
    if (!res.writableEnded) res.end();
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let runNumber = 0;
function job(url: string, rate: number, secs: number, serviceUrl: string) {
  runNumber += 1;
  return {
    url,
    spec: {
      platform: "teams" as const,
      rate,
      seconds: secs,
      channels: INTERNSHIPS,
      plainFrom,
      runId: `t${runNumber}`,
      serviceUrl,
    },
  };
}

async function runBare(rate: number, secs: number, serviceUrl: string): Promise<TargetRun> {
  const bare = await startBareCloudAdapter();
  try {
    return { target: "bare", rate, load: await runLoadInChild(job(bare.url, rate, secs, serviceUrl)) };
  } finally {
    await bare.stop();
  }
}

async function runService(
  rate: number,
  secs: number,
  serviceUrl: string,
  target: Target = "service",
): Promise<TargetRun> {
  const service = await startBenchService(
    "teams",
    INTERNSHIPS,
    {
      slack: { mode: "http" },
      teams: { appType: "MultiTenant", allowUnauthenticated: true },
    },
    // On BENCH_STORE=postgres the before checkout uses the same server, if it knows how.
    {
      ...(target === "before" ? { checkout: before } : {}),
      ...(postgres ? { postgres: postgres.url } : {}),
    },
  );
  try {
    const previously = service.logged();
    const load = await runLoadInChild(job(service.url, rate, secs, serviceUrl), postgres?.pid);
    const check = await verifyDurable(service.database, "teams", TEAMS_TENANT, load);
    const after = service.logged();
    const logs = `log warn ${after.warn - previously.warn}, error ${after.error - previously.error}`;
    return { target, rate, load, durable: check.durable, durability: `${check.text}; ${logs}` };
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    `Teams inbound, ${seconds} s per rate, rates ${rates.join(", ")}/s, ${INTERNSHIPS} home channels,`,
  );
  console.log(
    `plain messages from the ${plainFrom}; store ${store}${before ? `; before: ${before}` : ""}; machine: ${machineLine()}\n`,
  );
  if (store === "postgres") postgres = await startPostgres();
  // The connector is only the activities' serviceUrl: nothing in these runs should call it.
  const connector = await startFakeBotConnector();
  const runs: TargetRun[] = [];
  const runner = (target: Target) => (rate: number, secs: number, url: string) =>
    target === "bare" ? runBare(rate, secs, url) : runService(rate, secs, url, target);
  try {
    for (const target of warmup ? targets : []) {
      const result = await runner(target)(Math.min(...rates), warmup, connector.url);
      console.log(`${runLine(result)} (warm-up, not recorded)`);
    }
    for (const rate of rates) {
      for (const target of targets) {
        const result = await runner(target)(rate, seconds, connector.url);
        runs.push(result);
        console.log(runLine(result));
        await pause(1_000);
      }
    }
  } finally {
    await connector.close();
    await postgres?.stop();
  }
  console.log(`\n${runsTable(runs)}\n\n${ratioTable(runs)}`);
  console.log(`Bot Connector calls during the runs: ${connector.calls.length}`);
  const problems = notes(runs);
  if (problems.length) console.log(`\n${problems.join("\n")}`);
}

await main();
