import { err, ok } from "../result.js";
import { readMilestoneId, readOptions, takeTrailingFor } from "./arguments.js";
import { parseDate } from "./dates.js";
import { readTitleAndDue } from "./milestone-title.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const ADD: CommandSpec = {
  id: "milestone.add",
  words: ["milestone", "add"],
  usage: 'milestone add "<title>" due <date> [for outcome <key>] [for @intern]',
  summary: "Log a milestone and when it is due.",
  details:
    'The title goes in double quotes and has at most 200 characters. A supervisor adds one for their intern with "for @intern". "for outcome market-research" links it to outcomes of the learning agreement (see "outcomes"). Type "help dates" for the date forms. "milestone add" alone (or "milestone add for @intern") opens a form with the title, the due date and the outcomes to pick.',
  example: 'milestone add "Draft of the market study" due 15 Dec',
  parse(args, context) {
    // Nothing but (perhaps) the intern: the form asks for the rest.
    const only = takeTrailingFor(args);
    if (only.ok && only.value.rest.tokens.length === 0)
      return ok(
        only.value.intern
          ? { name: "milestone.form", intern: only.value.intern }
          : { name: "milestone.form" },
      );
    const read = readTitleAndDue(args);
    if (!read.ok) return read;
    const { title, dueText, intern, outcomes } = read.value;
    const date = parseDate(dueText, context.today);
    if (!date.ok) return date;
    const due = date.value;
    return ok({
      name: "milestone.add",
      title,
      due,
      ...(intern ? { intern } : {}),
      ...(outcomes ? { outcomes } : {}),
    });
  },
};

const LIST: CommandSpec = {
  id: "milestone.list",
  words: ["milestone", "list"],
  aliases: [["milestones"]],
  usage: "milestone list [all] [for @intern]",
  summary: 'List open milestones with their numbers; "all" includes accepted ones.',
  details: 'Also "milestones". Supervisors see an intern\'s list with "for @intern".',
  example: "milestone list all",
  parse(args) {
    const read = readOptions(args, ["all"], "milestone list", "milestone list all for @ana");
    if (!read.ok) return read;
    const all = read.value.flags.has("all");
    const intern = read.value.intern;
    return ok(intern ? { name: "milestone.list", all, intern } : { name: "milestone.list", all });
  },
};

function idOnly(id: "milestone.done" | "milestone.reopen", command: string): CommandSpec["parse"] {
  return (args) => {
    const read = readMilestoneId(args.tokens[0], command);
    if (!read.ok) return read;
    if (args.tokens.length > 1) return err(`${command} takes just a milestone number, e.g. ${command} 12.`);
    return ok({ name: id, id: read.value });
  };
}

const DONE: CommandSpec = {
  id: "milestone.done",
  words: ["milestone", "done"],
  usage: "milestone done <number>",
  summary: "Mark a milestone as done, so your supervisor can accept it.",
  example: "milestone done 12",
  parse: idOnly("milestone.done", "milestone done"),
};

const MOVE: CommandSpec = {
  id: "milestone.move",
  words: ["milestone", "move"],
  usage: "milestone move <number> <date> [because <reason>]",
  summary: "Give a milestone a new due date, ideally saying why.",
  details: 'Type "help dates" for the date forms.',
  example: "milestone move 12 in 2 weeks because the survey data arrives late",
  parse(args, context) {
    const read = readMilestoneId(args.tokens[0], "milestone move");
    if (!read.ok) return read;
    const because = args.tokens.findIndex((t, i) => i > 0 && t.lower === "because");
    const dateEnd = because === -1 ? args.tokens.length : because;
    if (dateEnd <= 1) {
      return err(
        `milestone move needs the new date after the number, e.g. milestone move ${read.value} 15 Dec.`,
      );
    }
    const date = parseDate(textOf(args, 1, dateEnd), context.today);
    if (!date.ok) return date;
    const due = date.value;
    if (because === -1) return ok({ name: "milestone.move", id: read.value, due });
    const reason = textOf(args, because + 1);
    if (!reason) {
      return err(
        `Say why after "because", e.g. milestone move ${read.value} 15 Dec because the data is late.`,
      );
    }
    return ok({ name: "milestone.move", id: read.value, due, reason });
  },
};

const BLOCK: CommandSpec = {
  id: "milestone.block",
  words: ["milestone", "block"],
  usage: "milestone block <number> <reason>",
  summary: "Flag a milestone as blocked and say what is in the way.",
  example: "milestone block 12 waiting for access to the sales data",
  parse(args) {
    const read = readMilestoneId(args.tokens[0], "milestone block");
    if (!read.ok) return read;
    const skip = args.tokens[1]?.lower === "because" ? 2 : 1;
    const reason = textOf(args, skip);
    if (!reason) {
      return err(
        `milestone block needs a reason after the number, e.g. milestone block ${read.value} waiting for data access.`,
      );
    }
    return ok({ name: "milestone.block", id: read.value, reason });
  },
};

const ACCEPT: CommandSpec = {
  id: "milestone.accept",
  words: ["milestone", "accept"],
  usage: "milestone accept <number> [<feedback>]",
  summary: "Accept a finished milestone, with feedback on how the work will be used.",
  example: "milestone accept 12 Great work, this goes into the Q1 board deck",
  parse(args) {
    const read = readMilestoneId(args.tokens[0], "milestone accept");
    if (!read.ok) return read;
    const feedback = textOf(args, 1);
    return ok(
      feedback
        ? { name: "milestone.accept", id: read.value, feedback }
        : { name: "milestone.accept", id: read.value },
    );
  },
};

const REOPEN: CommandSpec = {
  id: "milestone.reopen",
  words: ["milestone", "reopen"],
  usage: "milestone reopen <number>",
  summary: "Reopen a milestone that was marked done or accepted.",
  example: "milestone reopen 12",
  parse: idOnly("milestone.reopen", "milestone reopen"),
};

export const MILESTONE_COMMANDS: readonly CommandSpec[] = [ADD, LIST, DONE, MOVE, BLOCK, ACCEPT, REOPEN];
