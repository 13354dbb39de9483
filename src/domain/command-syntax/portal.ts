/** portal, report: links to the web portal (sign-in, and the end-of-internship report). */
import { ok } from "../result.js";
import { noArguments, readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const PORTAL: CommandSpec = {
  id: "portal",
  words: ["portal"],
  usage: "portal",
  summary:
    "Get a private link that signs you in to Tandem's web portal (cohort board, internship pages, charts, the report); it works once, for 15 minutes.",
  example: "portal",
  parse(args) {
    const none = noArguments(args, "portal");
    return none.ok ? ok({ name: "portal" }) : none;
  },
};

const REPORT: CommandSpec = {
  id: "report",
  words: ["report"],
  usage: "report [for @intern]",
  summary:
    "Get a link to an intern's end-of-internship report in the web portal (to read, print, or download as Markdown, CSV or JSON).",
  example: "report for @ana",
  parse(args) {
    const read = readOptions(args, [], "report", "report for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "report", intern } : { name: "report" });
  },
};

export const PORTAL_COMMANDS: readonly CommandSpec[] = [PORTAL, REPORT];
