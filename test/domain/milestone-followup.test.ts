import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import {
  isoWeek,
  lastEntry,
  overdueAlertDay,
  reminderDay,
  workingDaysAfter,
  workingDaysBefore,
} from "../../src/domain/milestone-followup.js";

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

describe("reminderDay", () => {
  it("is the working day N days before, or none for 0", () => {
    expect(reminderDay(brussels, "2026-12-15", 2)).toBe("2026-12-11");
    expect(reminderDay(brussels, "2026-12-15", 0)).toBeUndefined();
  });
});

describe("overdueAlertDay", () => {
  it("is nothing on or before the due date", () => {
    expect(overdueAlertDay(brussels, "2026-12-15", "2026-12-15")).toBeUndefined();
    expect(overdueAlertDay(brussels, "2026-12-15", "2026-12-01")).toBeUndefined();
  });

  it("starts the first working day after the due date and repeats a working week later", () => {
    expect(overdueAlertDay(brussels, "2026-12-15", "2026-12-16")).toEqual({
      day: "2026-12-16",
      nextDay: "2026-12-23",
    });
    expect(overdueAlertDay(brussels, "2026-12-15", "2026-12-22")?.day).toBe("2026-12-16");
    expect(overdueAlertDay(brussels, "2026-12-15", "2026-12-23")?.day).toBe("2026-12-23");
  });

  it("never falls on a weekend, so a Friday due date is first raised on Monday", () => {
    expect(overdueAlertDay(brussels, "2026-12-04", "2026-12-05")).toBeUndefined();
    expect(overdueAlertDay(brussels, "2026-12-04", "2026-12-06")).toBeUndefined();
    expect(overdueAlertDay(brussels, "2026-12-04", "2026-12-07")?.day).toBe("2026-12-07");
  });
});

describe("lastEntry", () => {
  it("finds the last entry of an action", () => {
    const history = [
      { action: "done", at: new Date(1) },
      { action: "reopen", at: new Date(2) },
      { action: "done", at: new Date(3) },
    ];
    expect(lastEntry(history, "done")?.at).toEqual(new Date(3));
    expect(lastEntry(history, "accept")).toBeUndefined();
  });
});
