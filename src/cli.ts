import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type CliIo, chooseWorkspace, option, parseInstant, positional } from "./cli-args.js";
import { copy } from "./cli-copy.js";
import { certificate, report } from "./cli-internship.js";
import { person } from "./cli-person.js";
import { type Config, loadConfig } from "./config.js";
import { AppError, isAppError } from "./domain/errors.js";
import type { Platform } from "./domain/types.js";
import { applyEnvFile, environmentOnly, type SettingsSource } from "./env-file.js";
import { createLogger } from "./logger.js";
import { buildTeamsAppPackage, compose, directoryFor, startService } from "./main.js";
import { createSettableClock } from "./ports/clock.js";
import { PRIVATE_UMASK, writePrivateFile } from "./private-files.js";
import { exportProgramme, programmeToYaml } from "./services/programme/export-programme.js";
import { importProgramme, parseProgrammeText } from "./services/programme/import-programme.js";
import { importedLine, importReport, pruneReport } from "./services/programme/import-report.js";
import { programmeTemplate } from "./services/programme/programme-template.js";
import { backupDatabase, integrityOf, openForBackup } from "./storage/backup.js";
import { migrateStoreFor, openStoreFor } from "./storage/open-store.js";

const USAGE = `Usage: tandem <command> [options]

  start                          run the service (the console playground when PLATFORMS=console)
  init [<file>] [--platform slack|teams|console] [--force]
                                 write a commented programme file to fill in (default programme.yaml,
                                 for the platform PLATFORMS names first); --force replaces an existing file
  tick [--at <ISO time>]         plan and send what is due at that instant (default: now), then exit
  migrate                        apply pending database migrations, then exit
  import <file.yaml|json> [--apply|--prune]
                                 create or update a workspace from a programme file; shows what the file
                                 no longer lists, and with --apply ends those internships and removes those roles
  export [--workspace <platform:id>] [--out <file>]
                                 write a workspace back in the programme format (default: stdout)
  report <internship> [--workspace <platform:id>] [--format md|csv|json] [--out <file>] [--at <ISO time>]
                                 the end-of-internship report, from its start to its end (or now)
  certificate <internship> [--workspace <platform:id>] [--format md|json|html] [--out <file>] [--at <ISO time>]
                                 the traineeship certificate draft (Erasmus+ Table D) from what Tandem saw
  person export <key> [--workspace <platform:id>] [--out <file>]
                                 everything Tandem holds about one person, as JSON (default: stdout)
  person erase <key> [--workspace <platform:id>] --yes
                                 remove or anonymise one person everywhere (figures stay consistent)
  backup <file>                  copy the database while the service runs (SQLite online backup), then check the copy
  copy --from <database> --to <database> [--replace]
                                 move an installation between SQLite and PostgreSQL, row for row, into an empty
                                 migrated database (--replace empties it first); a database is sqlite:<file>
                                 or postgres://user:password@host:5432/name
  teams-manifest --out <file.zip>
                                 build the Teams app package for MICROSOFT_APP_ID
  help                           this text

Configuration comes from the environment and from a .env file in the working directory (the
environment wins); see .env.example.`;

/** Returns the exit code: 1 when a rule or the dispatch failed, so cron and CI notice. */
async function tick(config: Config, args: string[], io: CliIo): Promise<number> {
  const atText = option(args, "--at");
  const clock = createSettableClock(atText ? parseInstant(atText) : new Date());
  const services = await compose(config, { input: io.stdin as never, output: io.stdout }, { clock });
  try {
    const result = await services.ticker.tick(clock.now());
    io.stdout.write(
      `tick at ${clock.now().toISOString()}: planned ${result.plan.enqueued}, sent ${result.dispatch.sent}, retrying ${result.dispatch.retried}, deferred ${result.dispatch.deferred}, dead ${result.dispatch.dead}, expired ${result.dispatch.expired}, paused ${result.dispatch.paused}\n`,
    );
    if (!result.failed) return 0;
    io.stderr.write(
      `tandem: tick failed: these rules could not plan (see the log for why): ${result.plan.failedRules.join(", ")}\n`,
    );
    return 1;
  } finally {
    // This one pass's replica hands its sending leases and heartbeat back (see sending-leases.ts).
    await services.dispatcher.close();
    services.mail?.close();
    await services.store.close();
  }
}

async function importFile(config: Config, args: string[], io: CliIo): Promise<void> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new AppError("BAD_INPUT", "import needs a file, e.g. tandem import programme.yaml");
  let text: string;
  try {
    text = readFileSync(resolve(file), "utf8");
  } catch (cause) {
    throw new AppError(
      "BAD_INPUT",
      `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? "error"}`,
      { cause },
    );
  }
  const store = await openStoreFor(config, { now: new Date() });
  try {
    const prune = args.includes("--apply") || args.includes("--prune");
    const raw = parseProgrammeText(text, file);
    const platform = (raw as { workspace?: { platform?: unknown } } | null)?.workspace?.platform;
    // The platform is asked when this configuration serves it (ids, e-mails, time zones, channels).
    const directory =
      typeof platform === "string"
        ? directoryFor(config, store, platform, createLogger("error", process.stderr))
        : undefined;
    const s = await importProgramme(store, raw, new Date(), "cli", {
      prune,
      ...(directory ? { directory } : {}),
    });
    io.stdout.write(importedLine(s, file));
    io.stdout.write(importReport(s.report, String(platform)));
    io.stdout.write(pruneReport(s.pruning, file, `tandem import ${file} --apply`));
  } finally {
    await store.close();
  }
}

async function exportFile(config: Config, args: string[], io: CliIo): Promise<void> {
  const store = await openStoreFor(config, { now: new Date() });
  try {
    const { platform, id } = await chooseWorkspace(store, option(args, "--workspace"), "export");
    const yaml = programmeToYaml(await exportProgramme(store, platform, id));
    const out = option(args, "--out");
    if (out) {
      writePrivateFile(resolve(out), yaml);
      io.stdout.write(`exported ${platform}:${id} to ${out}\n`);
    } else io.stdout.write(yaml);
  } finally {
    await store.close();
  }
}

async function migrateOnly(config: Config, io: CliIo): Promise<void> {
  const { dialect, where, applied } = await migrateStoreFor(config, new Date());
  // PostgreSQL: say which database, since several replicas may share the command line's history.
  const on = dialect === "postgres" ? ` on PostgreSQL ${where}` : "";
  io.stdout.write(
    applied.length ? `applied migrations ${applied.join(", ")}${on}\n` : `the database is up to date${on}\n`,
  );
}

async function backup(config: Config, args: string[], io: CliIo): Promise<void> {
  const file = positional(args);
  if (config.databaseUrl) {
    // SQLite's online backup copies a file; a PostgreSQL server has its own tools for this.
    throw new AppError(
      "BAD_INPUT",
      'backup copies the SQLite file, but DATABASE_URL points at PostgreSQL: back it up with pg_dump --format=custom --file=tandem.dump "$DATABASE_URL" and restore with pg_restore (see "Scaling out" in the README)',
    );
  }
  if (!file)
    throw new AppError("BAD_INPUT", "backup needs a target file, e.g. tandem backup ./backups/tandem.db");
  const db = openForBackup(config.databasePath);
  try {
    await backupDatabase(db, file);
  } finally {
    db.close();
  }
  const verdict = integrityOf(resolve(file));
  if (verdict !== "ok")
    throw new AppError("INTERNAL", `the backup ${file} failed its integrity check: ${verdict}`);
  io.stdout.write(`backup written to ${file}: integrity ok\n`);
}

const TEMPLATE_PLATFORMS: readonly Platform[] = ["slack", "teams", "console"];

/** `tandem init`: the template for the platform asked for, or the first real one PLATFORMS names. */
function init(argv: string[], io: CliIo): void {
  const force = argv.includes("--force");
  // --force takes no value: out of the way, the file name is the one positional argument.
  const args = argv.filter((a) => a !== "--force");
  const file = positional(args) ?? "programme.yaml";
  const named =
    option(args, "--platform") ??
    (io.env.PLATFORMS ?? "")
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .find((p) => p === "slack" || p === "teams") ??
    "slack";
  if (!TEMPLATE_PLATFORMS.includes(named as Platform)) {
    throw new AppError("BAD_INPUT", `--platform "${named}" is not a platform; use slack, teams or console`);
  }
  const path = resolve(file);
  if (existsSync(path) && !force) {
    throw new AppError(
      "BAD_INPUT",
      `${file} already exists and was left as it is; choose another name, or add --force to replace it`,
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  writePrivateFile(path, programmeTemplate(named as Platform, today));
  io.stdout.write(
    `wrote a programme template for ${named} to ${file}: replace the example people, ids and dates (its comments say where ${named === "console" ? "each field goes" : "to find each id"}), then run: tandem import ${file}\n`,
  );
}

/** The configuration; a bad value that came from the .env file says so, since the environment looks fine. */
function configFrom(env: NodeJS.ProcessEnv, settings: SettingsSource): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    const variable = isAppError(error) ? /^[A-Z_]+/.exec(error.message)?.[0] : undefined;
    if (variable && settings.fromFile.includes(variable)) {
      throw new AppError(
        "CONFIG",
        `${(error as AppError).message} (${variable} is set in ${settings.file})`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Runs one CLI command; returns the exit code. Errors become one clear line, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command = "start", ...args] = argv;
  try {
    if (command === "help" || command === "--help" || command === "-h") {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command === "copy") {
      // Both databases come from the arguments: the environment's configuration plays no part.
      await copy(args, io);
      return 0;
    }
    const settings = io.cwd ? applyEnvFile(io.env, io.cwd) : environmentOnly(io.env);
    if (command === "init") {
      init(args, io);
      return 0;
    }
    const config = configFrom(io.env, settings);
    switch (command) {
      case "start": {
        const running = await startService(
          config,
          { input: io.stdin as never, output: io.stdout },
          { settings },
        );
        const stop = () => void running.stop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        await running.stopped;
        return 0;
      }
      case "tick":
        return await tick(config, args, io);
      case "migrate":
        await migrateOnly(config, io);
        return 0;
      case "import":
        await importFile(config, args, io);
        return 0;
      case "export":
        await exportFile(config, args, io);
        return 0;
      case "report":
        await report(config, args, io);
        return 0;
      case "certificate":
        await certificate(config, args, io);
        return 0;
      case "person":
        await person(config, args, io);
        return 0;
      case "backup":
        await backup(config, args, io);
        return 0;
      case "teams-manifest":
        teamsManifest(config, args, io);
        return 0;
      default:
        io.stderr.write(`tandem: "${command}" is not a command.\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (isAppError(error)) {
      io.stderr.write(`tandem: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`tandem: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function teamsManifest(config: Config, args: string[], io: CliIo): void {
  const out = option(args, "--out") ?? "tandem-teams.zip";
  const botId = config.teams.appId;
  if (!botId) {
    throw new AppError(
      "CONFIG",
      "MICROSOFT_APP_ID is needed to build the Teams app package; for example MICROSOFT_APP_ID=00000000-0000-0000-0000-000000000000",
    );
  }
  writePrivateFile(resolve(out), buildTeamsAppPackage(botId));
  io.stdout.write(
    `wrote the Teams app package for bot ${botId} to ${out}; upload it in Teams under Apps > Manage your apps > Upload a custom app\n`,
  );
}

/** The process entry: real streams and environment, and the exit code. */
export async function main(): Promise<never> {
  // Everything Tandem (or a library) creates is for its own account only: databases, backups, exports.
  process.umask(PRIVATE_UMASK);
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    // .env fills what the environment leaves unset, for Tandem and the libraries it uses (proxies).
    env: process.env,
    cwd: process.cwd(),
  });
  process.exit(code);
}

const entry = process.argv[1] ? resolve(process.argv[1]) : "";
if (entry.replace(/\.[jt]s$/, "") === resolve(import.meta.filename).replace(/\.[jt]s$/, "")) await main();
