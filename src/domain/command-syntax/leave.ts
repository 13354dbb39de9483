import { err, ok, type Result } from "../result.js";
import type { LocalDate } from "../types.js";
import { noArguments } from "./arguments.js";
import { daysBetween } from "./date-math.js";
import { type DateParse, parseDate } from "./dates.js";
import { echo } from "./echo.js";
import type { CommandSpec } from "./spec.js";
import { type Args, textOf } from "./tokens.js";

export const MAX_LEAVE_DAYS = 366;
const EXAMPLE = "leave 24 Dec 1 Jan";
const SEPARATORS = new Set(["to", "until", "till", "-", "–", "—"]);

type Span = Result<{ from: LocalDate; to: LocalDate }>;

function pair(a: DateParse, b: DateParse): Span {
  if (!a.ok) return a;
  if (!b.ok) return b;
  return ok({ from: a.value, to: b.value });
}

/** One date, two dates in a row (each may be several words), or two dates around "to". */
function readSpan(args: Args, today: LocalDate): Span {
  const n = args.tokens.length;
  const separator = args.tokens.findIndex((t) => SEPARATORS.has(t.lower));
  if (separator !== -1) {
    if (separator === 0 || separator === n - 1) {
      return err(`Give the first and the last day of your leave, e.g. leave 24 Dec to 1 Jan.`);
    }
    return pair(parseDate(textOf(args, 0, separator), today), parseDate(textOf(args, separator + 1), today));
  }
  const whole = parseDate(textOf(args), today);
  if (whole.ok) return ok({ from: whole.value, to: whole.value });
  let halfError: string | undefined;
  for (let k = n - 1; k >= 1; k--) {
    const from = parseDate(textOf(args, 0, k), today);
    const to = parseDate(textOf(args, k), today);
    if (from.ok && to.ok) return ok({ from: from.value, to: to.value });
    // Exactly one half is readable: the other half is the one to complain about.
    if (halfError === undefined && from.ok !== to.ok) {
      halfError = !from.ok ? from.error : !to.ok ? to.error : halfError;
    }
  }
  if (halfError !== undefined) return err(halfError);
  if (n === 1) return whole;
  return err(
    `I could not read the dates in ${echo(textOf(args))}. Write the first and last day, e.g. ${EXAMPLE} or leave 2026-12-24 2027-01-01.`,
  );
}

const ADD: CommandSpec = {
  id: "leave.add",
  words: ["leave"],
  usage: "leave <first day> [<last day>]",
  summary: "Record leave, so nobody is nudged about you while you are away.",
  details: `Both days are included; one date means one day. At most ${MAX_LEAVE_DAYS} days at a time. "leave" alone or "leave list" shows your leave. Type "help dates" for the date forms.`,
  example: EXAMPLE,
  parse(args, context) {
    if (args.tokens.length === 0) return ok({ name: "leave.list" });
    const span = readSpan(args, context.today);
    if (!span.ok) return span;
    const { from, to } = span.value;
    if (to < from) {
      return err(
        `Your leave would end (${to}) before it starts (${from}). Give the first day, then the last day.`,
      );
    }
    const days = daysBetween(from, to) + 1;
    if (days > MAX_LEAVE_DAYS) {
      return err(
        `That is ${days} days of leave; I record at most ${MAX_LEAVE_DAYS} at a time. Split it into shorter periods.`,
      );
    }
    return ok({ name: "leave.add", from, to });
  },
};

const LIST: CommandSpec = {
  id: "leave.list",
  words: ["leave", "list"],
  usage: "leave list",
  summary: "Show the leave you have recorded.",
  example: "leave list",
  parse(args) {
    const none = noArguments(args, "leave list");
    return none.ok ? ok({ name: "leave.list" }) : none;
  },
};

export const LEAVE_COMMANDS: readonly CommandSpec[] = [ADD, LIST];
