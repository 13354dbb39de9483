// CPU per inbound message event in the core (bot.handle), no HTTP: run from a worktree root.
import { PassThrough } from "node:stream";
import { createLogger } from "../src/logger.js";
import { compose } from "../src/main.js";
import { benchPairs, SLACK_TEAM } from "../bench/lib/load-programme.js";
import { seedDatabase } from "../bench/lib/load-store.js";

const N = Number(process.env.N ?? 20000);
const path = await seedDatabase("slack", 50, new Date());
const log = createLogger("warn", { write() {} });
const services: any = await compose(
  { platforms: ["slack"], databasePath: path, port: 0, logLevel: "warn", scheduler: false, slack: { mode: "http" } } as any,
  { input: new PassThrough(), output: { write: () => {} } } as any,
  { log },
);
const pairs = benchPairs("slack", 50);
let n = 0;
const event = (i: number) => {
  const pair = pairs[i % 50]!;
  const q = Math.floor(i / 50) % 2 === 0;
  n += 1;
  return {
    kind: "message", id: `Ev${n}`, platform: "slack", workspace: SLACK_TEAM,
    user: q ? pair.intern.id : pair.supervisor.id, conversation: `slack:${SLACK_TEAM}:conv:${pair.channel}`,
    at: new Date(), messageRef: `${n}.0001`, mentions: [], asks: q, isDirect: false, fromBot: false,
    permalink: "https://x.slack.com/archives/C/p1",
  };
};
for (let i = 0; i < 2000; i++) await services.bot.handle(event(i)); // warm
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const inflight: Promise<unknown>[] = [];
for (let i = 0; i < N; i++) {
  inflight.push(services.bot.handle(event(i)));
  if (inflight.length >= 50) await Promise.all(inflight.splice(0));
}
await Promise.all(inflight);
const cpu = process.cpuUsage(cpu0);
console.log(`${process.cwd().split("/").pop()}: ${((cpu.user + cpu.system) / N).toFixed(0)} µs CPU/event, ${((performance.now() - t0) * 1000 / N).toFixed(0)} µs wall/event`);
await services.store.close();
