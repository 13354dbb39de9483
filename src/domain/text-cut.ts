/**
 * Shortening text without breaking what people read: cuts fall between grapheme clusters (an emoji
 * with its skin tone, a flag, a letter with its accents), never inside one and never inside a
 * surrogate pair, which would store or show a replacement character. Lengths are UTF-16 code units,
 * the unit JavaScript, Slack and the Bot Connector count in.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** How long a piece of text counts, e.g. its length once escaped: never less than its length. */
export type Measure = (text: string) => number;

const codeUnits: Measure = (text) => text.length;

/**
 * The longest prefix of `text` that measures at most `max`, ending on a grapheme boundary.
 * The default measure is plain length; a measure that counts escaping keeps `&amp;` whole too.
 */
export function fitPrefix(text: string, max: number, measure: Measure = codeUnits): string {
  if (max <= 0) return "";
  if (measure(text) <= max) return text;
  // The longest prefix in code units that fits (a measure is never less than the length)...
  let fits = 0;
  let over = Math.min(Math.floor(max), text.length) + 1;
  if (measure === codeUnits) fits = over - 1;
  else {
    while (over - fits > 1) {
      const mid = Math.floor((fits + over) / 2);
      if (measure(text.slice(0, mid)) <= max) fits = mid;
      else over = mid;
    }
  }
  // ...then back to the grapheme boundary at or before it.
  return text.slice(0, boundaryAtOrBefore(text, fits));
}

/**
 * The last grapheme boundary at or before `at`. Segmenting is slow (microseconds a grapheme), so only
 * the text from a position known to be a boundary is segmented: after a line feed, or between two
 * printable ASCII characters (no grapheme rule joins those). A boundary also depends on the one code
 * point after it, which the window includes.
 */
function boundaryAtOrBefore(text: string, at: number): number {
  let start = 0;
  for (let i = at; i > 0; i -= 1) {
    const before = text.charCodeAt(i - 1);
    const here = text.charCodeAt(i);
    if (before === 0x0a || (before >= 0x20 && before < 0x7f && here >= 0x20 && here < 0x7f)) {
      start = i;
      break;
    }
  }
  let end = start;
  for (const { segment, index } of graphemes.segment(text.slice(start, at + 2))) {
    const next = start + index + segment.length;
    if (next > at) break;
    end = next;
  }
  return end;
}

/** `text` shortened to at most `max` (ellipsis included), with "…" when something was cut. */
export function truncateText(text: string, max: number, measure: Measure = codeUnits): string {
  if (measure(text) <= max) return text;
  return `${fitPrefix(text, max - 1, measure)}…`;
}

/**
 * `text` in pieces that each measure at most `max`, cut at a line break (or a space) in the later
 * half of a piece when there is one, otherwise between graphemes. Joined, the pieces give `text` back.
 */
export function splitText(text: string, max: number, measure: Measure = codeUnits): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let piece = fitPrefix(rest, max, measure);
    if (piece.length === 0) piece = [...rest][0] ?? rest; // a single grapheme longer than max
    if (piece.length < rest.length) {
      const line = piece.lastIndexOf("\n");
      const space = piece.lastIndexOf(" ");
      const at = line >= piece.length / 2 ? line + 1 : space >= piece.length / 2 ? space + 1 : 0;
      if (at > 0) piece = piece.slice(0, at);
    }
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  return pieces;
}

/**
 * Shares `budget` among pieces of text so their total fits: short pieces stay whole, long ones are
 * cut to the same share (water filling). Returns each piece's allowance.
 */
export function shareBudget(lengths: readonly number[], budget: number): number[] {
  const total = lengths.reduce((sum, n) => sum + n, 0);
  if (total <= budget) return [...lengths];
  const order = lengths.map((n, i) => [n, i] as const).sort((a, b) => a[0] - b[0]);
  const allowance = new Array<number>(lengths.length).fill(0);
  let left = Math.max(0, budget);
  for (const [k, [n, i]] of order.entries()) {
    const share = Math.floor(left / (order.length - k));
    allowance[i] = Math.min(n, share);
    left -= allowance[i]!;
  }
  return allowance;
}
