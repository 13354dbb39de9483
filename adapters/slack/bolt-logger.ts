import { LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

/**
 * Bolt, the Web API client, OAuth and Socket Mode log free text, with whole payloads in it at debug:
 * request bodies (message text, the OAuth client secret and code), results, acknowledgements, inbound
 * events. pino's redaction cannot see inside a string, so each line is scrubbed here: credentials are
 * always blanked, and payloads are left out unless the operator opted in to message text (and even then
 * only as JSON with every credential-like field blanked).
 */

/** Prefixes after which Slack's libraries print a payload. */
const PAYLOAD_AFTER =
  /^(http request body: |http request result: |http request headers: |ack\(\) [a-z ]+\(body: |Error details: |Generated authorize URL: )/;
/** Slack tokens of every kind (bot, user, app, refresh, config). */
const TOKEN = /\bx(?:ox[a-z]|app|oxe\.xox[a-z])-[A-Za-z0-9.-]+/g;
/** key=value pairs in URLs and form bodies whose value is a credential. */
const SECRET_PAIR = /\b(client_secret|code|state|token|refresh_token|password|signature)=[^&\s"']+/gi;
/** JSON fields whose value is a credential, wherever they sit. */
const SECRET_KEY = /secret|token|^code$|^state$|password|authorization|signature|cookie/i;

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? "[redacted]" : redactJson(inner),
      ]),
    );
  }
  return value;
}

function payload(text: string, messageText: boolean): string {
  if (!messageText) return `[${text.length} characters left out; LOG_MESSAGE_TEXT=true shows them]`;
  try {
    return JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    // Not JSON: no telling which part is a credential.
    return `[${text.length} characters left out: not JSON]`;
  }
}

/** One log line from Slack's libraries, safe to write. */
export function scrubSlackLine(args: unknown[], messageText: boolean): string {
  let line = args
    .map((arg) =>
      arg instanceof Error
        ? `${arg.name}: ${arg.message}`
        : typeof arg === "string"
          ? arg
          : (JSON.stringify(arg) ?? String(arg)),
    )
    .join(" ");
  const prefix = PAYLOAD_AFTER.exec(line)?.[0];
  if (prefix) line = prefix + payload(line.slice(prefix.length).replace(/\)$/, ""), messageText);
  // Bolt prints each inbound body whole (App.processEvent at debug).
  else if (/^\s*[{[]/.test(line)) line = `payload ${payload(line, messageText)}`;
  return line.replace(TOKEN, "[redacted]").replace(SECRET_PAIR, "$1=[redacted]");
}

/** Bolt's Logger interface on top of our pino logger, so Slack's own messages land in the same log. */
export function boltLogger(log: Logger, options: { messageText?: boolean } = {}) {
  const child = log.child({ component: "bolt" });
  const messageText = options.messageText ?? false;
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => {
      if (child.isLevelEnabled("debug")) child.debug(scrubSlackLine(msg, messageText));
    },
    info: (...msg: unknown[]) => child.info(scrubSlackLine(msg, messageText)),
    warn: (...msg: unknown[]) => child.warn(scrubSlackLine(msg, messageText)),
    error: (...msg: unknown[]) => child.error(scrubSlackLine(msg, messageText)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
