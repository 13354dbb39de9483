import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitPrefix, shareBudget, splitText, truncateText } from "../../src/domain/text-cut.js";
import { hardText, isWellFormed } from "../helpers/hard-text.js";

const graphemes = (text: string) =>
  [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);

describe("cutting text", () => {
  it("never splits a grapheme: a cut keeps whole emoji, flags and families", () => {
    fc.assert(
      fc.property(hardText(80), fc.integer({ min: 0, max: 120 }), (text, max) => {
        const prefix = fitPrefix(text, max);
        expect(prefix.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(prefix)).toBe(true);
        expect(isWellFormed(prefix)).toBe(true);
        expect(graphemes(text).slice(0, graphemes(prefix).length).join("")).toBe(prefix);
      }),
    );
  });

  it("shortens with an ellipsis only when something was cut, and never past the limit", () => {
    expect(truncateText("Check-in, Wed 16 Dec 2026", 24)).toBe("Check-in, Wed 16 Dec 20…");
    expect(truncateText("short", 24)).toBe("short");
    expect(truncateText(`${"a".repeat(1999)}😀`, 2000)).toBe(`${"a".repeat(1999)}…`);
    fc.assert(
      fc.property(hardText(80), fc.integer({ min: 1, max: 120 }), (text, max) => {
        const short = truncateText(text, max);
        expect(short.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(short)).toBe(true);
      }),
    );
  });

  it("splits text into pieces within the limit that join back to the text", () => {
    fc.assert(
      fc.property(hardText(300), fc.integer({ min: 11, max: 60 }), (text, max) => {
        const pieces = splitText(text, max);
        expect(pieces.join("")).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(isWellFormed(piece)).toBe(true);
        }
      }),
    );
    expect(splitText("first line\nsecond line", 15)).toEqual(["first line\n", "second line"]);
  });

  it("counts by a measure, so escaped text is never cut inside an entity", () => {
    const escapedLength = (t: string) => t.replaceAll("&", "&amp;").length;
    expect(fitPrefix("ab&&", 7, escapedLength)).toBe("ab&");
    expect(fitPrefix("ab&&", 6, escapedLength)).toBe("ab");
  });

  it("shares a budget so short pieces stay whole and long ones get equal shares", () => {
    expect(shareBudget([10, 5000, 3000], 4010)).toEqual([10, 2000, 2000]);
    expect(shareBudget([10, 20], 100)).toEqual([10, 20]);
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { maxLength: 12 }), fc.nat(20000), (lengths, budget) => {
        const shares = shareBudget(lengths, budget);
        const wanted = lengths.reduce((a, b) => a + b, 0);
        if (wanted <= budget) expect(shares).toEqual(lengths);
        else expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
        for (const [i, share] of shares.entries()) expect(share).toBeLessThanOrEqual(lengths[i]!);
      }),
    );
  });
});
