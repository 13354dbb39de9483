import { noArguments } from "./arguments.js";
import { type CommandSpec, fail, ok } from "./spec.js";

export const HELP: CommandSpec = {
  id: "help",
  words: ["help"],
  aliases: [["?"]],
  usage: "help [command]",
  summary: "List every command, or explain one of them.",
  details: 'Also "?". Topics include each command, "milestone", "agreement" and "dates".',
  example: "help milestone add",
  parse(args) {
    const topic = args.tokens.map((t) => t.lower).join(" ");
    return ok(topic ? { name: "help", topic } : { name: "help" });
  },
};

export const STATUS: CommandSpec = {
  id: "status",
  words: ["status"],
  usage: "status",
  summary: "Show where the internship stands: milestones, check-ins, introductions and the agreement.",
  example: "status",
  parse(args) {
    const error = noArguments(args, "status");
    return error ? fail(error) : ok({ name: "status" });
  },
};

export const GENERAL_COMMANDS: readonly CommandSpec[] = [HELP, STATUS];
