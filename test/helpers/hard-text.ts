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
