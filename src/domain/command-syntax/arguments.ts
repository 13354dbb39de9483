/** Readers for the pieces commands share: milestone numbers, "for @intern", flags. */
import { err, ok, type Result } from "../result.js";
import { echo } from "./echo.js";
import { looksLikeMention, parseMention } from "./mentions.js";
import { type Args, sliceArgs, type Token } from "./tokens.js";
import type { MentionRef } from "./types.js";

/** `12` or `#12`, a positive integer. */
export function readMilestoneId(token: Token | undefined, command: string): Result<number> {
  const example = `e.g. ${command} 12`;
  if (!token) {
    return err(`${command} needs a milestone number, ${example}. Type "milestone list" to see the numbers.`);
  }
  const m = /^#?(\d{1,9})$/.exec(token.text);
  const id = m ? Number(m[1]) : 0;
  if (id < 1) {
    return err(
      `${echo(token.text)} is not a milestone number; ${command} needs one like 12 or #12. Type "milestone list" to see the numbers.`,
    );
  }
  return ok(id);
}

function mentionAt(args: Args, index: number): Result<MentionRef> {
  const token = args.tokens[index];
  if (!token) return err(`"for" needs the person after it, e.g. for @ana.`);
  const mention = parseMention(token.text);
  return mention
    ? ok(mention)
    : err(`${echo(token.text)} is not a mention I can read; write for @name, e.g. for @ana.`);
}

/** Removes a trailing `for @intern` when the last word is meant as a mention. */
export function takeTrailingFor(args: Args): Result<{ rest: Args; intern?: MentionRef }> {
  const n = args.tokens.length;
  const last = args.tokens[n - 1];
  if (!last || n < 2 || args.tokens[n - 2]?.lower !== "for" || !looksLikeMention(last.text)) {
    return ok({ rest: args });
  }
  const mention = mentionAt(args, n - 1);
  if (!mention.ok) return mention;
  return ok({ rest: sliceArgs(args, 0, n - 2), intern: mention.value });
}

/** Options for listing commands: any of the given flags and `for @intern`, in any order. */
export function readOptions(
  args: Args,
  flags: readonly string[],
  command: string,
  example: string,
): Result<{ flags: Set<string>; intern?: MentionRef }> {
  const found = new Set<string>();
  let intern: MentionRef | undefined;
  for (let i = 0; i < args.tokens.length; i++) {
    const token = args.tokens[i]!;
    if (flags.includes(token.lower)) {
      found.add(token.lower);
    } else if (token.lower === "for") {
      const mention = mentionAt(args, i + 1);
      if (!mention.ok) return mention;
      intern = mention.value;
      i++;
    } else {
      const allowed = [...flags.map((f) => `"${f}"`), `"for @name"`].join(" and ");
      return err(`${command} understands only ${allowed}, not ${echo(token.text)}. Example: ${example}.`);
    }
  }
  return ok(intern ? { flags: found, intern } : { flags: found });
}

/** Commands that take nothing after their keywords. */
export function noArguments(args: Args, command: string): Result<void> {
  const first = args.tokens[0];
  return first
    ? err(`${command} takes nothing after it (I got ${echo(first.text)}); just type ${command}.`)
    : ok(undefined);
}
