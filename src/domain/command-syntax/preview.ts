/** preview week: what Tandem would send over the next week, to whom, in each recipient's time. */
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const PREVIEW_WEEK: CommandSpec = {
  id: "preview.week",
  words: ["preview", "week"],
  usage: "preview week [for @intern]",
  summary:
    "List what Tandem would send about an intern over the next 7 days (from the start, before it), to whom, in each recipient's own time.",
  details:
    "Computed by running Tandem's own rules on a private copy of the data, as if nobody answered or wrote in that time: answers cancel reminders and change summaries. Nothing is sent.",
  example: "preview week for @ana",
  parse(args) {
    const read = readOptions(args, [], "preview week", "preview week for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "preview.week", intern } : { name: "preview.week" });
  },
};

export const PREVIEW_COMMANDS: readonly CommandSpec[] = [PREVIEW_WEEK];
