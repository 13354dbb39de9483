/** The start-up line: which platforms Tandem serves, where, on which database, and where its settings came from. */
import type { Config } from "./config.js";
import type { SettingsSource } from "./env-file.js";
import { redactDatabaseUrl } from "./storage/postgres/database-url.js";

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function platformWords(config: Config): string[] {
  return config.platforms.map((platform) => {
    if (platform === "console") return "the console playground";
    if (platform === "slack") {
      const { slack } = config;
      const connection =
        slack.mode === "socket" ? "Socket Mode, no public URL needed" : "HTTP, events at /slack/events";
      const auth = slack.oauth ? "workspaces install it at /slack/install" : "one workspace";
      return `Slack (${connection}; ${auth})`;
    }
    const auth = config.teams.appId ? "" : ", authentication OFF: local tests only";
    return `Microsoft Teams (activities at /api/messages${auth})`;
  });
}

function settingsWords(source: SettingsSource): string {
  const environment = source.fromEnvironment.length
    ? `the environment (${source.fromEnvironment.join(", ")})`
    : "";
  const parts: string[] = [];
  if (source.found) {
    parts.push(`settings from ${source.file} (${source.fromFile.length} of Tandem's variables)`);
    if (environment) parts.push(`and ${environment}`);
    if (source.overridden.length) {
      const verb = source.overridden.length === 1 ? "overrides" : "override";
      parts.push(`(its ${list(source.overridden)} ${verb} the file's)`);
    }
  } else {
    parts.push(environment ? `settings from ${environment}` : "settings: the defaults");
    if (source.file) parts.push(`(no ${source.file})`);
  }
  return parts.join(" ");
}

/** The mail server without its user and password: `e-mail through smtps://smtp.uni.example:465 as ...`. */
function mailWords(config: Config): string {
  if (!config.mail) return "";
  const url = new URL(config.mail.smtpUrl);
  return `; e-mail through ${url.protocol}//${url.host} from ${config.mail.from}`;
}

/** Where the portal is, when PUBLIC_URL turns it on. */
function portalWords(config: Config): string {
  return config.publicUrl && config.portal ? `; web portal at ${config.publicUrl}/portal` : "";
}

export function describeStart(config: Config, settings: SettingsSource, port: number): string {
  const database = config.databaseUrl
    ? `PostgreSQL ${redactDatabaseUrl(config.databaseUrl)}`
    : `SQLite ${config.databasePath}`;
  const scheduler = config.scheduler ? "" : "; scheduler off (an external cron runs tandem tick)";
  return `Tandem serves ${list(platformWords(config))}; HTTP on ${config.host ?? "0.0.0.0"}:${port} (/healthz, /readyz); database ${database}${mailWords(config)}${portalWords(config)}${scheduler}; ${settingsWords(settings)}.`;
}
