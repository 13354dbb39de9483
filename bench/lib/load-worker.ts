/**
 * The load generator's own process (forked by load-child.ts), so the client and the server under test
 * each have an event loop and a core of their own. It builds the requests, says "started", runs the
 * open loop and sends the result back.
 */
import { type BodySpec, slackRequests, teamsRequests } from "./load-bodies.js";
import { runOpenLoop } from "./load-generator.js";

export interface WorkerJob {
  url: string;
  spec: BodySpec;
  maxSockets?: number;
  timeoutMs?: number;
}

export type WorkerMessage =
  | { kind: "started" }
  | { kind: "result"; result: Awaited<ReturnType<typeof runOpenLoop>> }
  | { kind: "error"; message: string };

const reply = (message: WorkerMessage) =>
  new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));

process.once("message", (job: WorkerJob) => {
  void (async () => {
    try {
      const requests = job.spec.platform === "slack" ? slackRequests(job.spec) : teamsRequests(job.spec);
      await reply({ kind: "started" });
      const result = await runOpenLoop({
        url: job.url,
        rate: job.spec.rate,
        requests,
        ...(job.maxSockets ? { maxSockets: job.maxSockets } : {}),
        ...(job.timeoutMs ? { timeoutMs: job.timeoutMs } : {}),
      });
      await reply({ kind: "result", result });
    } catch (error) {
      await reply({ kind: "error", message: (error as Error).stack ?? String(error) });
    }
    process.disconnect?.();
  })();
});
