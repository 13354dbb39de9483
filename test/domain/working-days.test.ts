import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import {
  nextWorkingDayStart,
  startOfLocalDay,
  startOfNextDay,
  workingDaysAfter,
  workingDaysBefore,
  workingDaysBetween,
} from "../../src/domain/working-days.js";

const brussels = createCalendar({
  timezone: "Europe/Brussels",
  country: "BE",
  contactHours: "Mon-Fri 09:00-17:00",
  leave: [{ from: "2026-12-09", to: "2026-12-10" }],
});

describe("workingDaysBefore", () => {
  it("walks back over the weekend", () => {
    expect(workingDaysBefore(brussels, "2026-12-15", 2)).toBe("2026-12-11");
    expect(workingDaysBefore(brussels, "2026-12-14", 1)).toBe("2026-12-11");
  });

  it("skips leave and public holidays", () => {
    expect(workingDaysBefore(brussels, "2026-12-11", 1)).toBe("2026-12-08");
    expect(workingDaysBefore(brussels, "2026-12-11", 2)).toBe("2026-12-07");
    expect(workingDaysBefore(brussels, "2026-12-28", 1)).toBe("2026-12-24");
  });

  it("returns the due date itself for zero days", () => {
    expect(workingDaysBefore(brussels, "2026-12-13", 0)).toBe("2026-12-13");
  });

  it("gives up with a clear error when the person never works", () => {
    const never = createCalendar({
      timezone: "UTC",
      country: "BE",
      contactHours: "Mon 09:00-10:00",
      leave: [{ from: "2026-01-01", to: "2030-12-31" }],
    });
    expect(() => workingDaysBefore(never, "2029-06-01", 1)).toThrow(/no working day/);
  });
});

describe("workingDaysAfter", () => {
  it("counts forward over weekends and holidays", () => {
    expect(workingDaysAfter(brussels, "2026-12-11", 1)).toBe("2026-12-14");
    expect(workingDaysAfter(brussels, "2026-12-23", 2)).toBe("2026-12-28");
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days strictly between two dates, skipping weekends, leave and holidays", () => {
    expect(workingDaysBetween(brussels, "2026-12-04", "2026-12-08")).toBe(1);
    expect(workingDaysBetween(brussels, "2026-12-07", "2026-12-14")).toBe(2);
    expect(workingDaysBetween(brussels, "2026-12-23", "2026-12-28")).toBe(1);
    expect(workingDaysBetween(brussels, "2026-12-14", "2026-12-15")).toBe(0);
  });
});

describe("local day boundaries", () => {
  it("starts a local day at midnight in the person's zone", () => {
    // 23:30 on the 14th in Brussels: its day began at midnight there, 23:00 UTC on the 13th.
    expect(startOfLocalDay(brussels, new Date("2026-12-14T22:30:00Z"))).toEqual(
      new Date("2026-12-13T23:00:00Z"),
    );
    expect(startOfNextDay(brussels, "2026-12-14")).toEqual(new Date("2026-12-14T23:00:00Z"));
  });

  it("starts the next working day at its first contact hour, over a weekend", () => {
    expect(nextWorkingDayStart(brussels, new Date("2026-12-11T15:00:00Z"))).toEqual(
      new Date("2026-12-14T08:00:00Z"),
    );
  });
});
