import { ok } from "../result.js";
import { noArguments, readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const ANSWER: CommandSpec = {
  id: "checkin",
  words: ["checkin"],
  aliases: [["check-in"]],
  usage: "checkin",
  summary: "Answer today's check-in now: progress, next steps, blockers and how connected you feel.",
  details:
    'You can also reply in the direct message with labels, one a line or separated by " / ": done: ... / next: ... / blocker: ... / connected: 4.',
  example: "checkin",
  parse(args) {
    const none = noArguments(args, "checkin");
    return none.ok ? ok({ name: "checkin" }) : none;
  },
};

const HISTORY: CommandSpec = {
  id: "checkin.history",
  words: ["checkin", "history"],
  aliases: [["check-in", "history"]],
  usage: "checkin history [for @intern]",
  summary: "Show the last two weeks of check-ins: yours, or those of an intern you supervise or coordinate.",
  example: "checkin history for @ana",
  parse(args) {
    const read = readOptions(args, [], "checkin history", "checkin history for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "checkin.history", intern } : { name: "checkin.history" });
  },
};

export const CHECKIN_COMMANDS: readonly CommandSpec[] = [ANSWER, HISTORY];
