/** Splits command text into words, keeping their positions so free text can be cut out verbatim. */

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** The words after the command keywords, plus the text they came from. */
export interface Args {
  source: string;
  tokens: readonly Token[];
}

// A word is a run of non-space characters; `<...>` (a mention like <@U1|Ana Maria>) stays one word.
const WORD = /(?:<[^<>\n]*>|[^\s<]|<(?![^<>\n]*>))+/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ text: match[0], lower: match[0].toLowerCase(), start, end: start + match[0].length });
  }
  return tokens;
}

export function argsOf(text: string): Args {
  return { source: text, tokens: tokenize(text) };
}

/** The tokens from `from` (inclusive) to `to` (exclusive), as an Args. */
export function sliceArgs(args: Args, from: number, to = args.tokens.length): Args {
  return { source: args.source, tokens: args.tokens.slice(from, to) };
}

/** The original text covered by the tokens from `from` to `to`, spacing kept, trimmed. */
export function textOf(args: Args, from = 0, to = args.tokens.length): string {
  const first = args.tokens[from];
  const last = args.tokens[to - 1];
  if (!first || !last || to <= from) return "";
  return args.source.slice(first.start, last.end).trim();
}
