/** reflect: the weekly reflection. */
import { err, ok } from "../result.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const REFLECT: CommandSpec = {
  id: "reflect",
  words: ["reflect"],
  usage: "reflect [text]",
  summary: "Write this week's reflection on how decisions, negotiation or written communication work here.",
  details: "Without text, Tandem asks the question and whether your coordinator may read the answer.",
  example: "reflect decisions here are made in the weekly meeting, not by email",
  parse(args) {
    const text = textOf(args).trim();
    if (text.length > 2000) return err(`That reflection is ${text.length} characters long; keep it to 2000.`);
    return ok(text ? { name: "reflect", text } : { name: "reflect" });
  },
};

export const REFLECT_COMMANDS: readonly CommandSpec[] = [REFLECT];
