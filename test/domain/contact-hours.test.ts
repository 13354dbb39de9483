import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DailyInterval,
  formatContactHours,
  formatDays,
  longestDayMinutes,
  parseContactHours,
  parseDays,
  type WeeklyHours,
} from "../../src/domain/contact-hours.js";
import { AppError } from "../../src/domain/errors.js";
import type { Weekday } from "../../src/domain/local-date.js";

const nineToFive: DailyInterval[] = [{ startMinute: 540, endMinute: 1020 }];

function week(days: Partial<Record<Weekday, DailyInterval[]>>): WeeklyHours {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [], ...days };
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseContactHours", () => {
  it("reads a plain working week", () => {
    expect(parseContactHours("Mon-Fri 09:00-17:00")).toEqual(
      week({ 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive }),
    );
  });

  it("reads a short Friday separated by a semicolon or a comma", () => {
    const friday = [{ startMinute: 540, endMinute: 780 }];
    const expected = week({ 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: friday });
    expect(parseContactHours("Mon-Thu 09:00-17:00; Fri 09:00-13:00")).toEqual(expected);
    expect(parseContactHours("Mon-Thu 09:00-17:00, Fri 09:00-13:00")).toEqual(expected);
  });

  it("keeps a lunch break between two ranges on the same days", () => {
    const hours = parseContactHours("Mon-Fri 09:00-12:00 13:00-17:00");
    expect(hours[3]).toEqual([
      { startMinute: 540, endMinute: 720 },
      { startMinute: 780, endMinute: 1020 },
    ]);
    expect(hours[6]).toEqual([]);
  });

  it("wraps a day range around Sunday for a Sunday-to-Thursday week", () => {
    const hours = parseContactHours("Sun-Thu 08:00-16:00");
    const days = ([1, 2, 3, 4, 5, 6, 7] as const).filter((d) => hours[d].length > 0);
    expect(days).toEqual([1, 2, 3, 4, 7]);
  });

  it("reads single days, day lists, full names, any case and 24:00 as an end", () => {
    expect(parseContactHours("Sat 10:00-14:00")).toEqual(week({ 6: [{ startMinute: 600, endMinute: 840 }] }));
    expect(parseContactHours("Mon,Wed,Fri 09:00-17:00")).toEqual(
      week({ 1: nineToFive, 3: nineToFive, 5: nineToFive }),
    );
    expect(parseContactHours("monday - WEDNESDAY 9:00-17:00")).toEqual(
      week({ 1: nineToFive, 2: nineToFive, 3: nineToFive }),
    );
    expect(parseContactHours("Sun 20:00-24:00")[7]).toEqual([{ startMinute: 1200, endMinute: 1440 }]);
  });

  it("merges overlapping and touching ranges and sorts them", () => {
    expect(parseContactHours("Mon 13:00-17:00 09:00-12:00 11:00-13:00; Mon 16:00-18:00")[1]).toEqual([
      { startMinute: 540, endMinute: 1080 },
    ]);
  });

  it("explains a range without minutes and shows a good example", () => {
    const error = errorOf(() => parseContactHours("Mon-Fri 9-17"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe(
      'contact hours "Mon-Fri 9-17": "9-17" is not a time range; write it like "Mon-Fri 09:00-17:00"',
    );
  });

  it.each([
    ["", "no hours given"],
    ["   ", "no hours given"],
    ["Mnday 09:00-17:00", '"Mnday" is not a day name'],
    ["09:00-17:00", '"09:00-17:00" needs days before it'],
    ["Mon-Fri", '"Mon-Fri" has no hours after the days'],
    ["Mon 17:00-09:00", "does not end after it starts"],
    ["Mon 09:00-09:00", "does not end after it starts"],
    ["Mon 09:00-24:30", "has a time that does not exist"],
    ["Mon 09:60-17:00", "has a time that does not exist"],
  ])("rejects %j with a message that says what is wrong", (text, problem) => {
    const error = errorOf(() => parseContactHours(text));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toContain(problem);
    expect(error.message).toMatch(/write it like/);
  });
});

describe("parseDays and formatDays", () => {
  it("reads ranges, lists and ranges that wrap around Sunday", () => {
    expect([...parseDays("Mon-Fri")].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...parseDays("Mon,Wed,Fri")].sort()).toEqual([1, 3, 5]);
    expect([...parseDays("Sun-Thu")].sort()).toEqual([1, 2, 3, 4, 7]);
    expect([...parseDays("tuesday, Thursday")].sort()).toEqual([2, 4]);
  });

  it("rejects something that is not a day with an example", () => {
    const error = errorOf(() => parseDays("Mon-Fri 09:00"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe(
      'days "Mon-Fri 09:00": "09:00" is not a day name; write them like "Mon-Fri" or "Mon,Wed,Fri"',
    );
    expect(errorOf(() => parseDays(" ")).message).toContain("no days given");
  });

  it("writes compact ranges, keeping a run across Sunday together", () => {
    expect(formatDays(new Set([1, 2, 3, 4, 5] as const))).toBe("Mon-Fri");
    expect(formatDays(new Set([1, 3, 5] as const))).toBe("Mon,Wed,Fri");
    expect(formatDays(new Set([7, 1, 2, 3, 4] as const))).toBe("Sun-Thu");
    expect(formatDays(new Set([1, 2, 3, 4, 5, 6, 7] as const))).toBe("Mon-Sun");
  });
});

describe("formatContactHours", () => {
  it("groups days with identical hours into the canonical form", () => {
    expect(formatContactHours(parseContactHours("Fri 09:00-13:00, Mon-Thu 9:00-17:00"))).toBe(
      "Mon-Thu 09:00-17:00; Fri 09:00-13:00",
    );
    expect(formatContactHours(parseContactHours("sunday-thursday 08:00-16:00"))).toBe("Sun-Thu 08:00-16:00");
  });

  it("parses its own output back to the same hours", () => {
    // Strictly increasing boundaries paired up give sorted, non-touching intervals, as parse returns them.
    const day = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((bounds) => {
      const sorted = [...bounds].sort((a, b) => a - b);
      const intervals: DailyInterval[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) {
        intervals.push({ startMinute: sorted[i]!, endMinute: sorted[i + 1]! });
      }
      return intervals;
    });
    const hours = fc
      .tuple(day, day, day, day, day, day, day)
      .map(
        ([d1, d2, d3, d4, d5, d6, d7]): WeeklyHours => ({ 1: d1, 2: d2, 3: d3, 4: d4, 5: d5, 6: d6, 7: d7 }),
      )
      .filter((h) => longestDayMinutes(h) > 0);
    fc.assert(
      fc.property(hours, (h) => {
        expect(parseContactHours(formatContactHours(h))).toEqual(h);
      }),
      { numRuns: 300 },
    );
  });
});

describe("longestDayMinutes", () => {
  it("is the contact time of the longest day, breaks excluded", () => {
    expect(longestDayMinutes(parseContactHours("Mon-Thu 09:00-17:00; Fri 09:00-13:00"))).toBe(480);
    expect(longestDayMinutes(parseContactHours("Mon-Fri 09:00-12:00 13:00-17:00"))).toBe(420);
  });
});
