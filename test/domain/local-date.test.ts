import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  fromEpochDay,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
} from "../../src/domain/local-date.js";

describe("local dates", () => {
  it("accepts real dates only", () => {
    expect(parseLocalDate("2026-12-24")).toBe("2026-12-24");
    expect(parseLocalDate(" 2028-02-29 ")).toBe("2028-02-29");
    expect(parseLocalDate("2026-02-29")).toBeUndefined();
    expect(parseLocalDate("2026-13-01")).toBeUndefined();
    expect(parseLocalDate("24/12/2026")).toBeUndefined();
    expect(parseLocalDate("2026-1-5")).toBeUndefined();
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-24", "2027-01-04")).toBe(11);
  });

  it("knows the ISO weekday", () => {
    expect(weekdayOf("2026-12-24")).toBe(4);
    expect(weekdayOf("2026-12-27")).toBe(7);
    expect(weekdayOf("2026-12-28")).toBe(1);
  });

  it("round-trips day numbers", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 100_000 }), (n) => {
        expect(toEpochDay(fromEpochDay(n))).toBe(n);
      }),
    );
  });
});
