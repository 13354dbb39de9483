/** met: a live meeting logged by hand. */
import { err, ok } from "../result.js";
import { parseMention } from "./mentions.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const MET: CommandSpec = {
  id: "met",
  words: ["met"],
  usage: "met @person [note]",
  summary: "Log a live meeting (call, video, coffee) with someone, with an optional note.",
  details: "Live meetings count for the isolation signal; a held introduction counts too.",
  example: "met @bram weekly call about the survey",
  parse(args) {
    const first = args.tokens[0];
    const person = first && parseMention(first.text);
    if (!person) return err("met needs the person you met, e.g. met @bram weekly call.");
    const note = textOf(args, 1).trim();
    if (note.length > 500) return err(`That note is ${note.length} characters long; keep it to 500.`);
    return ok(note ? { name: "met", person, note } : { name: "met", person });
  },
};

export const MET_COMMANDS: readonly CommandSpec[] = [MET];
