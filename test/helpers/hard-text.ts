/** fast-check text that is easy to break: emoji with modifiers, flags, ZWJ families, markup, entities. */
import fc from "fast-check";

const HARD_UNITS = [
  "a",
  "word ",
  " ",
  "\n",
  "&",
  "<",
  ">",
  "*",
  "_",
  "`",
  "<!channel>",
  "<at>x</at>",
  "😀",
  "👍🏽",
  "🇧🇪",
  "👩‍👩‍👧‍👦",
  "é",
  "ß",
  "漢",
];

export const hardText = (maxLength: number, minLength = 0) =>
  fc.string({ unit: fc.constantFrom(...HARD_UNITS), minLength, maxLength });

/** True when no surrogate is left alone, i.e. no code point was cut in two. */
export const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/**
 * Huge texts full of markup delimiters that once made a regular expression quadratic (80 s for the
 * first): tests check they are read to the end, bench/hostile-text.bench.ts measures how fast.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  "<".repeat(200_000),
  "<@U1|".repeat(40_000),
  "`".repeat(200_000),
  "```a".repeat(50_000),
];
