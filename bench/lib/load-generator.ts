/**
 * An open-loop load generator: request i is due at t0 + i/rate whatever happened to the ones before it,
 * and its latency runs from that scheduled instant to the end of its response. A server that falls
 * behind therefore shows its queueing in the latencies instead of quietly slowing the client down
 * (the "coordinated omission" of closed-loop generators).
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface PreparedRequest {
  body: Buffer;
  headers: Record<string, string>;
  /** A label counted among the accepted requests, e.g. "question" or "plain". */
  tag: string;
  /** What the server should have recorded for it (an event id), listed when the request is accepted. */
  key: string;
  /** A second record it should have made (a reply clock's message ref), if any. */
  ref?: string;
}

export interface LoadOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  /** Requests prepared in advance; rate × seconds of them are sent. */
  requests: PreparedRequest[];
  /** A request unanswered this long after its scheduled time is abandoned as an error (default 10 s). */
  timeoutMs?: number;
  /** Keep-alive sockets the client may open (default 1024). */
  maxSockets?: number;
  /** Responses slower than this are counted as late (Slack retries an event unacknowledged after 3 s). */
  lateMs?: number;
}

export interface LoadResult {
  rate: number;
  seconds: number;
  scheduled: number;
  /** 2xx responses. */
  ok: number;
  /** Responses with another status, by status. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Connection errors and timeouts. */
  failed: number;
  firstError?: string;
  /** 2xx answered after lateMs. */
  late: number;
  /** Latency of request i, ms from its scheduled time; -1 when it got no 2xx response. */
  latencyByRequest: number[];
  /** 2xx responses by the request's tag. */
  okByTag: Record<string, number>;
  /** Keys and refs of the accepted (2xx) requests. */
  acceptedKeys: string[];
  acceptedRefs: string[];
  /** From t0 to the last response, seconds. */
  elapsedS: number;
  /** 2xx responses per second over elapsedS. */
  achievedPerSec: number;
  /** How far behind schedule the client itself got when sending (a busy client would distort the run). */
  maxSendLagMs: number;
  /** The client's own CPU time during the run, ms (user + system). */
  clientCpuMs: number;
}

export function runOpenLoop(options: LoadOptions): Promise<LoadResult> {
  const { rate, requests } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lateMs = options.lateMs ?? 3_000;
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 1024, scheduling: "fifo" });
  const total = requests.length;
  const latencies: number[] = new Array(total).fill(-1);
  const statuses: Record<string, number> = {};
  const okByTag: Record<string, number> = {};
  const acceptedKeys: string[] = [];
  const acceptedRefs: string[] = [];
  let ok = 0;
  let non2xx = 0;
  let failed = 0;
  let late = 0;
  let done = 0;
  let next = 0;
  let maxLag = 0;
  let lastEnd = 0;
  let firstError: string | undefined;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now() + 100;
  const due = (i: number) => t0 + (i * 1000) / rate;

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const cpu = process.cpuUsage(cpuBefore);
      const elapsedS = Math.max(lastEnd - t0, 1) / 1000;
      resolve({
        rate,
        seconds: total / rate,
        scheduled: total,
        ok,
        statuses,
        non2xx,
        failed,
        ...(firstError ? { firstError } : {}),
        late,
        latencyByRequest: latencies,
        okByTag,
        acceptedKeys,
        acceptedRefs,
        elapsedS,
        achievedPerSec: ok / elapsedS,
        maxSendLagMs: maxLag,
        clientCpuMs: (cpu.user + cpu.system) / 1000,
      });
    };
    const settle = () => {
      done += 1;
      if (done === total) finish();
    };

    function send(i: number): void {
      const scheduled = due(i);
      const prepared = requests[i]!;
      maxLag = Math.max(maxLag, performance.now() - scheduled);
      let settled = false;
      // The deadline runs from the scheduled time, so it covers waiting for a free socket too.
      const deadline = setTimeout(
        () => req.destroy(new Error(`no response within ${timeoutMs} ms of its scheduled time`)),
        Math.max(0, scheduled + timeoutMs - performance.now()),
      );
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        failed += 1;
        firstError ??= error.message;
        lastEnd = Math.max(lastEnd, performance.now());
        settle();
      };
      const req = request(
        {
          agent,
          method: "POST",
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers: { ...prepared.headers, "content-length": String(prepared.body.length) },
        },
        (res) => {
          res.on("data", () => {});
          res.on("error", fail);
          res.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            const end = performance.now();
            lastEnd = Math.max(lastEnd, end);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              ok += 1;
              okByTag[prepared.tag] = (okByTag[prepared.tag] ?? 0) + 1;
              acceptedKeys.push(prepared.key);
              if (prepared.ref) acceptedRefs.push(prepared.ref);
              const latency = end - scheduled;
              latencies[i] = latency;
              if (latency > lateMs) late += 1;
            } else {
              non2xx += 1;
              statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
            }
            settle();
          });
        },
      );
      req.on("error", fail);
      req.end(prepared.body);
    }

    function pump(): void {
      const now = performance.now();
      const upTo = Math.min(total, Math.floor(((now - t0) * rate) / 1000) + 1);
      while (next < upTo) send(next++);
      if (next < total) setTimeout(pump, Math.max(0, due(next) - performance.now()));
    }

    if (total === 0) finish();
    else setTimeout(pump, Math.max(0, t0 - performance.now()));
  });
}
