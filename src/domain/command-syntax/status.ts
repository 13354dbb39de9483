/** status: where the internship stands. */
import { noArguments } from "./arguments.js";
import { type CommandSpec, fail, ok } from "./spec.js";

export const STATUS: CommandSpec = {
  id: "status",
  words: ["status"],
  usage: "status",
  summary: "Show where the internship stands: milestones, check-ins, introductions and the agreement.",
  example: "status",
  parse(args) {
    const error = noArguments(args, "status");
    return error ? fail(error) : ok({ name: "status" });
  },
};
