import type { Args } from "./tokens.js";
import type { CommandName, ParseContext, ParseResult } from "./types.js";

/** One entry of the command registry: how to recognise, parse and explain one command. */
export interface CommandSpec {
  id: CommandName;
  /** Keywords that start the command, lower case, e.g. ["milestone", "add"]. */
  words: readonly string[];
  /** Other keyword sequences for the same command, e.g. [["milestones"]]. */
  aliases?: readonly (readonly string[])[];
  usage: string;
  summary: string;
  /** Further explanation for `help <command>`, one or more lines. */
  details?: string;
  /** A complete example that parses to this command. */
  example: string;
  parse(args: Args, context: ParseContext): ParseResult;
}

export function displayName(spec: CommandSpec): string {
  return spec.words.join(" ");
}
