/** setup and colleagues: an admin sets up internships and chooses colleagues in chat, with pickers. */
import { ok } from "../result.js";
import { noArguments, readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const SETUP: CommandSpec = {
  id: "setup",
  words: ["setup"],
  aliases: [["set", "up"], ["set-up"]],
  usage: "setup [for @intern]",
  summary:
    "Set up an internship in a form: intern, supervisor, backup, coordinator, home channel, dates and the agreement's main terms.",
  details:
    "For workspace admins and owners and Tandem's programme admins. Names and time zones come from the platform; country and contact hours are proposed from the time zone, and each person can correct theirs. \"setup for @intern\" edits that intern's internship. On Teams, the home channel is the channel where you type it.",
  example: "setup for @kenji",
  parse(args) {
    const read = readOptions(args, [], "setup", "setup for @kenji");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "setup", intern } : { name: "setup" });
  },
};

const COLLEAGUES: CommandSpec = {
  id: "colleagues",
  words: ["colleagues"],
  usage: "colleagues",
  summary: "Choose the colleagues whom interns may be introduced to (add or remove them in a picker).",
  details:
    'For workspace admins and owners and Tandem\'s programme admins. Each colleague is asked first, with their first introduction request, and can say no or type "intro optout"; colleagues can also join themselves with "intro optin".',
  example: "colleagues",
  parse(args) {
    const none = noArguments(args, "colleagues");
    return none.ok ? ok({ name: "colleagues" }) : none;
  },
};

export const SETUP_COMMANDS: readonly CommandSpec[] = [SETUP, COLLEAGUES];
