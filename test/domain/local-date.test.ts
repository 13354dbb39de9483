import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  fromEpochDay,
  isoWeek,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
  weekStart,
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

describe("isoWeek", () => {
  it.each([
    ["2026-12-01", "2026-W49"],
    ["2026-12-06", "2026-W49"],
    ["2026-12-07", "2026-W50"],
    ["2026-01-01", "2026-W01"],
    ["2021-01-01", "2020-W53"],
    ["2024-12-30", "2025-W01"],
    ["2027-01-03", "2026-W53"],
  ])("puts %s in %s", (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe("weekStart", () => {
  it("is the Monday of the ISO week, across a year's end", () => {
    expect(weekStart("2026-12-24")).toBe("2026-12-21");
    expect(weekStart("2026-12-21")).toBe("2026-12-21");
    expect(weekStart("2027-01-03")).toBe("2026-12-28");
  });
});
