/**
 * The real service for the inbound benchmarks: startService on a seeded temporary database, real clock,
 * scheduler off, logging at warn into a stream that only counts lines (so logging costs what it costs
 * in production at that level, and a flood of warnings would show). The database is a SQLite file, or a
 * new database on a PostgreSQL server; or the whole service comes from another checkout (BENCH_BEFORE).
 */
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import type { Config } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startService } from "../../src/main.js";
import { type BenchDatabase, seedDatabase, seedPostgres } from "./load-store.js";

export interface BenchService {
  url: string;
  database: BenchDatabase;
  /** Lines logged at warn (40) and at error or above (50+). */
  logged(): { warn: number; error: number };
  /** Stops the service and deletes its temporary database. */
  stop(): Promise<void>;
}

export interface BenchServiceOptions {
  /** Another checkout whose service runs instead (its bench/lib/load-service.ts, on SQLite). */
  checkout?: string;
  /** A PostgreSQL server's URL (a user that may create databases): the service's store is there. */
  postgres?: string;
}

type Settings = Pick<Config, "slack" | "teams">;

export async function startBenchService(
  platform: "slack" | "teams",
  internships: number,
  settings: Settings,
  options: BenchServiceOptions = {},
): Promise<BenchService> {
  if (options.checkout)
    return startOtherCheckout(options.checkout, platform, internships, settings, options.postgres);
  const now = new Date();
  const postgres = options.postgres
    ? await seedPostgres(options.postgres, platform, internships, now)
    : undefined;
  const databasePath = postgres ? "" : await seedDatabase(platform, internships, now);
  const counts = { warn: 0, error: 0 };
  const shown = new Set<string>();
  const log = createLogger("warn", {
    write(line: string) {
      if (/"level":40[,}]/.test(line)) counts.warn += 1;
      else counts.error += 1;
      // BENCH_LOG=1 shows them (the first of each message), to find out what a run complained about.
      if (process.env.BENCH_LOG === "1") {
        const message = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line;
        if (!shown.has(message)) {
          shown.add(message);
          process.stderr.write(line);
        }
      }
    },
  });
  const config: Config = {
    platforms: [platform],
    databasePath,
    ...(postgres ? { databaseUrl: postgres.url } : {}),
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
    database: postgres ? { kind: "postgres", url: postgres.url } : { kind: "sqlite", path: databasePath },
    logged: () => ({ ...counts }),
    async stop() {
      await running.stop();
      if (postgres) await postgres.drop();
      else rmSync(dirname(databasePath), { recursive: true, force: true });
    },
  };
}

/** What another checkout's bench/lib/load-service.ts exports (`databasePath` before it learnt about PostgreSQL). */
interface OtherService {
  url: string;
  databasePath: string;
  logged(): { warn: number; error: number };
  stop(): Promise<void>;
}

/**
 * `postgres`: that checkout's service on this server too, when it knows BENCH_STORE=postgres (its
 * startBenchService takes options and reports its database); otherwise it runs on SQLite.
 */
async function startOtherCheckout(
  checkout: string,
  platform: "slack" | "teams",
  internships: number,
  settings: Settings,
  postgres?: string,
): Promise<BenchService> {
  const other = (await import(join(checkout, "bench/lib/load-service.ts"))) as {
    startBenchService(
      p: string,
      n: number,
      s: Settings,
      o?: BenchServiceOptions,
    ): Promise<OtherService & { database?: BenchDatabase }>;
  };
  // Its config may predate HOST: passed with the settings, which it spreads into its Config.
  const service = await other.startBenchService(
    platform,
    internships,
    { ...settings, host: "127.0.0.1" } as Settings,
    postgres ? { postgres } : {},
  );
  return {
    url: service.url,
    database: service.database ?? { kind: "sqlite", path: service.databasePath },
    logged: () => service.logged(),
    stop: () => service.stop(),
  };
}
