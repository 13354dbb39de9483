import { appendFileSync, createWriteStream } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import type { Logger } from "pino";
import { createConsoleDirectory } from "../adapters/console/console-directory.js";
import { type ConsolePlatform, createConsolePlatform } from "../adapters/console/console-platform.js";
import { DEMO_WORKSPACE, demoProgramme } from "../adapters/console/demo-programme.js";
import { personasIn } from "../adapters/console/persona.js";
import { runPlayground } from "../adapters/console/playground.js";
import { createSmtpMail, type SmtpMail } from "../adapters/email/mail-sender.js";
import { createSlackPlatform, type SlackSettings } from "../adapters/slack/slack-platform.js";
import { teamsAppPackage } from "../adapters/teams/app-package.js";
import { createTeamsPlatform } from "../adapters/teams/teams-platform.js";
import { createPortal, type Portal } from "../adapters/web/portal-app.js";
import { type Config, checkTeamsExposure } from "./config.js";
import { AppError } from "./domain/errors.js";
import type { Platform } from "./domain/types.js";
import { localDateIn } from "./domain/zone-time.js";
import { environmentOnly, type SettingsSource } from "./env-file.js";
import { createHttpServer, type HttpLimits, type HttpServer } from "./http-server.js";
import { createLogger } from "./logger.js";
import type { ChatPlatform } from "./ports/chat-platform.js";
import { type Clock, createOffsetClock, systemClock } from "./ports/clock.js";
import type { Directories, PlatformDirectory } from "./ports/platform-directory.js";
import type { Store } from "./ports/store.js";
import { makePrivate, makePrivateFolder, PRIVATE_FILE_MODE } from "./private-files.js";
import { startMetronome } from "./scheduler/metronome.js";
import { type Bot, createBot } from "./services/bot.js";
import { createDispatcher, type Dispatcher } from "./services/dispatcher.js";
import { createHealth } from "./services/health.js";
import { createPlanner } from "./services/planner.js";
import { importProgramme } from "./services/programme/import-programme.js";
import { createRetention } from "./services/retention.js";
import { allRules } from "./services/rules/all-rules.js";
import { createTicker, type Ticker, type TickResult } from "./services/ticker.js";
import { describeStart } from "./startup-summary.js";
import { openStoreFor } from "./storage/open-store.js";

export interface Io {
  input: Readable;
  output: { write(text: string): void };
}

export interface Services {
  config: Config;
  log: Logger;
  store: Store;
  clock: Clock;
  bot: Bot;
  ticker: Ticker;
  dispatcher: Dispatcher;
  platforms: Map<Platform, ChatPlatform>;
  /** What each served platform can tell about its people and channels (set-up, import checks). */
  directories: Directories;
  /** E-mail delivery when SMTP_URL is set. */
  mail?: SmtpMail;
  /** The console platform when PLATFORMS includes it: the playground reads its buttons. */
  consolePlatform?: ConsolePlatform;
}

/** loadConfig has already checked that the variables the chosen mode needs are there. */
function slackSettings(config: Config, store: Store): SlackSettings {
  const { slack } = config;
  return {
    auth: slack.oauth
      ? { kind: "oauth", ...slack.oauth, installations: store.installations }
      : { kind: "token", botToken: slack.botToken ?? "" },
    connection:
      slack.mode === "socket"
        ? { mode: "socket", appToken: slack.appToken ?? "" }
        : { mode: "http", signingSecret: slack.signingSecret ?? "" },
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    ...(slack.commandAckMs !== undefined ? { commandAckMs: slack.commandAckMs } : {}),
    logMessageText: config.logMessageText ?? false,
  };
}

/** The console playground logs to a file so the conversation stays readable. */
function loggerFor(config: Config, logFile?: string): Logger {
  if (config.platforms.includes("console") && config.databasePath !== ":memory:") {
    const path = logFile ?? join(dirname(config.databasePath), "tandem.log");
    makePrivateFolder(dirname(path));
    // Created here, at once and owner-only (the stream below opens it later, asynchronously).
    appendFileSync(path, "", { mode: PRIVATE_FILE_MODE });
    makePrivate(path);
    return createLogger(config.logLevel, createWriteStream(path, { flags: "a", mode: PRIVATE_FILE_MODE }));
  }
  return createLogger(config.logLevel);
}

/** The Teams app package (a zip) for `tandem teams-package`: the CLI reaches adapters only through here. */
export function buildTeamsAppPackage(botId: string): Buffer {
  return teamsAppPackage({ botId });
}

/**
 * The directory of a platform this configuration serves, built without starting it, for `tandem import`
 * to check a programme against it; undefined when the configuration does not serve that platform.
 */
export function directoryFor(
  config: Config,
  store: Store,
  platform: string,
  log: Logger,
): PlatformDirectory | undefined {
  if (!config.platforms.includes(platform as Platform)) return undefined;
  if (platform === "console") return createConsoleDirectory(store);
  if (platform === "slack") {
    return createSlackPlatform(slackSettings(config, store), { clock: systemClock, log }).directory;
  }
  if (platform === "teams") {
    return createTeamsPlatform(config.teams, { clock: systemClock, log, refs: store.platformRefs }).directory;
  }
  return undefined;
}

/** config -> logger -> database -> services -> platforms. Shared by `tandem start` and `tandem tick`. */
export async function compose(
  config: Config,
  io: Io,
  options: { clock?: Clock; log?: Logger } = {},
): Promise<Services> {
  checkTeamsExposure(config);
  const log = options.log ?? loggerFor(config);
  const consoleOnly = config.platforms.every((p) => p === "console");
  // The playground's clock can be moved with /time; real platforms always run on real time.
  const clock = options.clock ?? (consoleOnly ? createOffsetClock() : systemClock);
  const store = await openStoreFor(config, {
    now: clock.now(),
    warm: true,
    onIdleError: (error) =>
      log.warn({ err: error }, "an idle database connection failed; the pool replaces it"),
  });
  if (config.platforms.includes("console") && (await store.workspaces.isEmpty())) {
    await importProgramme(store, demoProgramme(localDateIn("UTC", clock.now())), clock.now(), "demo");
    log.info("seeded the demo programme into an empty database");
  }
  const platforms = new Map<Platform, ChatPlatform>();
  let consolePlatform: ConsolePlatform | undefined;
  for (const name of config.platforms) {
    if (name === "console") {
      const people = async () => await personasIn(store);
      consolePlatform = createConsolePlatform(
        io.output,
        async (user) => (await people()).find((p) => p.key === user)?.name ?? user,
        createConsoleDirectory(store),
      );
      platforms.set("console", consolePlatform);
    } else if (name === "slack") {
      platforms.set("slack", createSlackPlatform(slackSettings(config, store), { clock, log }));
    } else if (name === "teams") {
      platforms.set("teams", createTeamsPlatform(config.teams, { clock, log, refs: store.platformRefs }));
    } else {
      await store.close();
      throw new AppError(
        "CONFIG",
        `PLATFORMS includes ${name}, which Tandem cannot run; for example PLATFORMS=console,slack`,
      );
    }
  }
  const directories = new Map<Platform, PlatformDirectory>();
  for (const [name, platform] of platforms) if (platform.directory) directories.set(name, platform.directory);
  const planner = createPlanner({ store, rules: allRules(store, log), log });
  const replica =
    store.dialect === "postgres" ? (config.replicaId ?? `${hostname()}:${process.pid}`) : "local";
  const lease = config.leaseSeconds ? config.leaseSeconds * 1000 : undefined;
  const mail =
    config.mail &&
    createSmtpMail({
      ...config.mail,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      log,
    });
  const dispatcher = createDispatcher({
    store,
    platforms,
    ...(mail ? { mail } : {}),
    clock,
    log,
    replica,
    ...(lease ? { options: { sendLeaseMs: lease, leaseMs: Math.round((lease * 4) / 3) } } : {}),
  });
  // A reply to someone who just wrote is queued with the event's effects and sent at once.
  const bot = createBot({
    store,
    clock,
    log,
    directories,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    sendNow: (workspaceId, key) => dispatcher.sendNow(workspaceId, key),
  });
  const retention = createRetention({
    store,
    log,
    ...(config.retention ? { policy: config.retention } : {}),
  });
  const ticker = createTicker({ planner, dispatcher, log, retention });
  return {
    config,
    log,
    store,
    clock,
    bot,
    ticker,
    dispatcher,
    platforms,
    directories,
    ...(mail ? { mail } : {}),
    ...(consolePlatform ? { consolePlatform } : {}),
  };
}

export interface Running {
  port: number;
  /** One planner and dispatcher pass at `now`, as the scheduler (or `tandem tick`) runs it. */
  tick(now: Date): Promise<TickResult>;
  /** Resolves when the service has stopped (the playground was closed, or stop() was called). */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the whole service: HTTP, platforms, the scheduler and, by default, the playground. */
export async function startService(
  config: Config,
  io: Io,
  options: {
    clock?: Clock;
    log?: Logger;
    httpLimits?: Partial<HttpLimits>;
    /** Where the settings came from (the CLI reads .env), for the start-up line. */
    settings?: SettingsSource;
  } = {},
): Promise<Running> {
  const services = await compose(config, io, options);
  const { store, log, clock, bot, ticker, platforms, consolePlatform } = services;
  let ready = false;
  const checks = createHealth({
    store,
    clock,
    dispatcher: services.dispatcher,
    ticker,
    migrations: () => store.migrations(),
  });
  const http: HttpServer = createHttpServer({
    log,
    ...(options.httpLimits ? { limits: options.httpLimits } : {}),
    ready: async () => await checks.ready(ready),
    health: () => checks.health(),
  });
  // The web portal at /portal on the same server, when PUBLIC_URL is set.
  const portal: Portal | undefined =
    config.publicUrl && config.portal
      ? await createPortal({
          store,
          clock,
          log,
          publicUrl: config.publicUrl,
          secret: config.portal.secret,
          sendNow: (workspaceId, key) => services.dispatcher.sendNow(workspaceId, key),
        })
      : undefined;
  if (portal) http.addRoute(portal.route);
  for (const platform of platforms.values()) {
    for (const route of platform.routes) http.addRoute(route);
  }
  const handle = (event: Parameters<Bot["handle"]>[0]) => bot.handle(event);
  let port: number;
  const started: ChatPlatform[] = [];
  try {
    port = await http.listen(config.port, config.host);
    for (const platform of platforms.values()) {
      await platform.start(handle);
      started.push(platform);
    }
  } catch (error) {
    // A platform that cannot start (a refused token, no network) stops start-up: release what was opened.
    for (const platform of started) await platform.stop();
    await http.close();
    await portal?.close();
    await store.close();
    throw error;
  }
  // A mail server that cannot be reached does not stop the chat platforms: e-mails wait in the outbox.
  await services.mail?.verify().catch((error: unknown) => {
    log.warn(
      { err: error },
      `${error instanceof Error ? error.message : String(error)}; e-mails wait in the outbox until it answers`,
    );
  });
  const metronome = config.scheduler
    ? startMetronome(clock, async (now) => await ticker.tick(now), log, config.tickSeconds)
    : undefined;
  // A replica that runs passes says so, and gets its share of the workspaces to send for.
  if (metronome) services.dispatcher.announce();
  ready = true;
  const settings = options.settings ?? environmentOnly({});
  for (const { name, meant } of settings.unknown) {
    log.warn(
      { file: settings.file, variable: name },
      `${name} in ${settings.file} is not a Tandem setting${meant ? `: did you mean ${meant}?` : ""}`,
    );
  }
  const summary = describeStart(config, settings, port);
  log.info(
    {
      port,
      platforms: config.platforms,
      scheduler: config.scheduler,
      settings: { file: settings.found ? settings.file : undefined, fromFile: settings.fromFile },
    },
    summary,
  );
  // The playground logs to a file: say it where its user looks.
  if (consolePlatform) io.output.write(`${summary}\n`);

  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      metronome?.stop();
      for (const platform of platforms.values()) await platform.stop();
      await http.close();
      await portal?.close();
      // No new send starts; those in flight end within the platform's HTTP timeout.
      await ticker.stop();
      await services.dispatcher.close();
      services.mail?.close();
      await store.close();
      log.info("Tandem stopped");
      resolveStopped();
    })();
    return stopping;
  };

  if (consolePlatform) {
    void runPlayground({
      input: io.input,
      output: io.output,
      clock,
      workspace: DEMO_WORKSPACE,
      people: async () => await personasIn(store),
      handler: handle,
      tick: async (now) => await ticker.tick(now),
      initialPersona: "ana",
      buttonsFor: (user) => consolePlatform.buttonsFor(user),
    }).then(stop);
  }
  return { port, stopped, stop, tick: async (now) => await ticker.tick(now) };
}
