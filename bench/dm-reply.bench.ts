/**
 * Direct-message replies in Slack: how long from a signed DM event posted to the service (startService,
 * SQLite, the fake Slack Web API on loopback) until Slack receives the reply's chat.postMessage, and how
 * long the event's acknowledgement took. 20 interns write in turn, `milestone list`, one DM every 150 ms (each DM channel
 * hears from its person every 3 s, under Slack's one message a second per channel).
 *
 *   node --import tsx bench/dm-reply.bench.ts
 *   BENCH_DMS=400 node --import tsx bench/dm-reply.bench.ts
 *   BENCH_BEFORE=../before node --import tsx bench/dm-reply.bench.ts   # that checkout's service instead
 */
import { startFakeSlackApi } from "../test/fakes/slack-api.js";
import { eventCallback, messageEvent, signedRequest, slackTs } from "../test/fakes/slack-requests.js";
import { benchPair } from "./lib/load-programme.js";
import { startBenchService } from "./lib/load-service.js";
import { machineBusyMs, machineLine } from "./lib/machine.js";

const SECRET = "bench-secret";
const DMS = Number(process.env.BENCH_DMS ?? 200);
const PEOPLE = 20;
const EVERY_MS = 150;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const line = (name: string, values: number[]) =>
  `| ${name} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 90).toFixed(1)} | ${percentile(values, 99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`;

async function main() {
  const fake = await startFakeSlackApi();
  const service = await startBenchService(
    "slack",
    PEOPLE,
    {
      slack: { mode: "http", botToken: "xoxb-test", signingSecret: SECRET, apiUrl: fake.url },
      teams: { appType: "MultiTenant", allowUnauthenticated: false },
    },
    process.env.BENCH_BEFORE ? { checkout: process.env.BENCH_BEFORE } : {},
  );
  const base = service.url.replace("/slack/events", "");
  const busyBefore = machineBusyMs();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < DMS; i += 1) {
    const user = benchPair("slack", i % PEOPLE).intern.id;
    const channel = `D${user}`;
    const text = "milestone list";
    const event = messageEvent({ user, channel, text, ts: slackTs(new Date()), channel_type: "im" });
    const body = eventCallback(event, { event_id: `EvDM${i}` });
    const start = performance.now();
    sentAt.set(`${channel}#${Math.floor(i / PEOPLE)}`, Date.now());
    pending.push(
      signedRequest(base, SECRET, body, { contentType: "json", timestamp: new Date() }).then(() => {
        acks.push(performance.now() - start);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
  }
  await Promise.all(pending);
  await fake.waitFor("chat.postMessage", DMS, 30_000);
  const own = process.cpuUsage(cpuBefore);
  const ownMs = (own.user + own.system) / 1000;
  const busy = busyBefore === undefined ? undefined : (machineBusyMs() ?? 0) - busyBefore;
  const wall = performance.now() - wallBefore;
  const seen = new Map<string, number>();
  const replies: number[] = [];
  for (const call of fake.okCalls("chat.postMessage")) {
    const channel = String(call.params.channel);
    const n = seen.get(channel) ?? 0;
    seen.set(channel, n + 1);
    const at = sentAt.get(`${channel}#${n}`);
    if (at !== undefined) replies.push(call.time - at);
  }
  console.log(`# DM replies in Slack (${DMS} DMs, ${PEOPLE} people, one every ${EVERY_MS} ms)\n`);
  console.log(machineLine());
  console.log("\n| ms | p50 | p90 | p99 | max |\n|---|---|---|---|---|");
  console.log(line("event acknowledged", acks));
  console.log(line("reply at Slack", replies));
  console.log(
    `\nreplies received: ${replies.length} of ${DMS}; calls refused: ${fake.calls("chat.postMessage").length - fake.okCalls("chat.postMessage").length}`,
  );
  console.log(
    `this process's CPU: ${ownMs.toFixed(0)} ms; other processes' CPU meanwhile: ${busy === undefined ? "unknown" : (busy - ownMs).toFixed(0)} ms, over ${(wall / 1000).toFixed(1)} s`,
  );
  await service.stop();
  await fake.close();
}

await main();
