import { LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

/** Bolt's Logger interface on top of our pino logger, so Slack's own messages land in the same log. */
export function boltLogger(log: Logger) {
  const child = log.child({ component: "bolt" });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(" ")),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
