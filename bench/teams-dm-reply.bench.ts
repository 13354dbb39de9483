/**
 * Personal-chat replies in Teams: how long from a message activity posted to the service (startService,
 * SQLite, authentication off, the fake Bot Connector as serviceUrl) until the connector accepts the reply,
 * and how long the activity's HTTP answer took. 20 interns write in turn, `milestone list`, one message
 * every 150 ms (each chat hears from its person every 3 s, well under Teams' 7 a second per conversation).
 * With BENCH_BEFORE the other checkout's service runs first in the same process and the ratios are printed.
 *
 *   node --import tsx bench/teams-dm-reply.bench.ts
 *   BENCH_BEFORE=../s5-replies-before BENCH_DMS=400 node --import tsx bench/teams-dm-reply.bench.ts
 */
import { type FakeBotConnector, startFakeBotConnector } from "../test/fakes/bot-connector.js";
import { personalConversationId, personalMessage } from "../test/fakes/teams-activities.js";
import { benchPair, TEAMS_TENANT } from "./lib/load-programme.js";
import { startBenchService } from "./lib/load-service.js";
import { machineBusyMs, machineLine } from "./lib/machine.js";

const DMS = Number(process.env.BENCH_DMS ?? 200);
const PEOPLE = 20;
const EVERY_MS = 150;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const QUANTILES = [50, 90, 99] as const;
const figures = (values: number[]) => [...QUANTILES.map((q) => percentile(values, q)), Math.max(...values)];
const row = (name: string, values: number[]) =>
  `| ${name} | ${values.map((v) => v.toFixed(1)).join(" | ")} |`;

interface Run {
  label: string;
  acks: number[];
  replies: number[];
  received: number;
  refused: number;
  ownMs: number;
  otherMs: number | undefined;
  wallMs: number;
}

async function runOnce(label: string, fake: FakeBotConnector, checkout?: string, dms = DMS): Promise<Run> {
  const service = await startBenchService(
    "teams",
    PEOPLE,
    { slack: { mode: "http" }, teams: { appType: "MultiTenant", allowUnauthenticated: true } },
    checkout ? { checkout } : {},
  );
  const callsBefore = fake.calls.length;
  const postedBefore = fake.activities().length;
  const busyBefore = machineBusyMs();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  /** When each person's n-th message left, to match the n-th reply in their chat. */
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < dms; i += 1) {
    const intern = benchPair("teams", i % PEOPLE).intern;
    const from = { aad: intern.id, name: intern.name };
    const activity = personalMessage({
      serviceUrl: fake.url,
      tenant: TEAMS_TENANT,
      from,
      id: `${label}-${i}`,
      timestamp: new Date(),
      text: "milestone list",
    });
    const start = performance.now();
    sentAt.set(`${personalConversationId(from)}#${Math.floor(i / PEOPLE)}`, Date.now());
    pending.push(
      fetch(service.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity),
      }).then(async (response) => {
        await response.arrayBuffer();
        acks.push(performance.now() - start);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
  }
  await Promise.all(pending);
  await fake.waitForActivities(postedBefore + dms, undefined, 30_000).catch(() => undefined);
  const own = process.cpuUsage(cpuBefore);
  const ownMs = (own.user + own.system) / 1000;
  const busy = busyBefore === undefined ? undefined : (machineBusyMs() ?? 0) - busyBefore;
  const wallMs = performance.now() - wallBefore;
  const seen = new Map<string, number>();
  const replies: number[] = [];
  const calls = fake.calls.slice(callsBefore);
  for (const call of calls) {
    if (call.method !== "POST" || call.status !== 200 || !call.conversationId) continue;
    const n = seen.get(call.conversationId) ?? 0;
    seen.set(call.conversationId, n + 1);
    const at = sentAt.get(`${call.conversationId}#${n}`);
    if (at !== undefined) replies.push(call.at - at);
  }
  await service.stop();
  return {
    label,
    acks,
    replies,
    received: replies.length,
    refused: calls.filter((c) => c.status >= 400).length,
    ownMs,
    otherMs: busy === undefined ? undefined : busy - ownMs,
    wallMs,
  };
}

async function main() {
  // One connector for both runs: fresh activity ids per run, and 3 s between a chat's messages.
  const fake = await startFakeBotConnector();
  const runs: Run[] = [];
  try {
    // A short warm-up of each first (not recorded): the first service in a process pays for loading code.
    if (process.env.BENCH_BEFORE) await runOnce("warm-before", fake, process.env.BENCH_BEFORE, PEOPLE);
    await runOnce("warm-after", fake, undefined, PEOPLE);
    if (process.env.BENCH_BEFORE) runs.push(await runOnce("before", fake, process.env.BENCH_BEFORE));
    runs.push(await runOnce("after", fake));
  } finally {
    await fake.close();
  }
  console.log(
    `# Personal-chat replies in Teams (${DMS} messages, ${PEOPLE} people, one every ${EVERY_MS} ms)\n`,
  );
  console.log(machineLine());
  console.log("\n| ms | p50 | p90 | p99 | max |\n|---|---|---|---|---|");
  for (const run of runs) {
    console.log(row(`${run.label}: activity answered`, figures(run.acks)));
    console.log(row(`${run.label}: reply at the connector`, figures(run.replies)));
  }
  const [first, last] = [runs[0]!, runs.at(-1)!];
  if (runs.length === 2) {
    const ratio = (a: number[], b: number[]) =>
      figures(b)
        .map((v, i) => (v / figures(a)[i]!).toFixed(2))
        .join(" | ");
    console.log(`| after / before: activity answered | ${ratio(first.acks, last.acks)} |`);
    console.log(`| after / before: reply at the connector | ${ratio(first.replies, last.replies)} |`);
  }
  for (const run of runs) {
    console.log(
      `\n${run.label}: replies received ${run.received} of ${DMS}; connector calls refused ${run.refused}; this process's CPU ${run.ownMs.toFixed(0)} ms; other processes' CPU meanwhile ${run.otherMs === undefined ? "unknown" : run.otherMs.toFixed(0)} ms, over ${(run.wallMs / 1000).toFixed(1)} s`,
    );
  }
}

await main();
