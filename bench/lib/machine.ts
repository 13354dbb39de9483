/** The machine a benchmark ran on, printed with its figures (absolute times only mean something next to it). */
import { readFileSync } from "node:fs";
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
