/** digest: last week's digest about one intern, in full (the coordinator's digest is a line per intern). */
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const DIGEST: CommandSpec = {
  id: "digest",
  words: ["digest"],
  usage: "digest [for @intern]",
  summary:
    "Show last week's digest about an intern in full: milestones by name, check-ins, reply times, connection signal, introductions (and, for the coordinator, shared reflections).",
  example: "digest for @ana",
  parse(args) {
    const read = readOptions(args, [], "digest", "digest for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "digest", intern } : { name: "digest" });
  },
};

export const DIGEST_COMMANDS: readonly CommandSpec[] = [DIGEST];
