/** Runs one open-loop load in a child process and measures this (the server's) process meanwhile. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadResult } from "./load-generator.js";
import type { WorkerJob, WorkerMessage } from "./load-worker.js";
import { machineBusyMs, processTreeCpuMs } from "./machine.js";

export interface MeasuredLoad extends LoadResult {
  /** CPU time of the server's process while the load ran, ms (user + system). */
  serverCpuMs: number;
  /** CPU time of the PostgreSQL server (postmaster and backends) meanwhile, ms, when there is one. */
  databaseCpuMs?: number;
  /** CPU time of every other process on the machine meanwhile (other benchmarks, tests...), ms. */
  otherCpuMs?: number;
  /** Wall time from the first request to the result, ms. */
  wallMs: number;
}

// Next to this file: load-worker.ts through tsx, or load-worker.js in the compiled bench.
const typescript = import.meta.url.endsWith(".ts");
const WORKER = fileURLToPath(new URL(typescript ? "./load-worker.ts" : "./load-worker.js", import.meta.url));

/** `databasePid`: the PostgreSQL postmaster the service uses, whose CPU is measured too. */
export function runLoadInChild(job: WorkerJob, databasePid?: number): Promise<MeasuredLoad> {
  const databaseCpu = () => (databasePid === undefined ? undefined : processTreeCpuMs(databasePid));
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: typescript ? ["--import", "tsx"] : [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let cpuBefore: NodeJS.CpuUsage | undefined;
    let busyBefore: number | undefined;
    let databaseBefore: number | undefined;
    let wallBefore = 0;
    let settled = false;
    child.on("message", (message: WorkerMessage) => {
      if (message.kind === "started") {
        cpuBefore = process.cpuUsage();
        busyBefore = machineBusyMs();
        databaseBefore = databaseCpu();
        wallBefore = Date.now();
      } else if (message.kind === "result") {
        const cpu = process.cpuUsage(cpuBefore);
        const serverCpuMs = (cpu.user + cpu.system) / 1000;
        const busy = machineBusyMs();
        const databaseAfter = databaseCpu();
        const databaseCpuMs =
          databaseAfter !== undefined && databaseBefore !== undefined
            ? databaseAfter - databaseBefore
            : undefined;
        const other =
          busy !== undefined && busyBefore !== undefined
            ? Math.max(0, busy - busyBefore - serverCpuMs - message.result.clientCpuMs - (databaseCpuMs ?? 0))
            : undefined;
        settled = true;
        resolve({
          ...message.result,
          serverCpuMs,
          wallMs: Date.now() - wallBefore,
          ...(databaseCpuMs !== undefined ? { databaseCpuMs } : {}),
          ...(other !== undefined ? { otherCpuMs: other } : {}),
        });
      } else {
        settled = true;
        reject(new Error(`load generator failed: ${message.message}`));
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.send(job);
  });
}
