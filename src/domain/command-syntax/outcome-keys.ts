/** `for outcome market-research, presenting` at the end of a command: the outcomes a milestone serves. */
import { OUTCOME_KEY } from "../learning-agreement.js";
import { err, ok, type Result } from "../result.js";
import { echo } from "./echo.js";
import { type Args, sliceArgs } from "./tokens.js";

const WORDS = new Set(["outcome", "outcomes"]);

/** Splits off a trailing `for outcome <key>[, <key> and <key>]`; the rest is returned as it was. */
export function takeOutcomes(args: Args, example: string): Result<{ rest: Args; outcomes?: string[] }> {
  const at = args.tokens.findIndex((t, i) => t.lower === "for" && WORDS.has(args.tokens[i + 1]?.lower ?? ""));
  if (at === -1) return ok({ rest: args });
  const keys = args.tokens
    .slice(at + 2)
    .flatMap((t) => t.lower.split(","))
    .filter((k) => k !== "" && k !== "and");
  if (keys.length === 0)
    return err(`Name the outcome after "for outcome", e.g. ${example} for outcome market-research.`);
  const bad = keys.find((k) => !OUTCOME_KEY.test(k));
  if (bad !== undefined)
    return err(
      `${echo(bad)} is not an outcome key: keys are lower-case words joined by dashes, like market-research. Type "outcomes" to see them.`,
    );
  return ok({ rest: sliceArgs(args, 0, at), outcomes: [...new Set(keys)] });
}
