import { AGREEMENT_FIELDS, agreementField } from "../agreement-fields.js";
import { err, ok } from "../result.js";
import { readOptions, takeTrailingFor } from "./arguments.js";
import { echo } from "./echo.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const SHOW: CommandSpec = {
  id: "agreement.show",
  words: ["agreement", "show"],
  usage: "agreement show [for @intern]",
  summary: "Show the working agreement: reply times, check-ins, meetings, introductions and tools.",
  example: "agreement show",
  parse(args) {
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
  summary: "Confirm that you have read the working agreement and accept it.",
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
  summary: "Change one term of the working agreement.",
  details: [
    "Fields:",
    ...AGREEMENT_FIELDS.map((f) => `  ${f.name}: ${f.description} (e.g. ${f.example})`),
    'Durations like 8h count working hours of the person who has to reply. Add "for @intern" to change the agreement of one of your interns.',
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

export const AGREEMENT_COMMANDS: readonly CommandSpec[] = [SHOW, ACK, SET];
