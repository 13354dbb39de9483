import { err, ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const NOREPLY: CommandSpec = {
  id: "noreply",
  words: ["noreply"],
  aliases: [["no-reply"]],
  usage: "noreply [all]",
  summary:
    'Close your latest question that Tandem is tracking, because it no longer needs an answer; "all" closes every one.',
  example: "noreply",
  parse(args) {
    const read = readOptions(args, ["all"], "noreply", "noreply all");
    if (!read.ok) return read;
    if (read.value.intern)
      return err('noreply closes your own questions; it takes only "all", e.g. noreply all.');
    return ok({ name: "noreply", all: read.value.flags.has("all") });
  },
};

export const NOREPLY_COMMANDS: readonly CommandSpec[] = [NOREPLY];
