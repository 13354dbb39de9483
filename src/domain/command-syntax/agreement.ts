import { AGREEMENT_FIELDS, agreementField } from "../agreement-fields.js";
import { err, ok } from "../result.js";
import { LEARNING_AGREEMENT_COMMANDS } from "./agreement-learning.js";
import { readOptions, takeTrailingFor } from "./arguments.js";
import { echo } from "./echo.js";
import type { CommandSpec } from "./spec.js";
import { closest } from "./suggest.js";
import { type Args, textOf } from "./tokens.js";

/** Bare `agreement` is `agreement show`; anything else after it is a subcommand it does not know. */
function typedBare(args: Args): boolean {
  const before = args.source.slice(0, args.tokens[0]?.start ?? args.source.length);
  return !/show\s*$/i.test(before);
}

const SHOW: CommandSpec = {
  id: "agreement.show",
  words: ["agreement", "show"],
  aliases: [["agreement"]],
  usage: "agreement show [for @intern]",
  summary:
    "Show the learning agreement (title, hours, outcomes, criteria, evaluation dates, language) and the monitoring plan: the working agreement's reply times, check-ins, meetings, introductions and tools.",
  details: 'Also just "agreement".',
  example: "agreement show",
  parse(args) {
    const first = args.tokens[0];
    if (first && first.lower !== "for" && typedBare(args)) {
      const names = [...AGREEMENT_COMMANDS, ...LEARNING_AGREEMENT_COMMANDS].map((c) => c.words.join(" "));
      const typed = (n: number) =>
        ["agreement", ...args.tokens.slice(0, n - 1).map((t) => t.lower)].join(" ");
      const guess = closest(names, typed);
      return err(
        `There is no "agreement" command called ${echo(first.text)}.${guess ? ` Did you mean "${guess}"?` : ""} Type "help agreement" to see the agreement commands, e.g. agreement show.`,
      );
    }
    const read = readOptions(args, [], "agreement show", "agreement show for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "agreement.show", intern } : { name: "agreement.show" });
  },
};

const ACK: CommandSpec = {
  id: "agreement.ack",
  words: ["agreement", "ack"],
  usage: "agreement ack [for @intern]",
  summary: "Confirm that you have read the working agreement in force.",
  details: "A supervisor of several interns says which agreement: agreement ack for @ana.",
  example: "agreement ack",
  parse(args) {
    const read = readOptions(args, [], "agreement ack", "agreement ack for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "agreement.ack", intern } : { name: "agreement.ack" });
  },
};

const FIELD = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$/;
const SET_EXAMPLE = "agreement set reply.supervisor 8h";

const SET: CommandSpec = {
  id: "agreement.set",
  words: ["agreement", "set"],
  usage: "agreement set <field> <value> [for @intern]",
  summary:
    "Propose a change to one term of the working agreement; it counts once the intern and the supervisor accept it.",
  details: [
    "Fields:",
    ...AGREEMENT_FIELDS.map((f) => `  ${f.name}: ${f.description} (e.g. ${f.example})`),
    'Durations like 8h count working hours of the person who has to reply; reply times go from 1h to 5d (5 working days). Add "for @intern" for the agreement of one of your interns.',
    'The terms in force stay as they are until the intern and the supervisor (whoever did not propose it) accept the change with "agreement accept"; a proposal nobody accepts lapses after a working week. Another change by you while it waits is added to your proposal.',
  ].join("\n"),
  example: SET_EXAMPLE,
  parse(args) {
    const trailing = takeTrailingFor(args);
    if (!trailing.ok) return trailing;
    const { rest, intern } = trailing.value;
    const fieldToken = rest.tokens[0];
    if (!fieldToken) {
      return err(
        `agreement set needs a field and a value, e.g. ${SET_EXAMPLE}. Type "help agreement set" to see the fields.`,
      );
    }
    const field = fieldToken.lower;
    if (!FIELD.test(field) || field.length > 40) {
      return err(
        `${echo(fieldToken.text)} is not a field name. Type "help agreement set" to see the fields, e.g. ${SET_EXAMPLE}.`,
      );
    }
    const value = textOf(rest, 1);
    if (!value) {
      const example = agreementField(field)?.example ?? "8h";
      return err(`agreement set ${field} needs a value, e.g. agreement set ${field} ${example}.`);
    }
    return ok(
      intern ? { name: "agreement.set", field, value, intern } : { name: "agreement.set", field, value },
    );
  },
};

const ACCEPT: CommandSpec = {
  id: "agreement.accept",
  words: ["agreement", "accept"],
  usage: "agreement accept [for @intern]",
  summary: "Accept the proposed change to the working agreement: once both sides accept, it is in force.",
  example: "agreement accept",
  parse(args) {
    const read = readOptions(args, [], "agreement accept", "agreement accept for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "agreement.accept", intern } : { name: "agreement.accept" });
  },
};

const REASON_MAX = 500;

const DECLINE: CommandSpec = {
  id: "agreement.decline",
  words: ["agreement", "decline"],
  usage: "agreement decline [<reason>] [for @intern]",
  summary: "Decline the proposed change to the working agreement; the terms in force stay.",
  details: "The proposer is told, with your reason if you give one.",
  example: "agreement decline 1h is too short while I am in class in the mornings",
  parse(args) {
    const trailing = takeTrailingFor(args);
    if (!trailing.ok) return trailing;
    const { rest, intern } = trailing.value;
    const reason = textOf(rest);
    if ([...reason].length > REASON_MAX) {
      return err(`Please keep the reason to ${REASON_MAX} characters (it has ${[...reason].length}).`);
    }
    return ok({
      name: "agreement.decline",
      ...(reason ? { reason } : {}),
      ...(intern ? { intern } : {}),
    });
  },
};

export const AGREEMENT_COMMANDS: readonly CommandSpec[] = [SHOW, ACK, SET, ACCEPT, DECLINE];
