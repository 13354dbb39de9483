/** intro optin, intro optout, intro status: introductions to colleagues. */
import { ok } from "../result.js";
import { noArguments, readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const OPT_IN: CommandSpec = {
  id: "intro.optin",
  words: ["intro", "optin"],
  aliases: [["intro", "opt-in"]],
  usage: "intro optin",
  summary: "Agree to meet interns: Tandem may ask you (at most your monthly number) to meet one.",
  example: "intro optin",
  parse(args) {
    const none = noArguments(args, "intro optin");
    return none.ok ? ok({ name: "intro.optin" }) : none;
  },
};

const OPT_OUT: CommandSpec = {
  id: "intro.optout",
  words: ["intro", "optout"],
  aliases: [["intro", "opt-out"]],
  usage: "intro optout",
  summary: "Stop being asked to meet interns.",
  example: "intro optout",
  parse(args) {
    const none = noArguments(args, "intro optout");
    return none.ok ? ok({ name: "intro.optout" }) : none;
  },
};

const INTRO_STATUS: CommandSpec = {
  id: "intro.status",
  words: ["intro", "status"],
  aliases: [["intros"]],
  usage: "intro status [for @intern]",
  summary: "Who the intern has met and from which departments, against the introduction plan.",
  example: "intro status",
  parse(args) {
    const read = readOptions(args, [], "intro status", "intro status for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "intro.status", intern } : { name: "intro.status" });
  },
};

export const INTRO_COMMANDS: readonly CommandSpec[] = [OPT_IN, OPT_OUT, INTRO_STATUS];
