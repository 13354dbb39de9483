import { z } from "zod";
import { AppError } from "./domain/errors.js";
import { PLATFORMS, type Platform } from "./domain/types.js";
import { databaseUrlProblem } from "./storage/postgres/database-url.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface Config {
  platforms: Platform[];
  databasePath: string;
  /** PostgreSQL (postgres://...) instead of the SQLite file at databasePath: what several replicas share. */
  databaseUrl?: string;
  /** Connections each process opens to PostgreSQL; 10 when omitted. */
  databasePoolSize?: number;
  /** This replica's name for the sending leases (PostgreSQL); host name and process id when omitted. */
  replicaId?: string;
  port: number;
  /** The address the HTTP server listens on; every interface (0.0.0.0) when omitted. */
  host?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Whether debug logs may show what people wrote (payloads of Slack's libraries); off when omitted. */
  logMessageText?: boolean;
  scheduler: boolean;
  /** Seconds between two ticks of the metronome (a divisor of 60); 60 when omitted. */
  tickSeconds?: number;
  /**
   * How long a replica's sending lease on a workspace lasts unless renewed; the messages it claimed are
   * leased a third longer. A replica that dies is taken over once they run out. 90 when omitted.
   */
  leaseSeconds?: number;
  /** Days each kind of data is kept (see README "What Tandem stores"); the defaults when omitted. */
  retention?: { inboundDays: number; outboxDays: number; answersDays: number };
  /**
   * The address people reach Tandem at (https://tandem.example.edu): the web portal at /portal is on when
   * set, and links in messages point there. No trailing slash.
   */
  publicUrl?: string;
  /** The portal's signing secret for session and CSRF cookies (PORTAL_SECRET); set when publicUrl is. */
  portal?: { secret: string };
  /**
   * E-mail delivery (SMTP_URL, MAIL_FROM): for people with an address and no chat id, digests people chose
   * to read by e-mail, and portal sign-in links. Off when SMTP_URL is unset.
   */
  mail?: { smtpUrl: string; from: string };
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    mode: "http" | "socket";
    apiUrl?: string;
    /** OAuth installs by several workspaces; without them, SLACK_BOT_TOKEN serves one workspace. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string; tokenKey: string };
    /**
     * How long a slash command may work before it is acknowledged with "Working on it" and answered
     * later (1.5 s: Slack allows 3 s). Not an environment setting: tests raise it, so that a busy
     * machine does not change the answers they read.
     */
    commandAckMs?: number;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    tenantId?: string;
    allowUnauthenticated: boolean;
  };
}

/** A retention in whole days: at least 1, at most 10 years. */
function days(fallback: number) {
  return z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(fallback);
}

/** One rule per variable: the schema, and an example of a good value for the error line. */
const optionalText = z.string().trim().min(1).optional();
const VARIABLES = {
  PLATFORMS: {
    example: "slack,console",
    schema: z
      .string()
      .default("console")
      .transform((text) =>
        text
          .split(",")
          .map((p) => p.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.enum(PLATFORMS as [Platform, ...Platform[]], {
              error: `must list only ${PLATFORMS.join(", ")}`,
            }),
          )
          .min(1, "must name at least one platform"),
      )
      .transform((list) => [...new Set(list)]),
  },
  DATABASE_PATH: {
    example: "./data/tandem.db",
    schema: z.string().trim().min(1).default("./data/tandem.db"),
  },
  DATABASE_URL: {
    example: "postgres://tandem:secret@db.internal:5432/tandem",
    schema: z
      .string()
      .trim()
      .superRefine((url, context) => {
        const problem = databaseUrlProblem(url);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .optional(),
  },
  DATABASE_POOL_SIZE: {
    example: "10",
    schema: z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(10),
  },
  REPLICA_ID: {
    example: "tandem-1",
    schema: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "must be at most 200 characters")
      .regex(/^[\w.:@-]+$/, "may hold letters, digits and . : @ _ - only")
      .optional(),
  },
  PORT: { example: "3000", schema: z.coerce.number().int().min(0).max(65535).default(3000) },
  HOST: { example: "127.0.0.1", schema: z.string().trim().min(1).default("0.0.0.0") },
  LOG_LEVEL: { example: "info", schema: z.enum(LOG_LEVELS).default("info") },
  LOG_MESSAGE_TEXT: { example: "false", schema: z.enum(["true", "false"]).default("false") },
  SCHEDULER: { example: "on", schema: z.enum(["on", "off"]).default("on") },
  TICK_SECONDS: {
    example: "60",
    schema: z.coerce
      .number({ error: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1")
      .max(60, "must be at most 60")
      .refine((n) => 60 % n === 0, "must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)")
      .default(60),
  },
  LEASE_SECONDS: {
    example: "90",
    schema: z.coerce
      .number({ error: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(5, "must be at least 5")
      .max(3600, "must be at most 3600")
      .default(90),
  },
  RETENTION_INBOUND_DAYS: { example: "30", schema: days(30) },
  RETENTION_OUTBOX_DAYS: { example: "90", schema: days(90) },
  RETENTION_ANSWERS_DAYS: { example: "365", schema: days(365) },
  PUBLIC_URL: {
    example: "https://tandem.example.edu",
    schema: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })
      .refine((url) => !url.includes("?") && !url.includes("#"), "must not hold ? or #")
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  },
  PORTAL_SECRET: {
    example: "$(openssl rand -base64 32)",
    schema: z.string().trim().min(32, "must be at least 32 characters").optional(),
  },
  SMTP_URL: {
    example: "smtps://tandem%40uni.example:app-password@smtp.uni.example:465",
    schema: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// address" }).optional(),
  },
  MAIL_FROM: {
    example: '"Tandem <tandem@uni.example>"',
    schema: z
      .string()
      .trim()
      .regex(
        /^(?:[^<>@]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
        "must be an address, or a name and an address in <>",
      )
      .optional(),
  },
  SLACK_BOT_TOKEN: {
    example: "xoxb-...",
    schema: z.string().trim().startsWith("xoxb-", "must start with xoxb-").optional(),
  },
  SLACK_SIGNING_SECRET: { example: "8f14e45fceea167a5a36dedd4bea2543", schema: optionalText },
  SLACK_APP_TOKEN: {
    example: "xapp-...",
    schema: z.string().trim().startsWith("xapp-", "must start with xapp-").optional(),
  },
  SLACK_MODE: { example: "http", schema: z.enum(["http", "socket"]).default("http") },
  SLACK_API_URL: { example: "https://slack.com/api/", schema: z.url().optional() },
  SLACK_CLIENT_ID: { example: "1234567890.1234567890", schema: optionalText },
  SLACK_CLIENT_SECRET: { example: "the Client Secret from Basic Information", schema: optionalText },
  SLACK_STATE_SECRET: {
    example: "a long random string",
    schema: z.string().trim().min(16, "must be at least 16 characters").optional(),
  },
  SLACK_TOKEN_KEY: {
    example: "$(openssl rand -base64 32)",
    schema: z
      .string()
      .trim()
      .refine(
        (v) => /^[0-9a-f]{64}$/i.test(v) || Buffer.from(v, "base64").length === 32,
        "must be 32 random bytes in base64 or hex",
      )
      .optional(),
  },
  MICROSOFT_APP_ID: { example: "00000000-0000-0000-0000-000000000000", schema: optionalText },
  MICROSOFT_APP_PASSWORD: { example: "the client secret of the app registration", schema: optionalText },
  MICROSOFT_APP_TYPE: {
    example: "MultiTenant",
    schema: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  },
  MICROSOFT_APP_TENANT_ID: { example: "00000000-0000-0000-0000-000000000000", schema: optionalText },
  TEAMS_ALLOW_UNAUTHENTICATED: { example: "false", schema: z.enum(["true", "false"]).default("false") },
} as const;

type Variables = typeof VARIABLES;

/** Every variable Tandem reads, e.g. to spot a misspelt one in a .env file. */
export const SETTING_NAMES: readonly string[] = Object.keys(VARIABLES);
type Parsed = { [K in keyof Variables]: z.output<Variables[K]["schema"]> };

/** Variables whose values must never appear in an error line. */
const SECRET = new Set([
  "DATABASE_URL",
  "PORTAL_SECRET",
  "SMTP_URL",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "SLACK_TOKEN_KEY",
  "MICROSOFT_APP_PASSWORD",
]);

function fail(name: string, problem: string, example: string): never {
  throw new AppError("CONFIG", `${name} ${problem}; for example ${name}=${example}`);
}

function parseVariable<K extends keyof Variables>(name: K, env: NodeJS.ProcessEnv): Parsed[K] {
  const { schema, example } = VARIABLES[name];
  const raw = env[name];
  const input = raw === undefined || raw.trim() === "" ? undefined : raw;
  const result = (schema as z.ZodType).safeParse(input);
  if (result.success) return result.data as Parsed[K];
  const issue = result.error.issues[0];
  const shown = SECRET.has(name) ? "" : ` (got "${String(raw).slice(0, 60)}")`;
  return fail(name, `is not valid: ${issue?.message ?? "bad value"}${shown}`, example);
}

/** Reads and validates the environment; throws AppError CONFIG with one line that names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const v = Object.fromEntries(
    (Object.keys(VARIABLES) as (keyof Variables)[]).map((name) => [name, parseVariable(name, env)]),
  ) as Parsed;

  const config: Config = {
    platforms: v.PLATFORMS,
    databasePath: v.DATABASE_PATH,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    ...(v.REPLICA_ID ? { replicaId: v.REPLICA_ID } : {}),
    port: v.PORT,
    host: v.HOST,
    logLevel: v.LOG_LEVEL,
    logMessageText: v.LOG_MESSAGE_TEXT === "true",
    scheduler: v.SCHEDULER === "on",
    tickSeconds: v.TICK_SECONDS,
    leaseSeconds: v.LEASE_SECONDS,
    retention: {
      inboundDays: v.RETENTION_INBOUND_DAYS,
      outboxDays: v.RETENTION_OUTBOX_DAYS,
      answersDays: v.RETENTION_ANSWERS_DAYS,
    },
    slack: { mode: v.SLACK_MODE },
    teams: { appType: v.MICROSOFT_APP_TYPE, allowUnauthenticated: v.TEAMS_ALLOW_UNAUTHENTICATED === "true" },
  };
  if (v.DATABASE_URL) config.databaseUrl = v.DATABASE_URL;
  if (v.SLACK_BOT_TOKEN) config.slack.botToken = v.SLACK_BOT_TOKEN;
  if (v.SLACK_SIGNING_SECRET) config.slack.signingSecret = v.SLACK_SIGNING_SECRET;
  if (v.SLACK_APP_TOKEN) config.slack.appToken = v.SLACK_APP_TOKEN;
  if (v.SLACK_API_URL) config.slack.apiUrl = v.SLACK_API_URL;
  if (v.SLACK_CLIENT_ID) {
    config.slack.oauth = {
      clientId: v.SLACK_CLIENT_ID,
      clientSecret:
        v.SLACK_CLIENT_SECRET ??
        fail(
          "SLACK_CLIENT_SECRET",
          "is required with SLACK_CLIENT_ID",
          "the Client Secret from Basic Information",
        ),
      stateSecret:
        v.SLACK_STATE_SECRET ??
        fail("SLACK_STATE_SECRET", "is required with SLACK_CLIENT_ID", "a long random string"),
      tokenKey:
        v.SLACK_TOKEN_KEY ??
        fail(
          "SLACK_TOKEN_KEY",
          "is required with SLACK_CLIENT_ID, to encrypt bot tokens at rest",
          "$(openssl rand -base64 32)",
        ),
    };
  }
  if (v.PUBLIC_URL) {
    config.publicUrl = v.PUBLIC_URL;
    config.portal = {
      secret:
        v.PORTAL_SECRET ??
        fail(
          "PORTAL_SECRET",
          "is required with PUBLIC_URL, to sign the portal's session cookies",
          "$(openssl rand -base64 32)",
        ),
    };
  }
  if (v.SMTP_URL) {
    config.mail = {
      smtpUrl: v.SMTP_URL,
      from:
        v.MAIL_FROM ??
        fail(
          "MAIL_FROM",
          "is required with SMTP_URL: the sender of Tandem's e-mails",
          VARIABLES.MAIL_FROM.example,
        ),
    };
  } else if (v.MAIL_FROM) {
    fail(
      "SMTP_URL",
      "is required with MAIL_FROM: the server Tandem sends e-mail through",
      VARIABLES.SMTP_URL.example,
    );
  }
  if (v.MICROSOFT_APP_ID) config.teams.appId = v.MICROSOFT_APP_ID;
  if (v.MICROSOFT_APP_PASSWORD) config.teams.appPassword = v.MICROSOFT_APP_PASSWORD;
  if (v.MICROSOFT_APP_TENANT_ID) config.teams.tenantId = v.MICROSOFT_APP_TENANT_ID;
  checkPlatformNeeds(config);
  checkTeamsExposure(config);
  return config;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host ?? "");
}

/**
 * Teams without authentication accepts any activity from anyone who can reach the server: only for
 * local tests, so only on a server that listens on loopback. start checks this too (tests build a
 * Config without loadConfig).
 */
export function checkTeamsExposure(config: Config): void {
  const open = config.platforms.includes("teams") && !config.teams.appId && config.teams.allowUnauthenticated;
  if (open && !isLoopbackHost(config.host)) {
    fail(
      "TEAMS_ALLOW_UNAUTHENTICATED",
      `is true, which is only for local tests and needs the server on loopback (HOST is ${config.host ?? "0.0.0.0"}: anyone who can reach it could write as anyone); set HOST=127.0.0.1, or set MICROSOFT_APP_ID instead`,
      "false",
    );
  }
}

function checkPlatformNeeds(config: Config): void {
  if (config.platforms.includes("slack")) {
    if (!config.slack.botToken && !config.slack.oauth) {
      fail(
        "SLACK_BOT_TOKEN",
        "is required when PLATFORMS includes slack (or SLACK_CLIENT_ID and its companions for OAuth installs)",
        "xoxb-...",
      );
    }
    if (config.slack.mode === "http" && !config.slack.signingSecret) {
      fail("SLACK_SIGNING_SECRET", "is required when PLATFORMS includes slack in http mode", "8f14e45f...");
    }
    if (config.slack.mode === "socket" && !config.slack.appToken) {
      fail("SLACK_APP_TOKEN", "is required when SLACK_MODE=socket", "xapp-...");
    }
  }
  if (config.platforms.includes("teams")) {
    if (!config.teams.appId && !config.teams.allowUnauthenticated) {
      fail(
        "MICROSOFT_APP_ID",
        "is required when PLATFORMS includes teams (or set TEAMS_ALLOW_UNAUTHENTICATED=true for local tests only)",
        "00000000-0000-0000-0000-000000000000",
      );
    }
    if (config.teams.appId && config.teams.appType !== "UserAssignedMSI" && !config.teams.appPassword) {
      fail(
        "MICROSOFT_APP_PASSWORD",
        "is required with MICROSOFT_APP_ID",
        "the client secret of the app registration",
      );
    }
    if (config.teams.appType === "SingleTenant" && !config.teams.tenantId) {
      fail(
        "MICROSOFT_APP_TENANT_ID",
        "is required when MICROSOFT_APP_TYPE=SingleTenant",
        "00000000-0000-0000-0000-000000000000",
      );
    }
  }
}
