/** status: where the internship stands. */
import { ok } from "../result.js";
import { noArguments } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

export const STATUS: CommandSpec = {
  id: "status",
  words: ["status"],
  usage: "status",
  summary: "Show where the internship stands: milestones, check-ins, introductions and the agreement.",
  example: "status",
  parse(args) {
    const none = noArguments(args, "status");
    return none.ok ? ok({ name: "status" }) : none;
  },
};
