/**
 * The learning agreement's parts in chat, beside the working agreement's commands: `agreement title`,
 * `agreement hours`, `agreement outcome add|rename|remove`, `agreement criteria`, `agreement evaluation`,
 * `agreement language`. Each change is in force at once (the supervisor, coordinator or a programme admin
 * makes it, as the programme file does); the other parties are told.
 */
import { OUTCOME_KEY } from "../learning-agreement.js";
import { err, ok, type Result } from "../result.js";
import { takeTrailingFor } from "./arguments.js";
import { parseDate } from "./dates.js";
import { echo } from "./echo.js";
import type { CommandSpec } from "./spec.js";
import { type Args, textOf } from "./tokens.js";
import type { Command, MentionRef } from "./types.js";

const WHO =
  'The intern\'s supervisor, the backup, the coordinator and programme admins change it; everyone in the internship reads it with "agreement show". Each change is a new version, in force at once, and the others are told.';

const withIntern = <C extends Command>(command: C, intern: MentionRef | undefined): C =>
  intern ? { ...command, intern } : command;

/** The command's text without a trailing `for @intern`, and that intern. */
function split(args: Args): Result<{ rest: Args; intern?: MentionRef }> {
  return takeTrailingFor(args);
}

/** Free text, without the quotes around it if it was quoted. */
function unquoted(text: string): string {
  const m = /^["“”„](.*)["“”]$/s.exec(text.trim());
  return (m ? m[1]! : text).trim();
}

function outcomeKey(args: Args, command: string, example: string): Result<string> {
  const token = args.tokens[0];
  if (!token) return err(`${command} needs an outcome key, e.g. ${example}. Type "outcomes" to see them.`);
  if (!OUTCOME_KEY.test(token.lower) || token.lower.length > 40)
    return err(
      `${echo(token.text)} is not an outcome key: keys are lower-case words joined by dashes, like market-research (e.g. ${example}).`,
    );
  return ok(token.lower);
}

const TITLE: CommandSpec = {
  id: "learning.title",
  words: ["agreement", "title"],
  usage: "agreement title <title> [for @intern]",
  summary: "Set the traineeship's title in the learning agreement.",
  details: WHO,
  example: 'agreement title "Market research assistant"',
  parse(args) {
    const s = split(args);
    if (!s.ok) return s;
    const title = unquoted(textOf(s.value.rest));
    if (!title)
      return err('agreement title needs the title, e.g. agreement title "Market research assistant".');
    return ok(withIntern({ name: "learning.title", title }, s.value.intern));
  },
};

const HOURS: CommandSpec = {
  id: "learning.hours",
  words: ["agreement", "hours"],
  usage: "agreement hours <hours per week> [for @intern]",
  summary: "Set the hours per week of the traineeship in the learning agreement.",
  details: WHO,
  example: "agreement hours 30",
  parse(args) {
    const s = split(args);
    if (!s.ok) return s;
    const { tokens } = s.value.rest;
    const text = tokens[0]?.lower ?? "";
    if (tokens.length !== 1 || !/^\d{1,3}$/.test(text))
      return err(
        `agreement hours needs the hours per week as a whole number, e.g. agreement hours 30${tokens.length ? `, not ${echo(textOf(s.value.rest))}` : ""}.`,
      );
    return ok(withIntern({ name: "learning.hours", hours: Number(text) }, s.value.intern));
  },
};

function describedOutcome(
  id: "learning.outcome.add" | "learning.outcome.rename",
  command: string,
  example: string,
): CommandSpec["parse"] {
  return (args) => {
    const s = split(args);
    if (!s.ok) return s;
    const key = outcomeKey(s.value.rest, command, example);
    if (!key.ok) return key;
    const description = unquoted(textOf(s.value.rest, 1));
    if (!description) return err(`${command} needs a description after the key, e.g. ${example}.`);
    return ok(withIntern({ name: id, key: key.value, description }, s.value.intern));
  };
}

const OUTCOME_ADD: CommandSpec = {
  id: "learning.outcome.add",
  words: ["agreement", "outcome", "add"],
  usage: "agreement outcome add <key> <description> [for @intern]",
  summary:
    "Add an expected learning outcome: a short key milestones use, and what the intern will be able to do.",
  details: `Keys are lower-case words joined by dashes (market-research); descriptions up to 300 characters; at most 12 outcomes. ${WHO}`,
  example: "agreement outcome add market-research Plan and run a small market study",
  parse: describedOutcome(
    "learning.outcome.add",
    "agreement outcome add",
    "agreement outcome add market-research Plan and run a small market study",
  ),
};

const OUTCOME_RENAME: CommandSpec = {
  id: "learning.outcome.rename",
  words: ["agreement", "outcome", "rename"],
  usage: "agreement outcome rename <key> <description> [for @intern]",
  summary: "Change what an outcome says; its key, and the milestones serving it, stay.",
  details: WHO,
  example: "agreement outcome rename market-research Plan and run a market study on my own",
  parse: describedOutcome(
    "learning.outcome.rename",
    "agreement outcome rename",
    "agreement outcome rename market-research Plan and run a market study on my own",
  ),
};

const OUTCOME_REMOVE: CommandSpec = {
  id: "learning.outcome.remove",
  words: ["agreement", "outcome", "remove"],
  usage: "agreement outcome remove <key> [for @intern]",
  summary: "Remove an outcome no milestone serves (one that milestones serve is refused, naming them).",
  details: WHO,
  example: "agreement outcome remove presenting",
  parse(args) {
    const s = split(args);
    if (!s.ok) return s;
    const example = "agreement outcome remove presenting";
    const key = outcomeKey(s.value.rest, "agreement outcome remove", example);
    if (!key.ok) return key;
    if (s.value.rest.tokens.length > 1)
      return err(`agreement outcome remove takes one outcome key, e.g. ${example}.`);
    return ok(withIntern({ name: "learning.outcome.remove", key: key.value }, s.value.intern));
  },
};

const CRITERIA: CommandSpec = {
  id: "learning.criteria",
  words: ["agreement", "criteria"],
  usage: "agreement criteria <name>, <name>, ... | default [for @intern]",
  summary: 'Replace the criteria the intern is evaluated on; "default" restores the Erasmus+ list.',
  details: `The Erasmus+ list: analytical skills, initiative, adaptability, communication, teamwork, decision-making, ICT skills, foreign languages, intercultural awareness. At most 15 criteria. ${WHO}`,
  example: "agreement criteria Analytical skills, Initiative, Communication, Teamwork",
  parse(args) {
    const s = split(args);
    if (!s.ok) return s;
    const text = textOf(s.value.rest);
    if (text.toLowerCase() === "default")
      return ok(withIntern({ name: "learning.criteria", criteria: "default" }, s.value.intern));
    const names = text
      .split(/[,;\n]/)
      .map((n) => n.trim())
      .filter((n) => n !== "");
    if (names.length === 0)
      return err(
        'agreement criteria needs the criteria separated by commas, e.g. agreement criteria Teamwork, Initiative, Communication; or "agreement criteria default".',
      );
    return ok(withIntern({ name: "learning.criteria", criteria: names }, s.value.intern));
  },
};

const EVALUATION: CommandSpec = {
  id: "learning.evaluation",
  words: ["agreement", "evaluation"],
  usage: "agreement evaluation midterm|final <date>|default [for @intern]",
  summary:
    'Set when the mid-term or final evaluation is asked for; "default" is half time, or the last week.',
  details: `The date falls within the internship, the mid-term before the final. Type "help dates" for the date forms. ${WHO}`,
  example: "agreement evaluation midterm 30 Jan",
  parse(args, context) {
    const s = split(args);
    if (!s.ok) return s;
    const { rest } = s.value;
    const round = rest.tokens[0]?.lower;
    const example = "agreement evaluation midterm 30 Jan";
    if (round !== "midterm" && round !== "final")
      return err(`agreement evaluation needs midterm or final, then the date, e.g. ${example}.`);
    const text = textOf(rest, 1);
    if (!text) return err(`agreement evaluation ${round} needs a date or "default", e.g. ${example}.`);
    if (text.toLowerCase() === "default")
      return ok(withIntern({ name: "learning.evaluation", round }, s.value.intern));
    const date = parseDate(text, context.today);
    if (!date.ok) return date;
    return ok(withIntern({ name: "learning.evaluation", round, date: date.value }, s.value.intern));
  },
};

const LANGUAGE: CommandSpec = {
  id: "learning.language",
  words: ["agreement", "language"],
  usage: "agreement language <code> [<level>] [for @intern]",
  summary: "Set the main working language and the intern's level in it (A1 to C2, or native).",
  details: WHO,
  example: "agreement language en B2",
  parse(args) {
    const s = split(args);
    if (!s.ok) return s;
    const [code, level, extra] = s.value.rest.tokens;
    if (!code || extra)
      return err(
        "agreement language needs a language code and, if you like, the intern's level, e.g. agreement language en B2.",
      );
    return ok(
      withIntern(
        { name: "learning.language", code: code.lower, ...(level ? { level: level.text } : {}) },
        s.value.intern,
      ),
    );
  },
};

export const LEARNING_AGREEMENT_COMMANDS: readonly CommandSpec[] = [
  TITLE,
  HOURS,
  OUTCOME_ADD,
  OUTCOME_RENAME,
  OUTCOME_REMOVE,
  CRITERIA,
  EVALUATION,
  LANGUAGE,
];
