/** outcomes: the learning agreement's expected outcomes and the milestones serving each. */
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

export const OUTCOMES: CommandSpec = {
  id: "outcomes",
  words: ["outcomes"],
  usage: "outcomes [for @intern]",
  summary:
    "List the learning outcomes of the internship, the milestones serving each, and how it is evaluated.",
  details:
    'The outcomes come from the learning agreement (the programme file\'s learning: section). Link a milestone with "milestone add ... for outcome <key>".',
  example: "outcomes for @ana",
  parse(args) {
    const read = readOptions(args, [], "outcomes", "outcomes for @ana");
    if (!read.ok) return read;
    return ok(read.value.intern ? { name: "outcomes", intern: read.value.intern } : { name: "outcomes" });
  },
};
