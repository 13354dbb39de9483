/** setup and colleagues: an admin sets up internships and chooses colleagues in chat, with pickers. */
import { err, ok } from "../result.js";
import { noArguments, readOptions } from "./arguments.js";
import { echo } from "./echo.js";
import { parseMention } from "./mentions.js";
import type { CommandSpec } from "./spec.js";
import type { Args } from "./tokens.js";
import type { MentionRef } from "./types.js";

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

/** The one person `admins add` and `admins remove` take. */
function onePerson(
  args: Args,
  command: string,
): { ok: true; value: MentionRef } | { ok: false; error: string } {
  const [first, second] = args.tokens;
  const person = first && parseMention(first.text);
  if (!person) return err(`${command} needs the person, e.g. ${command} @hana.`);
  if (second)
    return err(`${command} takes one person (I got ${echo(second.text)} after it); e.g. ${command} @hana.`);
  return ok(person);
}

const ADMINS: CommandSpec = {
  id: "admins",
  words: ["admins"],
  usage: "admins",
  summary:
    "List Tandem's programme admins here: who, besides the workspace's own admins, may set up internships.",
  details:
    'A programme admin may run "setup" and "colleagues", and try out or preview any intern\'s internship. Whoever sets up an internship becomes one.',
  example: "admins",
  parse(args) {
    const none = noArguments(args, "admins");
    return none.ok ? ok({ name: "admins" }) : none;
  },
};

const ADMINS_ADD: CommandSpec = {
  id: "admins.add",
  words: ["admins", "add"],
  usage: "admins add @person",
  summary: "Make someone a programme admin (for workspace admins and owners and programme admins).",
  details: "They may then set up internships and choose colleagues in chat.",
  example: "admins add @hana",
  parse(args) {
    const person = onePerson(args, "admins add");
    return person.ok ? ok({ name: "admins.add", person: person.value }) : person;
  },
};

const ADMINS_REMOVE: CommandSpec = {
  id: "admins.remove",
  words: ["admins", "remove"],
  usage: "admins remove @person",
  summary: "Stop someone being a programme admin (for workspace admins and owners and programme admins).",
  details:
    "On Teams, where the platform names no admins, the last programme admin stays until another is added.",
  example: "admins remove @hana",
  parse(args) {
    const person = onePerson(args, "admins remove");
    return person.ok ? ok({ name: "admins.remove", person: person.value }) : person;
  },
};

export const SETUP_COMMANDS: readonly CommandSpec[] = [SETUP, COLLEAGUES, ADMINS, ADMINS_ADD, ADMINS_REMOVE];
