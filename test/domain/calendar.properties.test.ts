import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type CalendarPerson, createCalendar, type WorkingCalendar } from "../../src/domain/calendar.js";
import { longestDayMinutes, parseContactHours } from "../../src/domain/contact-hours.js";
import { isPublicHoliday } from "../../src/domain/holidays.js";
import { addDays } from "../../src/domain/local-date.js";

const MINUTE = 60_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 11, 31);
const RUNS = { numRuns: 150 };

const places = [
  { timezone: "Europe/Brussels", country: "BE" },
  { timezone: "America/New_York", country: "US", region: "NY" },
  { timezone: "Asia/Kolkata", country: "IN" },
  { timezone: "America/St_Johns", country: "CA", region: "NL" },
  { timezone: "Australia/Lord_Howe", country: "AU", region: "NSW" },
  { timezone: "Europe/London", country: "GB" },
];

/** Includes hours that cross the DST switch hour and days that touch at midnight. */
const contactHours = [
  "Mon-Fri 09:00-17:00",
  "Mon-Fri 09:00-12:00 13:00-17:00",
  "Sun-Thu 08:00-16:00",
  "Mon-Sun 01:00-04:00",
  "Mon-Sun 00:00-24:00",
  "Tue,Thu 22:00-24:00; Wed,Fri 00:00-02:30",
  "Sat 10:00-14:00",
];

const leave = fc.array(
  fc
    .record({ from: fc.integer({ min: 0, max: 4 * 365 }), days: fc.integer({ min: 0, max: 20 }) })
    .map((p) => ({
      from: addDays("2025-01-01", p.from),
      to: addDays("2025-01-01", p.from + p.days),
    })),
  { maxLength: 3 },
);

function personArb(hours: readonly string[]): fc.Arbitrary<CalendarPerson> {
  return fc
    .record({ place: fc.constantFrom(...places), contactHours: fc.constantFrom(...hours), leave })
    .map(({ place, contactHours, leave }) => ({ ...place, contactHours, leave }));
}

const scenario = personArb(contactHours).map((person) => ({ person, calendar: createCalendar(person) }));
/** 2026 DST switches of the zones above (Brussels and London share theirs), as UTC instants. */
const switches = [
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2026-03-08T07:00:00Z",
  "2026-11-01T06:00:00Z",
  "2026-03-08T05:30:00Z",
  "2026-11-01T04:30:00Z",
  "2026-04-04T15:00:00Z",
  "2026-10-03T15:30:00Z",
].map((iso) => Date.parse(iso));
const DAY = 86_400_000;
/** Uniform over 2025-2028, half of the time within a day and a half of a DST switch. */
const instant = fc
  .oneof(
    fc.integer({ min: FROM, max: TO }),
    fc
      .tuple(fc.constantFrom(...switches), fc.integer({ min: -1.5 * DAY, max: 1.5 * DAY }))
      .map(([s, delta]) => s + delta),
  )
  .map((ms) => new Date(ms));
/** Up to five working days, as a fraction of the calendar's contact day. */
const fraction = fc.integer({ min: 0, max: 1_000_000 });
const durationOf = (calendar: WorkingCalendar, f: number) =>
  Math.floor((f / 1_000_000) * 5 * longestDayMinutes(calendar.hours) * MINUTE);

describe("calendar laws", () => {
  it("measures back exactly the working time it added", () => {
    fc.assert(
      fc.property(scenario, instant, fraction, ({ calendar }, a, f) => {
        const d = durationOf(calendar, f);
        expect(calendar.workingTimeBetween(a, calendar.addWorkingTime(a, d))).toBe(d);
      }),
      RUNS,
    );
  });

  it("never gives an earlier deadline for more working time", () => {
    fc.assert(
      fc.property(scenario, instant, fraction, fraction, ({ calendar }, a, f1, f2) => {
        const [d1, d2] = [durationOf(calendar, Math.min(f1, f2)), durationOf(calendar, Math.max(f1, f2))];
        expect(calendar.addWorkingTime(a, d1).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingTime(a, d2).getTime(),
        );
      }),
      RUNS,
    );
  });

  it("finds a next working moment that is working time and not in the past", () => {
    fc.assert(
      fc.property(scenario, instant, ({ calendar }, x) => {
        const next = calendar.nextWorkingMoment(x);
        expect(next.getTime()).toBeGreaterThanOrEqual(x.getTime());
        expect(calendar.isWorkingTime(next)).toBe(true);
        if (calendar.isWorkingTime(x)) expect(next.getTime()).toBe(x.getTime());
      }),
      RUNS,
    );
  });

  it("adds working time in two steps the same as in one", () => {
    fc.assert(
      fc.property(scenario, instant, fraction, fraction, ({ calendar }, a, f1, f2) => {
        const [d1, d2] = [durationOf(calendar, f1 / 2), durationOf(calendar, f2 / 2)];
        const twoSteps = calendar.addWorkingTime(calendar.addWorkingTime(a, d1), d2);
        expect(twoSteps.getTime()).toBe(calendar.addWorkingTime(a, d1 + d2).getTime());
      }),
      RUNS,
    );
  });

  it("splits working time between three instants additively", () => {
    const three = fc
      .tuple(instant, instant, instant)
      .map((xs) => xs.sort((p, q) => p.getTime() - q.getTime()));
    fc.assert(
      fc.property(scenario, three, ({ calendar }, [a, b, c]) => {
        // Keep the span to a few weeks so the walk stays short.
        const cEarly = new Date(Math.min(c.getTime(), a.getTime() + 40 * DAY));
        const bEarly = new Date(Math.min(b.getTime(), cEarly.getTime()));
        expect(calendar.workingTimeBetween(a, cEarly)).toBe(
          calendar.workingTimeBetween(a, bEarly) + calendar.workingTimeBetween(bEarly, cEarly),
        );
      }),
      RUNS,
    );
  });

  it("ends a positive duration inside or at the end of a working interval", () => {
    fc.assert(
      fc.property(scenario, instant, fraction, ({ calendar }, a, f) => {
        const d = Math.max(1, durationOf(calendar, f));
        const due = calendar.addWorkingTime(a, d);
        expect(calendar.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("calendar against a wall-clock oracle", () => {
  // No interval ends inside a DST gap or fold here, so reading the wall clock decides working time.
  const unambiguous = [
    "Mon-Fri 09:00-17:00",
    "Sun-Thu 08:00-16:00 17:00-18:30",
    "Mon-Sun 01:00-04:00",
    "Mon-Sun 00:00-24:00",
  ];

  it("agrees with luxon's reading of the local weekday and time", () => {
    fc.assert(
      fc.property(personArb(unambiguous), instant, (person, x) => {
        const calendar = createCalendar(person);
        const local = DateTime.fromMillis(x.getTime(), { zone: person.timezone });
        const date = local.toISODate()!;
        const minute = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / MINUTE;
        const hours = parseContactHours(person.contactHours as string)[local.weekday as 1];
        const expected =
          !person.leave.some((p) => p.from <= date && date <= p.to) &&
          !isPublicHoliday(person.country, person.region, date) &&
          hours.some((i) => i.startMinute <= minute && minute < i.endMinute);
        expect(calendar.localDate(x)).toBe(date);
        expect(calendar.isWorkingTime(x)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});
