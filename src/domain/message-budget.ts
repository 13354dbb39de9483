import { shareBudget, truncateText } from "./text-cut.js";

/**
 * How much one message may say, whatever the platform: the core shapes long content to this budget at
 * the source (a summary with the details one command away, pages), so a renderer never has to cut
 * something important. The renderers still enforce each platform's exact limits.
 *
 * Why 8,000 characters: Slack refuses a message whose blocks carry too much text in total
 * (`msg_blocks_too_long`, about 12,000 characters by its maintainers' account) and Microsoft guarantees
 * Teams delivery only under about 80 KB; the renderers add a reason line, buttons and markup on top.
 */
export const MESSAGE_TEXT_BUDGET = 8_000;

/** A first line that says what a message is about, in a list of several. */
export const SUMMARY_LINE_BUDGET = 160;

/** The first non-empty line of a text, shortened to `max`. */
export function firstLine(text: string, max = SUMMARY_LINE_BUDGET): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return truncateText(line.trim(), max);
}

/** Length of lines joined with newlines. */
export const joinedLength = (lines: readonly string[]): number =>
  lines.reduce((sum, line) => sum + line.length, 0) + Math.max(0, lines.length - 1);

/**
 * As many of `lines` as fit in `budget` together with the closing line `more(n)` for the n left out
 * (none when all fit). Lines stay in order; an over-long line is shortened rather than dropped when first.
 */
export function fitLines(
  lines: readonly string[],
  budget: number,
  more: (left: number) => string,
): { lines: string[]; left: number } {
  if (joinedLength(lines) <= budget) return { lines: [...lines], left: 0 };
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    // If this line does not fit, lines.length - i are left out: room for saying so.
    const closing = i === lines.length - 1 ? 0 : more(lines.length - i).length + 1;
    const room = budget - used - (kept.length > 0 ? 1 : 0) - closing;
    if (line.length > room) {
      if (kept.length === 0 && room > 20) kept.push(truncateText(line, room));
      break;
    }
    kept.push(line);
    used += line.length + (kept.length > 1 ? 1 : 0);
  }
  const left = lines.length - kept.length;
  return { lines: left > 0 ? [...kept, more(left)] : kept, left };
}

/**
 * Blocks of text grouped into pages of at most `budget` characters (blocks joined by `separator`),
 * in order; a block longer than a page is shortened to fit one.
 */
export function paginate(blocks: readonly string[], budget: number, separator = "\n\n"): string[] {
  const pages: string[] = [];
  let page: string | undefined;
  for (const raw of blocks) {
    const block = truncateText(raw, budget);
    if (page === undefined) page = block;
    else if (page.length + separator.length + block.length <= budget) page += `${separator}${block}`;
    else {
      pages.push(page);
      page = block;
    }
  }
  if (page !== undefined) pages.push(page);
  return pages;
}

/**
 * Every line kept, the longest shortened first until all fit in `budget` (joined with newlines):
 * for lists where each line matters, such as a fortnight of check-in answers.
 */
export function shareLines(lines: readonly string[], budget: number): string[] {
  if (joinedLength(lines) <= budget) return [...lines];
  const allowances = shareBudget(
    lines.map((line) => line.length),
    budget - Math.max(0, lines.length - 1),
  );
  return lines.map((line, i) => truncateText(line, allowances[i]!));
}
