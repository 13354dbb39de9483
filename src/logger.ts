import { type DestinationStream, type Logger, pino } from "pino";

/** Paths pino blanks out wherever they appear in a log line. */
export const REDACTED_PATHS = [
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.appPassword",
  "*.password",
  "*.secret",
  "*.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
  "config.slack.botToken",
  "config.slack.signingSecret",
  "config.slack.appToken",
  "config.teams.appPassword",
];

/** The one logger of the process, created in main and passed down as children. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: { service: "tandem" } },
    destination,
  );
}
