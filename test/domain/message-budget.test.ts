import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstLine, fitLines, joinedLength, paginate, shareLines } from "../../src/domain/message-budget.js";

/** Text with emoji, flags, accents and markup, as people write it. */
const humanText = fc
  .array(fc.constantFrom("a", "é", "👩🏽‍💻", "🇧🇪", "*bold*", "<@U1>", " ", "\n", "e\u0301", "漢"), {
    maxLength: 400,
  })
  .map((parts) => parts.join(""));

describe("message budget", () => {
  it("keeps the first non-empty line of a text", () => {
    expect(firstLine("\n  Milestone #3 is due\nmore")).toBe("Milestone #3 is due");
    expect(firstLine(`${"x".repeat(300)}`, 10)).toBe("xxxxxxxxx…");
  });

  it("fits lines into a budget with a closing line for those left out", () => {
    fc.assert(
      fc.property(
        fc.array(humanText, { maxLength: 60 }),
        fc.integer({ min: 100, max: 5_000 }),
        (lines, budget) => {
          const flat = lines.map((l) => l.replaceAll("\n", " "));
          const fitted = fitLines(flat, budget, (n) => `and ${n} more`);
          expect(joinedLength(fitted.lines)).toBeLessThanOrEqual(budget);
          if (fitted.left === 0) expect(fitted.lines).toEqual(flat);
          else expect(fitted.lines.at(-1)).toBe(`and ${fitted.left} more`);
        },
      ),
    );
  });

  it("pages blocks in order, each page within the budget", () => {
    fc.assert(
      fc.property(
        fc.array(humanText, { maxLength: 40 }),
        fc.integer({ min: 50, max: 3_000 }),
        (blocks, budget) => {
          const pages = paginate(
            blocks.filter((b) => b !== ""),
            budget,
          );
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(budget);
          if (blocks.every((b) => b.length <= budget)) {
            expect(pages.join("\n\n")).toBe(blocks.filter((b) => b !== "").join("\n\n"));
          }
        },
      ),
    );
  });

  it("keeps every line when sharing a budget, shortening the longest, within the budget", () => {
    fc.assert(
      fc.property(
        fc.array(humanText, { maxLength: 30 }),
        fc.integer({ min: 200, max: 5_000 }),
        (lines, budget) => {
          const flat = lines.map((l) => l.replaceAll("\n", " "));
          const shared = shareLines(flat, budget);
          expect(shared).toHaveLength(flat.length);
          if (flat.length * 2 <= budget) expect(joinedLength(shared)).toBeLessThanOrEqual(budget);
          if (joinedLength(flat) <= budget) expect(shared).toEqual(flat);
        },
      ),
    );
  });
});
