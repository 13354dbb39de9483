/** try checkin: a trial check-in now, so people see a check-in work before the intern's first real morning. */
import { ok } from "../result.js";
import { readOptions } from "./arguments.js";
import type { CommandSpec } from "./spec.js";

const TRY_CHECKIN: CommandSpec = {
  id: "try.checkin",
  words: ["try", "checkin"],
  aliases: [["try", "check-in"]],
  usage: "try checkin [for @intern]",
  summary:
    "Send the intern a trial check-in now (nothing saved or counted); their answer shows you what the supervisor receives.",
  details:
    "Works before the internship starts too. The trial waits for the intern's contact hours like every check-in; answering it sends whoever asked a preview of the supervisor's message, built from the answers.",
  example: "try checkin for @ana",
  parse(args) {
    const read = readOptions(args, [], "try checkin", "try checkin for @ana");
    if (!read.ok) return read;
    const intern = read.value.intern;
    return ok(intern ? { name: "try.checkin", intern } : { name: "try.checkin" });
  },
};

export const TRY_COMMANDS: readonly CommandSpec[] = [TRY_CHECKIN];
