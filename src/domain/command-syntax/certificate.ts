/** certificate: the traineeship certificate draft (Erasmus+ Table D), and its confirmation. */
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const SHOW: CommandSpec = {
  id: "certificate",
  words: ["certificate"],
  usage: "certificate [for @intern]",
  summary:
    "Show the traineeship certificate draft: period, tasks, outcomes, evaluation and how the internship was followed.",
  details:
    'Everything in it is what Tandem saw. The supervisor confirms it with the Confirm button or "certificate confirm". The whole draft as Markdown, JSON or a printable page: tandem certificate <internship> on the server.',
  example: "certificate for @ana",
  parse(args) {
    const read = readOptions(args, [], "certificate", "certificate for @ana");
    if (!read.ok) return read;
    return ok(
      read.value.intern ? { name: "certificate", intern: read.value.intern } : { name: "certificate" },
    );
  },
};

const CONFIRM: CommandSpec = {
  id: "certificate.confirm",
  words: ["certificate", "confirm"],
  usage: "certificate confirm [for @intern]",
  summary:
    "Confirm the certificate draft as it stands now (supervisor or backup); who and when are recorded.",
  example: "certificate confirm for @ana",
  parse(args) {
    const read = readOptions(args, [], "certificate confirm", "certificate confirm for @ana");
    if (!read.ok) return read;
    return ok(
      read.value.intern
        ? { name: "certificate.confirm", intern: read.value.intern }
        : { name: "certificate.confirm" },
    );
  },
};

export const CERTIFICATE_COMMANDS: readonly CommandSpec[] = [SHOW, CONFIRM];
