import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import { lastEntry, overdueAlertDay, reminderDay } from "../../src/domain/milestone-followup.js";

const brussels = createCalendar({
  timezone: "Europe/Brussels",
  country: "BE",
  contactHours: "Mon-Fri 09:00-17:00",
  leave: [{ from: "2026-12-09", to: "2026-12-10" }],
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
