/** The machine a benchmark ran on, printed with its figures (absolute times only mean something next to it). */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, freemem, platform, release, totalmem } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeGiB: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  const all = cpus();
  const gib = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  return {
    cpu: all[0]?.model.trim() ?? "unknown",
    cores: all.length,
    memoryGiB: gib(totalmem()),
    freeGiB: gib(freemem()),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

export function machineLine(machine = describeMachine()): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM (${machine.freeGiB} free), Node ${machine.node}, ${machine.os}`;
}

/**
 * CPU time the whole machine has spent busy so far, ms, summed over cores (Linux /proc/stat; undefined
 * elsewhere). Compared with a benchmark's own processes it shows how much else was running meanwhile.
 */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** User + system CPU of one process from /proc/<pid>/stat, ms; with `reaped`, its finished children's too. */
function processCpuMs(pid: number, reaped: boolean): { ms: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const at = (n: number) => Number(fields[n - 3]);
    const ticks = at(14) + at(15) + (reaped ? at(16) + at(17) : 0);
    return { ms: ticks * 10, ppid: at(4) };
  } catch {
    return undefined;
  }
}

/**
 * CPU time of a process and its children so far (live ones and those it reaped), ms: a PostgreSQL
 * postmaster and its backends. Undefined where /proc is missing.
 */
export function processTreeCpuMs(root: number): number | undefined {
  const self = processCpuMs(root, true);
  if (!self) return undefined;
  let total = self.ms;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === root) continue;
    const child = processCpuMs(pid, false);
    if (child?.ppid === root) total += child.ms;
  }
  return total;
}
