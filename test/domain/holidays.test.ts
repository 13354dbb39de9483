import { describe, expect, it } from "vitest";
import { holidayName, isPublicHoliday, validateCountryRegion } from "../../src/domain/holidays.js";
import type { Result } from "../../src/domain/result.js";

describe("isPublicHoliday", () => {
  it("knows Christmas Day in Belgium and that the 24th is a working day", () => {
    expect(isPublicHoliday("BE", undefined, "2026-12-25")).toBe(true);
    expect(holidayName("BE", undefined, "2026-12-25")).toBe("Noël");
    expect(isPublicHoliday("BE", undefined, "2026-12-24")).toBe(false);
    expect(holidayName("BE", undefined, "2026-12-24")).toBeUndefined();
  });

  it("ignores observances such as Epiphany in Belgium", () => {
    expect(isPublicHoliday("BE", undefined, "2026-01-06")).toBe(false);
  });

  it("gives Bavaria Epiphany off but not Berlin", () => {
    expect(isPublicHoliday("DE", "BY", "2026-01-06")).toBe(true);
    expect(isPublicHoliday("DE", "BE", "2026-01-06")).toBe(false);
    expect(isPublicHoliday("DE", "BE", "2026-10-03")).toBe(true);
  });

  it("accepts lower case codes and an ISO 3166-2 region", () => {
    expect(isPublicHoliday("de", "by", "2026-01-06")).toBe(true);
    expect(isPublicHoliday("DE", "DE-BY", "2026-01-06")).toBe(true);
  });

  it("counts every day of a multi-day holiday, also when it runs into the next year", () => {
    // Eswatini's Incwala: six days from 28 December.
    expect(isPublicHoliday("SZ", undefined, "2026-12-28")).toBe(true);
    expect(isPublicHoliday("SZ", undefined, "2027-01-02")).toBe(true);
    expect(isPublicHoliday("SZ", undefined, "2027-01-03")).toBe(false);
  });

  it("uses the day itself for holidays date-holidays starts the evening before", () => {
    // Eid al-Fitr 2026 in the UAE is given as "2026-03-20 00:00:00 -0600" lasting three days.
    expect(isPublicHoliday("AE", undefined, "2026-03-19")).toBe(false);
    expect(isPublicHoliday("AE", undefined, "2026-03-20")).toBe(true);
    expect(isPublicHoliday("AE", undefined, "2026-03-22")).toBe(true);
    expect(isPublicHoliday("AE", undefined, "2026-03-23")).toBe(false);
  });

  it("does not count an afternoon-only bank holiday as a day off", () => {
    // Austria's Christmas Eve is a bank holiday from 14:00 only.
    expect(isPublicHoliday("AT", undefined, "2026-12-24")).toBe(false);
    expect(isPublicHoliday("AT", undefined, "2026-12-25")).toBe(true);
  });

  it("joins the names of two holidays on one date", () => {
    expect(holidayName("US", "NY", "2027-02-15")).toBe("Susan B. Anthony Day / Washington's Birthday");
  });

  it("knows 20 November in every Brazilian state from 2024, also where date-holidays loses it", () => {
    // date-holidays 3.37: the state rules for 11-20 that ended in 2023 replace the national one (SP, RJ, AM, MT).
    for (const region of [undefined, "SP", "RJ", "AM", "MT", "BA"]) {
      expect(holidayName("BR", region, "2026-11-20")).toBe("Dia da Consciência Negra");
      expect(isPublicHoliday("BR", region, "2024-11-20")).toBe(true);
    }
    // Before the national law it was a state holiday in some states only.
    expect(isPublicHoliday("BR", "BA", "2023-11-20")).toBe(false);
    expect(isPublicHoliday("BR", "RJ", "2023-11-20")).toBe(true);
  });

  it("finds no holidays for a country it does not know", () => {
    expect(isPublicHoliday("XX", undefined, "2026-12-25")).toBe(false);
  });
});

function errorOf(result: Result<void>): string {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("validateCountryRegion", () => {
  it("accepts known countries and regions", () => {
    expect(validateCountryRegion("BE").ok).toBe(true);
    expect(validateCountryRegion("US", "NY").ok).toBe(true);
    expect(validateCountryRegion("de", "by").ok).toBe(true);
    expect(validateCountryRegion("DE", "DE-BY").ok).toBe(true);
    expect(validateCountryRegion("DE", "").ok).toBe(true);
  });

  it("explains an unknown country with an example", () => {
    expect(validateCountryRegion("XX")).toEqual({
      ok: false,
      error: 'country "XX" is not an ISO 3166-1 code date-holidays knows; e.g. "BE"',
    });
  });

  it("lists the regions when the region is unknown", () => {
    expect(errorOf(validateCountryRegion("DE", "ZZ"))).toMatch(/^region "ZZ" is not a region of DE .*BY/);
    expect(errorOf(validateCountryRegion("IS", "X"))).toContain("has no regions");
  });
});
