/** help: every command, or one explained. */
import { ok } from "../result.js";
import type { CommandSpec } from "./spec.js";

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
