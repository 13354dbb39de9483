import type { LocalDate } from "../types.js";
import { noArguments } from "./arguments.js";
import { daysBetween } from "./date-math.js";
import { type DateParse, isDateError, parseDate } from "./dates.js";
import { echo } from "./echo.js";
import { type CommandSpec, fail, ok } from "./spec.js";
import { type Args, textOf } from "./tokens.js";

export const MAX_LEAVE_DAYS = 366;
const EXAMPLE = "leave 24 Dec 1 Jan";
const SEPARATORS = new Set(["to", "until", "till", "-", "–", "—"]);

type Span = { from: LocalDate; to: LocalDate } | { error: string };

function pair(a: DateParse, b: DateParse): Span {
  if (isDateError(a)) return a;
  if (isDateError(b)) return b;
  return { from: a, to: b };
}

/** One date, two dates in a row (each may be several words), or two dates around "to". */
function readSpan(args: Args, today: LocalDate): Span {
  const n = args.tokens.length;
  const separator = args.tokens.findIndex((t) => SEPARATORS.has(t.lower));
  if (separator !== -1) {
    if (separator === 0 || separator === n - 1) {
      return { error: `Give the first and the last day of your leave, e.g. leave 24 Dec to 1 Jan.` };
    }
    return pair(parseDate(textOf(args, 0, separator), today), parseDate(textOf(args, separator + 1), today));
  }
  const whole = parseDate(textOf(args), today);
  if (!isDateError(whole)) return { from: whole, to: whole };
  let halfError: string | undefined;
  for (let k = n - 1; k >= 1; k--) {
    const from = parseDate(textOf(args, 0, k), today);
    const to = parseDate(textOf(args, k), today);
    if (!isDateError(from) && !isDateError(to)) return { from, to };
    // Exactly one half is readable: the other half is the one to complain about.
    if (halfError === undefined && isDateError(from) !== isDateError(to)) {
      halfError = isDateError(from) ? from.error : (to as { error: string }).error;
    }
  }
  if (halfError !== undefined) return { error: halfError };
  if (n === 1) return whole;
  return {
    error: `I could not read the dates in ${echo(textOf(args))}. Write the first and last day, e.g. ${EXAMPLE} or leave 2026-12-24 2027-01-01.`,
  };
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
    if ("error" in span) return fail(span.error);
    const { from, to } = span;
    if (to < from) {
      return fail(
        `Your leave would end (${to}) before it starts (${from}). Give the first day, then the last day.`,
      );
    }
    const days = daysBetween(from, to) + 1;
    if (days > MAX_LEAVE_DAYS) {
      return fail(
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
    const error = noArguments(args, "leave list");
    return error ? fail(error) : ok({ name: "leave.list" });
  },
};

export const LEAVE_COMMANDS: readonly CommandSpec[] = [ADD, LIST];
