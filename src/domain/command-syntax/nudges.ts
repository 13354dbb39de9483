/** why, pause nudges, resume nudges: the intern's say over supportive nudges. */
import { err, ok } from "../result.js";
import { noArguments } from "./arguments.js";
import { echo } from "./echo.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const WHY: CommandSpec = {
  id: "why",
  words: ["why"],
  usage: "why",
  summary: "Show why Tandem nudged you: the connection signal and everything it was computed from.",
  example: "why",
  parse(args) {
    const none = noArguments(args, "why");
    return none.ok ? ok({ name: "why" }) : none;
  },
};

const DURATION = /^(\d{1,2})\s*(d|day|days|w|week|weeks)$/i;

const PAUSE: CommandSpec = {
  id: "nudges.pause",
  words: ["pause", "nudges"],
  usage: "pause nudges <1d|1w|2w...>",
  summary: "Pause Tandem's supportive nudges for a while (at most 8 weeks); check-ins and alerts go on.",
  example: "pause nudges 1w",
  parse(args) {
    const text = textOf(args).trim();
    const m = DURATION.exec(text);
    if (!m)
      return err(
        `pause nudges needs how long, e.g. pause nudges 1w or pause nudges 3d${text ? `, not ${echo(text)}` : ""}.`,
      );
    const days = Number(m[1]) * (m[2]!.toLowerCase().startsWith("w") ? 7 : 1);
    if (days < 1 || days > 56) return err("Nudges can be paused for 1 day to 8 weeks, e.g. pause nudges 2w.");
    return ok({ name: "nudges.pause", days });
  },
};

const RESUME: CommandSpec = {
  id: "nudges.resume",
  words: ["resume", "nudges"],
  usage: "resume nudges",
  summary: "Turn Tandem's supportive nudges back on.",
  example: "resume nudges",
  parse(args) {
    const none = noArguments(args, "resume nudges");
    return none.ok ? ok({ name: "nudges.resume" }) : none;
  },
};

export const NUDGE_COMMANDS: readonly CommandSpec[] = [WHY, PAUSE, RESUME];
