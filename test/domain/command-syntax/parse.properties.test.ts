import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/domain/command-syntax/dates.js";
import { parseCommand } from "../../../src/domain/command-syntax/parse.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const isoDates = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const context = { today: "2026-06-10" };

const keywords = fc.constantFrom(
  "milestone",
  "add",
  "list",
  "done",
  "move",
  "block",
  "due",
  "for",
  "because",
  "leave",
  "agreement",
  "set",
  "help",
  '"',
  "“",
  "<@U1|a b>",
  "<!here>",
  "@ana",
  "#12",
  "15 Dec",
  "in 2 weeks",
  "2026-02-30",
);

const commandish = fc
  .array(fc.oneof(keywords, fc.string({ maxLength: 12 })), { maxLength: 12 })
  .map((w) => w.join(" "));

function expectWellFormed(text: string): void {
  const result = parseCommand(text, context);
  if (result.ok) expect(result.value.name).toBeTruthy();
  else expect(result.error.trim().length).toBeGreaterThan(0);
}

describe("parseCommand properties", () => {
  it("never throws on arbitrary text and always returns a command or a non-empty error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        (text) => expectWellFormed(text),
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on command-like word salad", () => {
    fc.assert(
      fc.property(commandish, (text) => expectWellFormed(text)),
      { numRuns: 400 },
    );
  });

  it("never throws on huge inputs", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3_990, maxLength: 5_000, unit: "binary" }), (text) =>
        expectWellFormed(text),
      ),
      { numRuns: 15 },
    );
  });

  it("reads back the id and date of milestone move <n> <iso date>", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), isoDates, fc.boolean(), (id, date, hash) => {
        const result = parseCommand(`milestone move ${hash ? "#" : ""}${id} ${date}`, context);
        expect(result).toEqual({ ok: true, value: { name: "milestone.move", id, due: date } });
      }),
      { numRuns: 200 },
    );
  });
});

const titleChars = fc.constantFrom(
  "a",
  "Z",
  "7",
  " ",
  "  ",
  "due",
  "for",
  "@ana",
  "<",
  ">",
  "#",
  "é",
  "🎉",
  "'",
  ",",
);
const titles = fc
  .array(titleChars, { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(""))
  .filter((t) => t.trim().length > 0);

describe("milestone add properties", () => {
  it("reads back a quoted title and a D Mon YYYY due date", () => {
    fc.assert(
      fc.property(titles, isoDates, (title, date) => {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        const result = parseCommand(`milestone add "${title}" due ${d} ${MONTHS[m - 1]} ${y}`, context);
        const expected = title.replace(/\s+/g, " ").trim();
        expect(result).toEqual({ ok: true, value: { name: "milestone.add", title: expected, due: date } });
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseDate properties", () => {
  it("reads back any date written as D Mon YYYY or as ISO", () => {
    fc.assert(
      fc.property(isoDates, (date) => {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        expect(parseDate(`${d} ${MONTHS[m - 1]} ${y}`, context.today)).toEqual({ ok: true, value: date });
        expect(parseDate(date, context.today)).toEqual({ ok: true, value: date });
      }),
      { numRuns: 300 },
    );
  });

  it("reads a day and month without a year as a date on or after today, within a year (or 8 for 29 Feb)", () => {
    fc.assert(
      fc.property(isoDates, isoDates, (today, date) => {
        const [, m, d] = date.split("-").map(Number) as [number, number, number];
        const result = parseDate(`${d} ${MONTHS[m - 1]}`, today);
        if (!result.ok) throw new Error(result.error);
        expect(result.value >= today).toBe(true);
        expect(result.value.slice(5)).toBe(date.slice(5));
      }),
      { numRuns: 300 },
    );
  });

  it("takes a weekday name as a day within the next 7 days and next <weekday> as 7 days later", () => {
    const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    fc.assert(
      fc.property(isoDates, fc.constantFrom(...days), (today, day) => {
        const plainRead = parseDate(day, today);
        const nextRead = parseDate(`next ${day}`, today);
        if (!plainRead.ok || !nextRead.ok) throw new Error("a weekday name was not read as a date");
        const plain = plainRead.value;
        const next = nextRead.value;
        const dayMs = 86_400_000;
        const diff = (Date.parse(plain) - Date.parse(today)) / dayMs;
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThan(7);
        expect((Date.parse(next) - Date.parse(plain)) / dayMs).toBe(7);
      }),
      { numRuns: 200 },
    );
  });
});
