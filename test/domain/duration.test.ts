import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Duration, formatDuration, parseDuration } from "../../src/domain/duration.js";
import { AppError } from "../../src/domain/errors.js";

describe("parseDuration", () => {
  it.each<[string, Duration]>([
    ["30m", { amount: 30, unit: "m" }],
    ["8h", { amount: 8, unit: "h" }],
    ["2d", { amount: 2, unit: "d" }],
    ["1.5h", { amount: 1.5, unit: "h" }],
    ["90 min", { amount: 90, unit: "m" }],
    ["4 hours", { amount: 4, unit: "h" }],
    ["2 days", { amount: 2, unit: "d" }],
    ["1 Day", { amount: 1, unit: "d" }],
    [" 45 minutes ", { amount: 45, unit: "m" }],
  ])("reads %j", (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ["", "is not a length of time"],
    ["soon", "is not a length of time"],
    ["-2h", "is not a length of time"],
    ["8", "needs a unit"],
    ["3 weeks", 'unknown unit "weeks"'],
    ["0h", "must be longer than zero"],
    ["366d", "is longer than a year"],
    ["9000h", "is longer than a year"],
  ])("rejects %j and shows an example", (text, problem) => {
    let caught: unknown;
    try {
      parseDuration(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("BAD_INPUT");
    expect((caught as AppError).message).toContain(problem);
    expect((caught as AppError).message).toContain('write it like "8h", "30m" or "2d"');
  });

  it("accepts a whole year but nothing longer", () => {
    expect(parseDuration("365d")).toEqual({ amount: 365, unit: "d" });
    expect(parseDuration("8760h")).toEqual({ amount: 8760, unit: "h" });
  });
});

describe("formatDuration", () => {
  it("writes the short form", () => {
    expect(formatDuration({ amount: 8, unit: "h" })).toBe("8h");
    expect(formatDuration({ amount: 30, unit: "m" })).toBe("30m");
    expect(formatDuration({ amount: 2, unit: "d" })).toBe("2d");
    expect(formatDuration(parseDuration("90 min"))).toBe("90m");
  });

  it("parses its own output back to the same duration", () => {
    const duration = fc.record({
      amount: fc.integer({ min: 1, max: 3650 }).map((tenths) => tenths / 10),
      unit: fc.constantFrom<Duration["unit"]>("m", "h", "d"),
    });
    fc.assert(
      fc.property(duration, (d) => {
        expect(parseDuration(formatDuration(d))).toEqual(d);
      }),
    );
  });
});
