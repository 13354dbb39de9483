import { describe, expect, it } from "vitest";
import { type CalendarPerson, createCalendar } from "../../src/domain/calendar.js";
import { parseContactHours } from "../../src/domain/contact-hours.js";
import { namedDaysOffBetween } from "../../src/domain/days-off.js";
import { AppError } from "../../src/domain/errors.js";

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

function calendar(overrides: Partial<CalendarPerson> = {}) {
  return createCalendar({
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    leave: [],
    ...overrides,
  });
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

function spans(intervals: { start: Date; end: Date }[]): string[] {
  return intervals.map((i) => `${iso(i.start)}/${iso(i.end)}`);
}

describe("reply deadlines in business time", () => {
  it("counts a Thursday-afternoon question to a Brussels supervisor through Christmas and the weekend", () => {
    const due = calendar().addWorkingTime(at("2026-12-24T16:00:00+01:00"), { amount: 8, unit: "h" });
    expect(iso(due)).toBe(iso(at("2026-12-28T16:00:00+01:00")));
  });

  it("ends at the close of contact hours rather than the next morning", () => {
    const due = calendar().addWorkingTime(at("2026-06-10T16:00:00+02:00"), { amount: 1, unit: "h" });
    expect(iso(due)).toBe(iso(at("2026-06-10T17:00:00+02:00")));
  });

  it("returns the start unchanged for no time at all, even at the weekend", () => {
    const saturday = at("2026-06-13T12:00:00+02:00");
    expect(iso(calendar().addWorkingTime(saturday, 0))).toBe(iso(saturday));
  });

  it("starts counting on Monday morning for a question sent on Saturday", () => {
    const due = calendar().addWorkingTime(at("2026-06-13T12:00:00+02:00"), { amount: 90, unit: "m" });
    expect(iso(due)).toBe(iso(at("2026-06-15T10:30:00+02:00")));
  });

  it("skips the lunch break", () => {
    const cal = calendar({ contactHours: "Mon-Fri 09:00-12:00 13:00-17:00" });
    expect(iso(cal.addWorkingTime(at("2026-06-10T11:30:00+02:00"), HOUR))).toBe(
      iso(at("2026-06-10T13:30:00+02:00")),
    );
  });

  it("takes a day of reply time as the longest contact day of the week", () => {
    const cal = calendar({ contactHours: "Mon-Thu 09:00-17:00; Fri 09:00-13:00" });
    expect(cal.durationMs({ amount: 1, unit: "d" })).toBe(8 * HOUR);
    expect(cal.durationMs({ amount: 1.5, unit: "h" })).toBe(1.5 * HOUR);
    // Thursday 12:00: 5 hours on Thursday, then 3 of Friday's 4.
    const due = cal.addWorkingTime(at("2026-06-11T12:00:00+02:00"), { amount: 1, unit: "d" });
    expect(iso(due)).toBe(iso(at("2026-06-12T12:00:00+02:00")));
  });

  it("refuses a negative amount of working time", () => {
    expect(errorOf(() => calendar().addWorkingTime(at("2026-06-10T10:00:00Z"), -1)).code).toBe("BAD_INPUT");
  });
});

describe("working time", () => {
  it("measures working time over a weekend and nothing when the end is not after the start", () => {
    const cal = calendar();
    const friday = at("2026-06-12T15:00:00+02:00");
    const monday = at("2026-06-15T11:00:00+02:00");
    expect(cal.workingTimeBetween(friday, monday)).toBe(4 * HOUR);
    expect(cal.workingTimeBetween(monday, friday)).toBe(0);
    expect(cal.workingTimeBetween(monday, monday)).toBe(0);
  });

  it("counts the start of contact hours as working and the end as not", () => {
    const cal = calendar();
    expect(cal.isWorkingTime(at("2026-06-10T09:00:00+02:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-06-10T16:59:59.999+02:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-06-10T17:00:00+02:00"))).toBe(false);
    expect(cal.isWorkingTime(at("2026-06-10T08:59:59.999+02:00"))).toBe(false);
  });

  it("gives the moment itself while working and the next opening otherwise", () => {
    const cal = calendar();
    const working = at("2026-06-10T10:15:00+02:00");
    expect(iso(cal.nextWorkingMoment(working))).toBe(iso(working));
    expect(iso(cal.nextWorkingMoment(at("2026-06-12T17:00:00+02:00")))).toBe(
      iso(at("2026-06-15T09:00:00+02:00")),
    );
    expect(iso(cal.nextWorkingMoment(at("2026-12-24T18:00:00+01:00")))).toBe(
      iso(at("2026-12-28T09:00:00+01:00")),
    );
  });

  it("reads the local date of an instant in the person's zone", () => {
    expect(calendar().localDate(at("2026-12-24T23:30:00Z"))).toBe("2026-12-25");
    expect(
      calendar({ timezone: "America/New_York", country: "US" }).localDate(at("2026-12-24T23:30:00Z")),
    ).toBe("2026-12-24");
  });

  it("accepts already parsed contact hours", () => {
    const cal = calendar({ contactHours: parseContactHours("Sat 10:00-14:00") });
    expect(cal.isWorkingDay("2026-06-13")).toBe(true);
    expect(cal.isWorkingDay("2026-06-12")).toBe(false);
  });
});

describe("holidays and leave", () => {
  it("gives a Bavarian supervisor Epiphany off but not a Berlin one", () => {
    const bavaria = calendar({ timezone: "Europe/Berlin", country: "DE", region: "BY" });
    const berlin = calendar({ timezone: "Europe/Berlin", country: "DE", region: "BE" });
    expect(bavaria.isWorkingDay("2026-01-06")).toBe(false);
    expect(bavaria.workingIntervals("2026-01-06")).toEqual([]);
    expect(berlin.isWorkingDay("2026-01-06")).toBe(true);
    const monday = at("2026-01-05T16:00:00+01:00");
    expect(iso(bavaria.addWorkingTime(monday, 2 * HOUR))).toBe(iso(at("2026-01-07T10:00:00+01:00")));
    expect(iso(berlin.addWorkingTime(monday, 2 * HOUR))).toBe(iso(at("2026-01-06T10:00:00+01:00")));
  });

  it("waits until a supervisor is back from leave, counting leave days inclusively", () => {
    const cal = calendar({ leave: [{ from: "2026-06-15", to: "2026-06-17" }] });
    expect(cal.isWorkingDay("2026-06-15")).toBe(false);
    expect(cal.isWorkingDay("2026-06-17")).toBe(false);
    expect(cal.isWorkingDay("2026-06-18")).toBe(true);
    const due = cal.addWorkingTime(at("2026-06-12T16:00:00+02:00"), 2 * HOUR);
    expect(iso(due)).toBe(iso(at("2026-06-18T10:00:00+02:00")));
  });

  it("gives up with NO_WORKING_TIME instead of looping when leave covers everything", () => {
    const cal = calendar({ leave: [{ from: "2026-01-01", to: "2031-12-31" }] });
    expect(errorOf(() => cal.addWorkingTime(at("2026-06-10T10:00:00Z"), HOUR)).code).toBe("NO_WORKING_TIME");
    expect(errorOf(() => cal.nextWorkingMoment(at("2026-06-10T10:00:00Z"))).code).toBe("NO_WORKING_TIME");
    expect(cal.workingTimeBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe(0);
  });

  it("rejects a leave period that ends before it starts", () => {
    expect(errorOf(() => calendar({ leave: [{ from: "2026-06-17", to: "2026-06-15" }] })).code).toBe(
      "BAD_INPUT",
    );
  });
});

describe("daylight saving time", () => {
  const night = { contactHours: "Mon-Sun 01:00-04:00" };

  it("shortens Brussels night hours to two hours when clocks go forward on 29 March 2026", () => {
    const cal = calendar(night);
    expect(spans(cal.workingIntervals("2026-03-29"))).toEqual([
      "2026-03-29T00:00:00.000Z/2026-03-29T02:00:00.000Z",
    ]);
    // 01:00 CET plus 90 minutes is 03:30 CEST.
    expect(iso(cal.addWorkingTime(at("2026-03-29T01:00:00+01:00"), 1.5 * HOUR))).toBe(
      iso(at("2026-03-29T03:30:00+02:00")),
    );
  });

  it("lengthens Brussels night hours to four hours when clocks go back on 25 October 2026", () => {
    const cal = calendar(night);
    expect(spans(cal.workingIntervals("2026-10-25"))).toEqual([
      "2026-10-24T23:00:00.000Z/2026-10-25T03:00:00.000Z",
    ]);
    expect(cal.workingTimeBetween(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(4 * HOUR);
    // Both 02:30 CEST and 02:30 CET are working time.
    expect(cal.isWorkingTime(at("2026-10-25T02:30:00+02:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-10-25T02:30:00+01:00"))).toBe(true);
  });

  it("handles the New York switches on 8 March and 1 November 2026", () => {
    const cal = calendar({ ...night, timezone: "America/New_York", country: "US", region: "NY" });
    expect(spans(cal.workingIntervals("2026-03-08"))).toEqual([
      "2026-03-08T06:00:00.000Z/2026-03-08T08:00:00.000Z",
    ]);
    expect(spans(cal.workingIntervals("2026-11-01"))).toEqual([
      "2026-11-01T05:00:00.000Z/2026-11-01T09:00:00.000Z",
    ]);
    expect(cal.workingTimeBetween(at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z"))).toBe(5 * HOUR);
  });

  it("keeps office hours eight hours long on the Monday after a switch", () => {
    const cal = calendar();
    expect(spans(cal.workingIntervals("2026-03-30"))).toEqual([
      "2026-03-30T07:00:00.000Z/2026-03-30T15:00:00.000Z",
    ]);
    expect(spans(cal.workingIntervals("2026-10-26"))).toEqual([
      "2026-10-26T08:00:00.000Z/2026-10-26T16:00:00.000Z",
    ]);
    const due = cal.addWorkingTime(at("2026-03-27T16:00:00+01:00"), 2 * HOUR);
    expect(iso(due)).toBe(iso(at("2026-03-30T10:00:00+02:00")));
  });

  it("shifts a wall time in the spring gap forward and takes the earlier of a repeated time", () => {
    const cal = calendar();
    expect(iso(cal.atLocalTime("2026-03-29", "02:30"))).toBe(iso(at("2026-03-29T03:30:00+02:00")));
    expect(iso(cal.atLocalTime("2026-10-25", "02:30"))).toBe(iso(at("2026-10-25T02:30:00+02:00")));
    expect(iso(cal.atLocalTime("2026-06-10", "09:30"))).toBe(iso(at("2026-06-10T09:30:00+02:00")));
    expect(errorOf(() => cal.atLocalTime("2026-06-10", "25:00")).message).toContain('write it like "09:30"');
  });
});

describe("offsets that are not whole hours", () => {
  it("opens at 09:00 India Standard Time", () => {
    const cal = calendar({ timezone: "Asia/Kolkata", country: "IN", contactHours: "Mon-Fri 09:00-17:30" });
    expect(spans(cal.workingIntervals("2026-06-10"))).toEqual([
      "2026-06-10T03:30:00.000Z/2026-06-10T12:00:00.000Z",
    ]);
  });

  it("follows St. John's half-hour offset across its spring switch", () => {
    const cal = calendar({
      timezone: "America/St_Johns",
      country: "CA",
      region: "NL",
      contactHours: "Mon-Sun 01:00-04:00",
    });
    // 01:00 NST (-03:30) to 04:00 NDT (-02:30).
    expect(spans(cal.workingIntervals("2026-03-08"))).toEqual([
      "2026-03-08T04:30:00.000Z/2026-03-08T06:30:00.000Z",
    ]);
  });

  it("follows Lord Howe Island's thirty-minute daylight saving shift", () => {
    const cal = calendar({
      timezone: "Australia/Lord_Howe",
      country: "AU",
      region: "NSW",
      contactHours: "Mon-Sun 01:00-04:00",
    });
    // Clocks go from 02:00 to 02:30 on 4 October 2026 and from 02:00 back to 01:30 on 4 April 2027.
    expect(spans(cal.workingIntervals("2026-10-04"))).toEqual([
      "2026-10-03T14:30:00.000Z/2026-10-03T17:00:00.000Z",
    ]);
    expect(spans(cal.workingIntervals("2027-04-04"))).toEqual([
      "2027-04-03T14:00:00.000Z/2027-04-03T17:30:00.000Z",
    ]);
  });
});

describe("bad configuration", () => {
  it("rejects an unknown time zone with an example", () => {
    const error = errorOf(() => calendar({ timezone: "Europe/Brusels" }));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toContain('write it like "Europe/Brussels"');
  });

  it("rejects an unknown country or region", () => {
    expect(errorOf(() => calendar({ country: "XX" })).message).toContain('e.g. "BE"');
    expect(errorOf(() => calendar({ country: "DE", region: "ZZ" })).code).toBe("BAD_INPUT");
  });

  it("rejects a date that does not exist", () => {
    expect(errorOf(() => calendar().isWorkingDay("2026-02-30")).code).toBe("BAD_INPUT");
  });
});

describe("days off a programme adds", () => {
  const person = {
    timezone: "America/Sao_Paulo",
    country: "BR",
    region: "SP",
    contactHours: "Mon-Fri 09:00-17:00",
    leave: [],
  };

  it("takes added holidays and closures off, and names them before the library's holidays", () => {
    const calendar = createCalendar({
      ...person,
      daysOff: [
        { from: "2026-12-24", to: "2027-01-01", name: "Year-end closure" },
        { from: "2027-01-25", to: "2027-01-25", name: "Aniversário de São Paulo" },
      ],
    });
    expect(calendar.isWorkingDay("2026-12-23")).toBe(true);
    expect(calendar.isWorkingDay("2026-12-28")).toBe(false);
    expect(calendar.dayOffName("2026-12-25")).toBe("Year-end closure");
    expect(calendar.isWorkingDay("2027-01-25")).toBe(false);
    expect(calendar.dayOffName("2026-11-20")).toBe("Dia da Consciência Negra");
    expect(calendar.dayOffName("2026-11-19")).toBeUndefined();
  });

  it("names the skipped holidays on working weekdays between two instants", () => {
    const calendar = createCalendar({
      ...person,
      daysOff: [{ from: "2026-12-24", to: "2027-01-01", name: "Year-end closure" }],
    });
    const skipped = namedDaysOffBetween(
      calendar,
      new Date("2026-12-23T15:00:00Z"),
      new Date("2027-01-04T15:00:00Z"),
    );
    // Christmas Day is both a closure and a public holiday: the closure names it; weekends are left out.
    expect(skipped.map((d) => d.date)).toEqual([
      "2026-12-24",
      "2026-12-25",
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
    ]);
    expect(new Set(skipped.map((d) => d.name))).toEqual(new Set(["Year-end closure"]));
  });

  it("refuses a day off that ends before it starts", () => {
    expect(() =>
      createCalendar({ ...person, daysOff: [{ from: "2027-01-02", to: "2027-01-01", name: "Backwards" }] }),
    ).toThrow("a day off from 2027-01-02 to 2027-01-01 ends before it starts");
  });
});
