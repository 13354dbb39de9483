/** Text -> typed command, for every platform. Never throws: bad input gets a message saying what to type. */
import { err } from "../result.js";
import { echo } from "./echo.js";
import { commandGroups, commandPhrases } from "./registry.js";
import { displayName } from "./spec.js";
import { closest } from "./suggest.js";
import { type Args, type Token, tokenize } from "./tokens.js";
import type { ParseContext, ParseResult } from "./types.js";

export const MAX_COMMAND_LENGTH = 4000;

// Control characters (except tab and newline) become spaces; zero-width characters are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

function typedWords(tokens: readonly Token[]): (n: number) => string {
  return (n) =>
    tokens
      .slice(0, n)
      .map((t) => t.lower)
      .join(" ");
}

function unknownCommand(tokens: readonly Token[]): ParseResult {
  const first = tokens[0]!;
  const group = commandGroups().get(first.lower);
  if (group) {
    const subcommands = group.map((spec) => spec.words.slice(1).join(" "));
    const list =
      subcommands.length === 1
        ? `${subcommands[0]}`
        : `${subcommands.slice(0, -1).join(", ")} or ${subcommands.at(-1)}`;
    const second = tokens[1];
    if (!second) {
      return err(
        `${first.lower} needs ${subcommands.length === 1 ? "" : "one of "}${list}, e.g. ${group[0]?.example}. Type "help ${first.lower}" for details.`,
      );
    }
    const guess = closest(group.map(displayName), typedWords(tokens));
    const hint = guess ? ` Did you mean "${guess}"?` : "";
    return err(
      `There is no "${first.lower}" command called ${echo(second.text)}.${hint} Use ${list}; type "help ${first.lower}" for details.`,
    );
  }
  const guess = closest(
    commandPhrases().map((p) => p.words.join(" ")),
    typedWords(tokens),
  );
  const hint = guess ? ` Did you mean "${guess}"?` : "";
  return err(`I don't know the command ${echo(first.text)}.${hint} Type "help" to see all commands.`);
}

function parseTokens(source: string, tokens: readonly Token[], context: ParseContext): ParseResult {
  let best: { length: number; parse: (args: Args) => ParseResult } | undefined;
  for (const { words, spec } of commandPhrases()) {
    const matches = words.every((word, i) => tokens[i]?.lower === word);
    if (matches && words.length > (best?.length ?? 0)) {
      best = { length: words.length, parse: (args) => spec.parse(args, context) };
    }
  }
  if (!best) return unknownCommand(tokens);
  return best.parse({ source, tokens: tokens.slice(best.length) });
}

export function parseCommand(text: string, context: ParseContext): ParseResult {
  try {
    if (typeof text !== "string") return err('Type a command, e.g. "help".');
    if (text.length > MAX_COMMAND_LENGTH) {
      return err(
        `That command is ${text.length} characters long; commands can have at most ${MAX_COMMAND_LENGTH}. Put long text in a normal message instead.`,
      );
    }
    const source = text.normalize("NFC").replace(CONTROL, " ").replace(INVISIBLE, "");
    const tokens = tokenize(source);
    if (tokens.length === 0) return err('Type a command, e.g. "milestone list", or "help" to see them all.');
    return parseTokens(source, tokens, context);
  } catch {
    return err('Something went wrong reading that command. Type "help" to see the commands.');
  }
}

/** Whether text starts with a command word: plain replies (check-in answers) do not. */
export function startsWithCommand(text: string): boolean {
  const first = tokenize(text.normalize("NFC").replace(CONTROL, " ").replace(INVISIBLE, ""))[0]?.lower;
  return first !== undefined && commandPhrases().some((p) => p.words[0] === first);
}

/** The command closest to what was typed, when it looks like a typo of one ("milestne list"). */
export function suggestCommand(text: string): string | undefined {
  const tokens = tokenize(text.normalize("NFC").replace(CONTROL, " ").replace(INVISIBLE, ""));
  if (tokens.length === 0) return undefined;
  return closest(
    commandPhrases().map((p) => p.words.join(" ")),
    typedWords(tokens),
  );
}
