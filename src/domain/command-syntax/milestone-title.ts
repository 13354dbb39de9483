/** Splits `"<title>" due <date> [for outcome <keys>] [for @intern]` (or the unquoted `<title> due <date>`) into its parts. */
import { err, ok, type Result } from "../result.js";
import { takeTrailingFor } from "./arguments.js";
import { echo } from "./echo.js";
import { takeOutcomes } from "./outcome-keys.js";
import { type Args, argsOf, textOf } from "./tokens.js";
import type { MentionRef } from "./types.js";

export const MAX_TITLE = 200;

const EXAMPLE = 'milestone add "Draft of the market study" due 15 Dec';
const OPENING = /^["“”„]/;
// A closing quote followed by the keyword "due"; the last one wins, so titles may contain quotes.
const CLOSING_BEFORE_DUE = /["“”](?=\s*due(?:\s|$))/gi;
const ANY_QUOTE = /["“”]/g;
const UNQUOTED_DUE = /(?:^|\s)due(?=\s|$)/gi;

function lastIndex(text: string, pattern: RegExp): number {
  let index = -1;
  for (const match of text.matchAll(pattern)) index = match.index;
  return index;
}

function splitTitle(raw: string): Result<{ title: string; rest: string }> {
  if (OPENING.test(raw)) {
    const body = raw.slice(1);
    let close = lastIndex(body, CLOSING_BEFORE_DUE);
    if (close === -1) close = lastIndex(body, ANY_QUOTE);
    if (close === -1) {
      return err(`The title has an opening quote but no closing one. Write it like ${EXAMPLE}.`);
    }
    return ok({ title: body.slice(0, close), rest: body.slice(close + 1) });
  }
  const due = lastIndex(raw, UNQUOTED_DUE);
  if (due === -1) {
    return err(`milestone add needs a due date after the title, e.g. ${EXAMPLE}.`);
  }
  return ok({ title: raw.slice(0, due), rest: raw.slice(due) });
}

function checkTitle(raw: string): Result<string> {
  const title = raw.replace(/\s+/g, " ").trim();
  const length = [...title].length;
  if (length === 0) return err(`milestone add needs a title, e.g. ${EXAMPLE}.`);
  if (length > MAX_TITLE) {
    return err(
      `A milestone title can have at most ${MAX_TITLE} characters; yours has ${length}. Shorten it and put details in the thread.`,
    );
  }
  return ok(title);
}

export function readTitleAndDue(
  args: Args,
): Result<{ title: string; dueText: string; intern?: MentionRef; outcomes?: string[] }> {
  const raw = textOf(args);
  if (!raw) return err(`milestone add needs a title and a due date, e.g. ${EXAMPLE}.`);
  const split = splitTitle(raw);
  if (!split.ok) return split;
  const title = checkTitle(split.value.title);
  if (!title.ok) return title;
  const after = argsOf(split.value.rest);
  const keyword = after.tokens[0];
  if (keyword?.lower !== "due") {
    const got = keyword ? `, not ${echo(textOf(after))}` : "";
    return err(`After the title comes "due <date>"${got}, e.g. ${EXAMPLE}.`);
  }
  // `for @intern` and `for outcome ...` end the command, in either order.
  const last = takeTrailingFor({ source: after.source, tokens: after.tokens.slice(1) });
  if (!last.ok) return last;
  const served = takeOutcomes(last.value.rest, EXAMPLE);
  if (!served.ok) return served;
  const first: Result<{ rest: Args; intern?: MentionRef }> = last.value.intern
    ? ok({ rest: served.value.rest })
    : takeTrailingFor(served.value.rest);
  if (!first.ok) return first;
  const dueText = textOf(first.value.rest);
  if (!dueText) return err(`milestone add needs a date after "due", e.g. ${EXAMPLE}.`);
  const intern = last.value.intern ?? first.value.intern;
  const outcomes = served.value.outcomes;
  return ok({
    title: title.value,
    dueText,
    ...(intern ? { intern } : {}),
    ...(outcomes ? { outcomes } : {}),
  });
}
