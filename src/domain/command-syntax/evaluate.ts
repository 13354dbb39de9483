/** evaluate / evaluation: the two-way evaluations (fill in the form; read what may be read now). */
import type { EvaluationRound } from "../evaluations.js";
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";
import type { Args } from "./tokens.js";
import type { MentionRef } from "./types.js";

const ROUND_WORDS: Record<string, EvaluationRound> = {
  midterm: "midterm",
  "mid-term": "midterm",
  final: "final",
};

function readRound(args: Args, command: string, example: string) {
  const read = readOptions(args, Object.keys(ROUND_WORDS), command, example);
  if (!read.ok) return read;
  const rounds = [...read.value.flags].map((f) => ROUND_WORDS[f]!);
  const value: { round?: EvaluationRound; intern?: MentionRef } = {};
  if (rounds[0]) value.round = rounds[0];
  if (read.value.intern) value.intern = read.value.intern;
  return ok(value);
}

const EVALUATE: CommandSpec = {
  id: "evaluate",
  words: ["evaluate"],
  usage: "evaluate [midterm|final] [for @intern]",
  summary: "Fill in your side of the mid-term or final evaluation (supervisor and intern each evaluate).",
  details:
    "Opens the form for your side: each agreed criterion 1-5 with a comment, each learning outcome not yet / partly / achieved, and (the intern) the hosting. Neither side sees the other's answers until both are in or the window (a working week from the evaluation date) closes. A submitted evaluation is not changed.",
  example: "evaluate midterm for @ana",
  parse(args) {
    const read = readRound(args, "evaluate", "evaluate midterm for @ana");
    return read.ok ? ok({ name: "evaluate", ...read.value }) : read;
  },
};

const EVALUATION: CommandSpec = {
  id: "evaluation",
  words: ["evaluation"],
  usage: "evaluation [midterm|final] [for @intern]",
  summary: "Show the mid-term or final evaluation as far as you may read it now.",
  details:
    "Your own answers always; the other side's (and, for the coordinator, both) once both are in or the window has closed.",
  example: "evaluation final for @ana",
  parse(args) {
    const read = readRound(args, "evaluation", "evaluation final for @ana");
    return read.ok ? ok({ name: "evaluation", ...read.value }) : read;
  },
};

export const EVALUATION_COMMANDS: readonly CommandSpec[] = [EVALUATE, EVALUATION];
