import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/domain/command-syntax/dates.js";

const WEDNESDAY = "2026-06-10";

function date(text: string, today = WEDNESDAY): string {
  const result = parseDate(text, today);
  if (!result.ok) throw new Error(`expected a date for "${text}", got: ${result.error}`);
  return result.value;
}

function error(text: string, today = WEDNESDAY): string {
  const result = parseDate(text, today);
  if (result.ok) throw new Error(`expected an error for "${text}", got ${result.value}`);
  return result.error;
}

describe("parseDate: written-out dates", () => {
  it("reads ISO dates", () => {
    expect(date("2026-12-15")).toBe("2026-12-15");
    expect(date("2026-1-5")).toBe("2026-01-05");
  });

  it("reads day-month and month-day, with and without a year", () => {
    expect(date("15 Dec")).toBe("2026-12-15");
    expect(date("Dec 15")).toBe("2026-12-15");
    expect(date("15 December 2026")).toBe("2026-12-15");
    expect(date("December 15, 2026")).toBe("2026-12-15");
    expect(date("Dec 15 2027")).toBe("2027-12-15");
    expect(date("15 dec, 2027")).toBe("2027-12-15");
  });

  it("accepts ordinals, abbreviations with a full stop and any letter case", () => {
    expect(date("15th Dec")).toBe("2026-12-15");
    expect(date("Sept 1st")).toBe("2026-09-01");
    expect(date("1 Dec.")).toBe("2026-12-01");
    expect(date("  15   DECEMBER  ")).toBe("2026-12-15");
  });

  it("takes a day and month without a year as the next such date on or after today", () => {
    expect(date("10 Jun")).toBe("2026-06-10");
    expect(date("9 Jun")).toBe("2027-06-09");
    expect(date("2 Jan", "2026-12-30")).toBe("2027-01-02");
    expect(date("31 Dec", "2026-12-31")).toBe("2026-12-31");
  });

  it("finds the next 29 February, which may be years away", () => {
    expect(date("29 Feb")).toBe("2028-02-29");
    expect(date("Feb 29", "2028-02-29")).toBe("2028-02-29");
    expect(date("29 Feb", "2028-03-01")).toBe("2032-02-29");
    expect(date("29 Feb 2028")).toBe("2028-02-29");
    expect(date("2028-02-29")).toBe("2028-02-29");
  });
});

describe("parseDate: relative dates", () => {
  it("reads today and tomorrow, also across a year end", () => {
    expect(date("today")).toBe(WEDNESDAY);
    expect(date("Tomorrow")).toBe("2026-06-11");
    expect(date("tomorrow", "2026-12-31")).toBe("2027-01-01");
    expect(date("tomorrow", "2028-02-28")).toBe("2028-02-29");
  });

  it("takes a weekday as today when it is that day, otherwise the coming one", () => {
    expect(date("wednesday")).toBe("2026-06-10");
    expect(date("friday")).toBe("2026-06-12");
    expect(date("fri")).toBe("2026-06-12");
    expect(date("this friday")).toBe("2026-06-12");
    expect(date("monday")).toBe("2026-06-15");
    expect(date("tue")).toBe("2026-06-16");
    expect(date("Sunday")).toBe("2026-06-14");
  });

  it('takes "next <weekday>" as one week after "<weekday>"', () => {
    expect(date("next friday")).toBe("2026-06-19");
    expect(date("next wednesday")).toBe("2026-06-17");
    expect(date("next monday")).toBe("2026-06-22");
    expect(date("next friday", "2026-12-30")).toBe("2027-01-08");
  });

  it("counts days and weeks", () => {
    expect(date("in 3 days")).toBe("2026-06-13");
    expect(date("in 1 day")).toBe("2026-06-11");
    expect(date("in 0 days")).toBe(WEDNESDAY);
    expect(date("in a week")).toBe("2026-06-17");
    expect(date("in 2 weeks")).toBe("2026-06-24");
    expect(date("in 3 weeks", "2026-12-20")).toBe("2027-01-10");
  });

  it("counts calendar months, clamped to the end of a shorter month", () => {
    expect(date("in 1 month")).toBe("2026-07-10");
    expect(date("in 1 month", "2026-01-31")).toBe("2026-02-28");
    expect(date("in 1 month", "2028-01-31")).toBe("2028-02-29");
    expect(date("in 2 months", "2026-12-31")).toBe("2027-02-28");
    expect(date("in 12 months", "2028-02-29")).toBe("2029-02-28");
  });
});

describe("parseDate: errors", () => {
  it("says which text it did not understand and shows the forms it knows", () => {
    expect(error("friday-ish")).toBe(
      '"friday-ish" is not a date I understand. Try 2026-12-15, 15 Dec, friday or in 2 weeks.',
    );
    expect(error("in 3 fortnights")).toMatch(/"in 3 fortnights" is not a date I understand/);
    expect(error("15 Dec 26")).toMatch(/not a date I understand/);
    expect(error("someday soon maybe, who knows")).toMatch(/not a date I understand/);
  });

  it("says when the date is missing", () => {
    expect(error("")).toMatch(/A date is missing/);
    expect(error("   ")).toMatch(/A date is missing/);
  });

  it("refuses slash and dot forms because countries read them differently, suggesting ISO", () => {
    for (const text of ["15/12/2026", "12/15/2026", "15/12", "15.12.2026"]) {
      expect(error(text)).toMatch(/ambiguous.*2026-12-15/);
    }
  });

  it("names the problem with dates that do not exist", () => {
    expect(error("31 Feb")).toBe('"31 Feb" is not a real date: February has at most 29 days.');
    expect(error("31 April")).toBe('"31 April" is not a real date: April has 30 days.');
    expect(error("2026-02-30")).toBe('"2026-02-30" is not a real date: February 2026 has 28 days.');
    expect(error("29 Feb 2027")).toBe('"29 Feb 2027" is not a real date: February 2027 has 28 days.');
    expect(error("2028-02-30")).toMatch(/February 2028 has 29 days/);
    expect(error("0 Dec")).toMatch(/not a real date/);
    expect(error("2026-13-01")).toMatch(/no month 13/);
    expect(error("2026-00-10")).toMatch(/no month 0/);
    expect(error("0999-01-01")).toMatch(/four-digit year/);
  });

  it("refuses relative dates too far ahead", () => {
    expect(error("in 9999 days")).toMatch(/too far ahead/);
    expect(error("in 200 months")).toMatch(/too far ahead/);
  });

  it("shortens long input it quotes back, and cannot ping anyone with it", () => {
    const message = error(`<!channel> ${"x".repeat(500)}`);
    expect(message.length).toBeLessThan(140);
    expect(message).not.toContain("<!channel>");
  });

  it("reports a broken today instead of throwing", () => {
    expect(error("friday", "not-a-date")).toMatch(/not a valid date/);
  });
});
