/**
 * The real service for the inbound benchmarks: startService on a seeded temporary database, real clock,
 * scheduler off, logging at warn into a stream that only counts lines (so logging costs what it costs
 * in production at that level, and a flood of warnings would show).
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { PassThrough } from "node:stream";
import type { Config } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startService } from "../../src/main.js";
import { seedDatabase } from "./load-store.js";

export interface BenchService {
  url: string;
  databasePath: string;
  /** Lines logged at warn (40) and at error or above (50+). */
  logged(): { warn: number; error: number };
  /** Stops the service and deletes its temporary database. */
  stop(): Promise<void>;
}

export async function startBenchService(
  platform: "slack" | "teams",
  internships: number,
  settings: Pick<Config, "slack" | "teams">,
): Promise<BenchService> {
  const databasePath = await seedDatabase(platform, internships, new Date());
  const counts = { warn: 0, error: 0 };
  const log = createLogger("warn", {
    write(line: string) {
      if (/"level":40[,}]/.test(line)) counts.warn += 1;
      else counts.error += 1;
    },
  });
  const config: Config = {
    platforms: [platform],
    databasePath,
    port: 0,
    // Loopback: unauthenticated Teams (the bench's CloudAdapter has no app id) is refused anywhere else.
    host: "127.0.0.1",
    logLevel: "warn",
    scheduler: false,
    ...settings,
  };
  const running = await startService(
    config,
    { input: new PassThrough(), output: { write: () => {} } },
    { log },
  );
  const path = platform === "slack" ? "/slack/events" : "/api/messages";
  return {
    url: `http://127.0.0.1:${running.port}${path}`,
    databasePath,
    logged: () => ({ ...counts }),
    async stop() {
      await running.stop();
      rmSync(dirname(databasePath), { recursive: true, force: true });
    },
  };
}
