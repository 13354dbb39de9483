/** Commands about staying connected: meetings, nudges, introductions and reflections. */
import { noArguments, readOptions } from "./arguments.js";
import { echo } from "./echo.js";
import { parseMention } from "./mentions.js";
import { type CommandSpec, fail, ok } from "./spec.js";
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
    if (!person) return fail("met needs the person you met, e.g. met @bram weekly call.");
    const note = textOf(args, 1).trim();
    if (note.length > 500) return fail(`That note is ${note.length} characters long; keep it to 500.`);
    return ok(note ? { name: "met", person, note } : { name: "met", person });
  },
};

const WHY: CommandSpec = {
  id: "why",
  words: ["why"],
  usage: "why",
  summary: "Show why Tandem nudged you: the connection signal and everything it was computed from.",
  example: "why",
  parse(args) {
    const error = noArguments(args, "why");
    return error ? fail(error) : ok({ name: "why" });
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
      return fail(
        `pause nudges needs how long, e.g. pause nudges 1w or pause nudges 3d${text ? `, not ${echo(text)}` : ""}.`,
      );
    const days = Number(m[1]) * (m[2]!.toLowerCase().startsWith("w") ? 7 : 1);
    if (days < 1 || days > 56)
      return fail("Nudges can be paused for 1 day to 8 weeks, e.g. pause nudges 2w.");
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
    const error = noArguments(args, "resume nudges");
    return error ? fail(error) : ok({ name: "nudges.resume" });
  },
};

const OPT_IN: CommandSpec = {
  id: "intro.optin",
  words: ["intro", "optin"],
  aliases: [["intro", "opt-in"]],
  usage: "intro optin",
  summary: "Agree to meet interns: Tandem may ask you (at most your monthly number) to meet one.",
  example: "intro optin",
  parse(args) {
    const error = noArguments(args, "intro optin");
    return error ? fail(error) : ok({ name: "intro.optin" });
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
    const error = noArguments(args, "intro optout");
    return error ? fail(error) : ok({ name: "intro.optout" });
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
    if ("error" in read) return fail(read.error);
    const intern = read.value.intern;
    return ok(intern ? { name: "intro.status", intern } : { name: "intro.status" });
  },
};

const REFLECT: CommandSpec = {
  id: "reflect",
  words: ["reflect"],
  usage: "reflect [text]",
  summary: "Write this week's reflection on how decisions, negotiation or written communication work here.",
  details: "Without text, Tandem asks the question and whether your coordinator may read the answer.",
  example: "reflect decisions here are made in the weekly meeting, not by email",
  parse(args) {
    const text = textOf(args).trim();
    if (text.length > 2000)
      return fail(`That reflection is ${text.length} characters long; keep it to 2000.`);
    return ok(text ? { name: "reflect", text } : { name: "reflect" });
  },
};

export const CONNECTION_COMMANDS: readonly CommandSpec[] = [
  MET,
  WHY,
  PAUSE,
  RESUME,
  OPT_IN,
  OPT_OUT,
  INTRO_STATUS,
  REFLECT,
];
